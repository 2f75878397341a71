import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { KeyFileSecretBox } from '../secrets/key-file-secret-box';
import { SecretBoxError } from '../secrets/secret-box';
import { SettingsService } from '../settings/settings-service';
import { AUDIT_KEY_SETTING, loadOrCreateAuditKey } from './audit-key';

let dir: string;
let db: Database;
let settings: SettingsService;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-audit-key-'));
  db = await openStationDb(dir);
  settings = new SettingsService({ db, emit: () => undefined });
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('loadOrCreateAuditKey', () => {
  it('creates a 32-byte key once, stores it sealed, and returns the same key later', async () => {
    const box = KeyFileSecretBox.forDataDir(join(dir, 'keys'));
    const key = await loadOrCreateAuditKey(settings, box);
    expect(key).toHaveLength(32);
    const stored = await settings.getInternal(AUDIT_KEY_SETTING);
    expect(typeof stored).toBe('string');
    expect(stored).not.toContain(key.toString('base64'));
    expect(stored).not.toContain(key.toString('hex'));
    const again = await loadOrCreateAuditKey(
      settings,
      KeyFileSecretBox.forDataDir(join(dir, 'keys')),
    );
    expect(again.equals(key)).toBe(true);
  });

  it('refuses a stored key it cannot open instead of making a new one', async () => {
    await loadOrCreateAuditKey(settings, KeyFileSecretBox.forDataDir(join(dir, 'keys')));
    const otherBox = KeyFileSecretBox.forDataDir(join(dir, 'other-keys'));
    await expect(loadOrCreateAuditKey(settings, otherBox)).rejects.toBeInstanceOf(SecretBoxError);
    await settings.setInternal(AUDIT_KEY_SETTING, 42);
    await expect(loadOrCreateAuditKey(settings, otherBox)).rejects.toThrow(/sealed string/);
  });
});
