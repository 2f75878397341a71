import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeyFileSecretBox } from './key-file-secret-box';
import { PrefixedSecretBoxes } from './prefixed-secret-boxes';

let dirs: string[];
beforeEach(() => {
  dirs = [
    mkdtempSync(join(tmpdir(), 'station-pbox-')),
    mkdtempSync(join(tmpdir(), 'station-pbox-')),
  ];
});
afterEach(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A second real box under another prefix, as safeStorage ('s1:') is in the shell. */
function otherPrefix(box: KeyFileSecretBox, prefix: string) {
  return {
    kind: 'other',
    prefix,
    encrypt: (plain: string) => prefix + box.encrypt(plain).slice(3),
    decrypt: (sealed: string) => box.decrypt('k1:' + sealed.slice(prefix.length)),
  };
}

describe('PrefixedSecretBoxes', () => {
  it('seals with the primary box and opens values sealed earlier by the others', () => {
    const keyFile = KeyFileSecretBox.forDataDir(dirs[0]!);
    const old = keyFile.encrypt('mật khẩu cũ');
    const boxes = new PrefixedSecretBoxes(
      otherPrefix(KeyFileSecretBox.forDataDir(dirs[1]!), 's1:'),
      [keyFile],
    );
    const fresh = boxes.encrypt('mật khẩu mới');
    expect(fresh.startsWith('s1:')).toBe(true);
    expect(boxes.decrypt(fresh)).toBe('mật khẩu mới');
    expect(boxes.decrypt(old)).toBe('mật khẩu cũ');
    expect(() => boxes.decrypt('z9:abc')).toThrow(/no secret box/);
  });
});
