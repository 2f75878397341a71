import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEY_FILE_NAME, KeyFileSecretBox } from './key-file-secret-box';
import { SecretBoxError } from './secret-box';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'station-secret-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('KeyFileSecretBox', () => {
  it('round-trips, with a fresh IV each time', () => {
    const box = KeyFileSecretBox.forDataDir(dir);
    const a = box.encrypt('Mật khẩu@123/#');
    const b = box.encrypt('Mật khẩu@123/#');
    expect(a.startsWith('k1:')).toBe(true);
    expect(a).not.toBe(b);
    expect(box.decrypt(a)).toBe('Mật khẩu@123/#');
    expect(a).not.toContain('123');
  });

  it('reuses the key file on the next start', () => {
    const sealed = KeyFileSecretBox.forDataDir(dir).encrypt('admin12345');
    expect(KeyFileSecretBox.forDataDir(dir).decrypt(sealed)).toBe('admin12345');
  });

  it('detects tampering', () => {
    const box = KeyFileSecretBox.forDataDir(dir);
    const raw = Buffer.from(box.encrypt('secret').slice(3), 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(() => box.decrypt('k1:' + raw.toString('base64'))).toThrow(SecretBoxError);
    expect(() => box.decrypt('s1:abc')).toThrow(/k1/);
  });

  it('fails with another key', () => {
    const sealed = KeyFileSecretBox.forDataDir(dir).encrypt('secret');
    const other = mkdtempSync(join(tmpdir(), 'station-secret-'));
    try {
      expect(() => KeyFileSecretBox.forDataDir(other).decrypt(sealed)).toThrow(/another key/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it.skipIf(process.platform === 'win32')(
    'creates the key file 0600 and refuses one others can read',
    () => {
      KeyFileSecretBox.forDataDir(dir);
      const path = join(dir, KEY_FILE_NAME);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      chmodSync(path, 0o644);
      expect(() => KeyFileSecretBox.forDataDir(dir)).toThrow(/chmod 600/);
    },
  );

  it('refuses a key file that does not hold a 32-byte key', () => {
    const path = join(dir, KEY_FILE_NAME);
    writeFileSync(path, 'c2hvcnQ=\n', { mode: 0o600 });
    expect(() => KeyFileSecretBox.fromFile(path)).toThrow(/32-byte/);
  });
});
