// The audit chain's HMAC key lives in the database only sealed by the SecretBox
// (whose key is outside the database), so a tool that edits the database can
// neither read it nor recompute the chain after an edit.
import { randomBytes } from 'node:crypto';
import type { SecretBox } from '../secrets/secret-box';

export const AUDIT_KEY_SETTING = 'audit.key';
const KEY_BYTES = 32;

export interface InternalSettings {
  getInternal(name: string): Promise<unknown>;
  setInternal(name: string, value: unknown): Promise<void>;
}

/**
 * Returns the station's audit key, creating it on first start. A stored key that
 * cannot be opened is an error, never a reason to make a new one: a new key would
 * make the whole existing chain look altered (or let a tamperer start afresh).
 */
export async function loadOrCreateAuditKey(
  settings: InternalSettings,
  box: SecretBox,
): Promise<Buffer> {
  const stored = await settings.getInternal(AUDIT_KEY_SETTING);
  if (stored !== undefined && stored !== null) {
    if (typeof stored !== 'string') throw new Error('audit key setting is not a sealed string');
    const key = Buffer.from(box.decrypt(stored), 'base64');
    if (key.length !== KEY_BYTES) throw new Error('audit key has the wrong length');
    return key;
  }
  const key = randomBytes(KEY_BYTES);
  await settings.setInternal(AUDIT_KEY_SETTING, box.encrypt(key.toString('base64')));
  return key;
}
