// Camera passwords sealed by the operating system's keystore (DPAPI on Windows,
// libsecret/kwallet on Linux) through Electron's safeStorage. Format: "s1:" + base64.
import { safeStorage } from 'electron';
import { SecretBoxError, type SecretBox } from '../core/secrets/secret-box';

const PREFIX = 's1:';

export class SafeStorageSecretBox implements SecretBox {
  readonly kind = 'safe-storage';
  readonly prefix = PREFIX;

  /**
   * Usable only with a real keystore: on Linux without one Electron falls back to
   * 'basic_text' (a fixed key), which is weaker than our own key file.
   */
  static isUsable(): boolean {
    if (!safeStorage.isEncryptionAvailable()) return false;
    return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
  }

  encrypt(plain: string): string {
    return PREFIX + safeStorage.encryptString(plain).toString('base64');
  }

  decrypt(sealed: string): string {
    if (!sealed.startsWith(PREFIX))
      throw new SecretBoxError('wrong_format', 'not an s1 sealed value');
    try {
      return safeStorage.decryptString(Buffer.from(sealed.slice(PREFIX.length), 'base64'));
    } catch {
      throw new SecretBoxError('tampered', 'the keystore could not open this value');
    }
  }
}
