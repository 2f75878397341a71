import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCRYPT_PARAMS,
  hashParamsOf,
  hashPassword,
  verifyPassword,
  type ScryptParams,
} from './password-hash';

const cheap: ScryptParams = { N: 1024, r: 8, p: 1 };

describe('password hashing', () => {
  it('stores scrypt with its parameters and a fresh salt, never the password', async () => {
    const a = await hashPassword('Mật khẩu 2026!', cheap);
    const b = await hashPassword('Mật khẩu 2026!', cheap);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('2026');
    expect(hashParamsOf(a)).toEqual(cheap);
  });

  it('verifies the right password only', async () => {
    const stored = await hashPassword('trucban-123', cheap);
    expect(await verifyPassword('trucban-123', stored)).toBe(true);
    expect(await verifyPassword('trucban-124', stored)).toBe(false);
    expect(await verifyPassword('Trucban-123', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('treats Vietnamese typed precomposed or decomposed as the same password', async () => {
    const stored = await hashPassword('Trộm cắp'.normalize('NFC'), cheap);
    expect(await verifyPassword('Trộm cắp'.normalize('NFD'), stored)).toBe(true);
  });

  it('uses the default cost, and keeps verifying old hashes after it is raised', async () => {
    const stored = await hashPassword('mat-khau-mac-dinh');
    expect(hashParamsOf(stored)).toEqual(DEFAULT_SCRYPT_PARAMS);
    expect(stored.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await verifyPassword('mat-khau-mac-dinh', stored)).toBe(true);
    const older = await hashPassword('mat-khau-cu', { N: 2048, r: 4, p: 2 });
    expect(await verifyPassword('mat-khau-cu', older)).toBe(true);
  });

  it('rejects stored values that are not its hashes, and bad parameters', async () => {
    const stored = await hashPassword('trucban-123', cheap);
    const parts = stored.split('$');
    const flipped = Buffer.from(parts[5] ?? '', 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    const tampered = [...parts.slice(0, 5), flipped.toString('base64')].join('$');
    expect(await verifyPassword('trucban-123', tampered)).toBe(false);
    expect(await verifyPassword('trucban-123', 'trucban-123')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA')).toBe(false);
    // A tampered row must not make the app allocate gigabytes.
    const huge = stored.replace('scrypt$1024$', `scrypt$${2 ** 24}$`);
    expect(await verifyPassword('trucban-123', huge)).toBe(false);
    await expect(hashPassword('x', { N: 1000, r: 8, p: 1 })).rejects.toThrow(/power of two/);
  });
});
