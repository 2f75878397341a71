// Seals secrets (camera passwords) before they touch the database. The sealed
// string starts with a version prefix naming the box that can open it.
export interface SecretBox {
  /** Short name of the mechanism, e.g. 'keyfile' or 'safe-storage'. */
  readonly kind: string;
  encrypt(plain: string): string;
  /** Throws SecretBoxError when the value was tampered with or sealed by another key. */
  decrypt(sealed: string): string;
}

export type SecretBoxErrorCode =
  'tampered' | 'wrong_format' | 'key_file_insecure' | 'key_file_invalid';

export class SecretBoxError extends Error {
  constructor(
    readonly code: SecretBoxErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SecretBoxError';
  }
}
