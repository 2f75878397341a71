// WS-Security UsernameToken (PasswordDigest) as an ONVIF device checks it, with
// Dahua's time window: a Created stamp more than `windowMs` off the device clock is
// refused however right the password is.
import { createHash } from 'node:crypto';

export type WsseVerdict =
  { ok: true } | { ok: false; reason: 'missing' | 'bad_user' | 'bad_digest' | 'time_check' };

export interface UsernameToken {
  username: string;
  password: string;
  passwordType: string;
  nonce: string;
  created: string;
}

const DIGEST_TYPE_SUFFIX = '#PasswordDigest';

/** b64(sha1(nonce ‖ created ‖ password)), nonce given in base64. */
export function passwordDigest(nonceB64: string, created: string, password: string): string {
  return createHash('sha1')
    .update(
      Buffer.concat([
        Buffer.from(nonceB64, 'base64'),
        Buffer.from(created, 'utf8'),
        Buffer.from(password, 'utf8'),
      ]),
    )
    .digest('base64');
}

export function checkUsernameToken(
  token: UsernameToken | null,
  expected: { user: string; pass: string; deviceNowMs: number; windowMs: number },
): WsseVerdict {
  if (!token) return { ok: false, reason: 'missing' };
  if (token.username !== expected.user) return { ok: false, reason: 'bad_user' };
  if (!token.passwordType.endsWith(DIGEST_TYPE_SUFFIX)) return { ok: false, reason: 'bad_digest' };
  if (passwordDigest(token.nonce, token.created, expected.pass) !== token.password) {
    return { ok: false, reason: 'bad_digest' };
  }
  const created = Date.parse(token.created);
  if (!Number.isFinite(created) || Math.abs(created - expected.deviceNowMs) > expected.windowMs) {
    return { ok: false, reason: 'time_check' };
  }
  return { ok: true };
}
