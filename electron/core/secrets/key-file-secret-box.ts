// AES-256-GCM with a random key kept in <dataDir>/secret.key (mode 0600): the
// station service's secret box (it runs headless, where no OS keystore is open).
// Sealed format: "k1:" + base64(iv[12] | tag[16] | ciphertext).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { SecretBoxError, type SecretBox } from './secret-box';

const PREFIX = 'k1:';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_FILE_NAME = 'secret.key';

export class KeyFileSecretBox implements SecretBox {
  readonly kind = 'keyfile';
  readonly prefix = PREFIX;

  constructor(private readonly key: Buffer) {
    if (key.length !== KEY_BYTES)
      throw new SecretBoxError('key_file_invalid', 'key must be 32 bytes');
  }

  /** Loads <dataDir>/secret.key, creating it with mode 0600 on first use. */
  static forDataDir(dataDir: string): KeyFileSecretBox {
    mkdirSync(dataDir, { recursive: true });
    return KeyFileSecretBox.fromFile(join(dataDir, KEY_FILE_NAME));
  }

  static fromFile(path: string): KeyFileSecretBox {
    let fd: number | null = null;
    try {
      // 'wx' fails when the file exists, so two starts never overwrite each other's key.
      fd = openSync(path, 'wx', 0o600);
      writeSync(fd, randomBytes(KEY_BYTES).toString('base64') + '\n');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      if (fd !== null) closeSync(fd);
    }
    if (process.platform !== 'win32') {
      const mode = statSync(path).mode & 0o777;
      if ((mode & 0o077) !== 0) {
        throw new SecretBoxError(
          'key_file_insecure',
          `${path} is readable by other users (mode ${mode.toString(8)}); run: chmod 600 "${path}"`,
        );
      }
    }
    const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    if (key.length !== KEY_BYTES) {
      throw new SecretBoxError('key_file_invalid', `${path} does not hold a 32-byte base64 key`);
    }
    return new KeyFileSecretBox(key);
  }

  encrypt(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  decrypt(sealed: string): string {
    if (!sealed.startsWith(PREFIX))
      throw new SecretBoxError('wrong_format', 'not a k1 sealed value');
    const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES)
      throw new SecretBoxError('wrong_format', 'sealed value too short');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new SecretBoxError('tampered', 'sealed value was altered or sealed with another key');
    }
  }
}
