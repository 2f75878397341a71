// Seals with one box and opens values sealed by any known box, chosen by prefix.
// Lets the Electron shell prefer safeStorage (s1:) while still opening values
// sealed earlier with the key file (k1:), e.g. after a run in browser mode.
import { SecretBoxError, type SecretBox } from './secret-box';

export class PrefixedSecretBoxes implements SecretBox {
  readonly kind: string;

  constructor(
    private readonly primary: SecretBox & { readonly prefix: string },
    private readonly others: readonly (SecretBox & { readonly prefix: string })[],
  ) {
    this.kind = primary.kind;
  }

  encrypt(plain: string): string {
    return this.primary.encrypt(plain);
  }

  decrypt(sealed: string): string {
    for (const box of [this.primary, ...this.others]) {
      if (sealed.startsWith(box.prefix)) return box.decrypt(sealed);
    }
    throw new SecretBoxError('wrong_format', 'no secret box knows this sealed value');
  }
}
