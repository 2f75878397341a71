// bcrypt ($2a$) for the hub config's password hashes: nats-server compares a station's
// password against a bcrypt hash, so the config on the centre's disk never holds one in
// clear. No bcrypt package is installed; this follows OpenBSD's bcrypt.c and is checked
// against its published vectors (bcrypt.test.ts). Blowfish's tables are the hex digits
// of pi, computed once (BigInt Machin formula, ~30 ms) instead of pasting 4 KiB of
// constants.
import { randomBytes } from 'node:crypto';

const ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const WORDS = 18 + 4 * 256;

let piWords: Uint32Array | null = null;

/** The first 18 + 1024 32-bit words of pi's fractional part (Blowfish's P and S). */
function blowfishInit(): Uint32Array {
  if (piWords) return piWords;
  const bits = BigInt(WORDS * 32 + 64);
  const one = 1n << bits;
  // arctan(1/x) in fixed point; bounded: each term divides by x² at least.
  const arctanInv = (x: bigint): bigint => {
    let sum = 0n;
    let power = one / x;
    const x2 = x * x;
    for (let k = 0n; power !== 0n; k++) {
      const term = power / (2n * k + 1n);
      sum = k % 2n === 0n ? sum + term : sum - term;
      power /= x2;
    }
    return sum;
  };
  const pi = 16n * arctanInv(5n) - 4n * arctanInv(239n);
  const frac = (pi - 3n * one) >> 64n;
  const out = new Uint32Array(WORDS);
  for (let i = 0; i < WORDS; i++) {
    out[i] = Number((frac >> BigInt((WORDS - 1 - i) * 32)) & 0xffffffffn);
  }
  piWords = out;
  return out;
}

class Blowfish {
  readonly p: Uint32Array;
  readonly s: Uint32Array;

  constructor() {
    const init = blowfishInit();
    this.p = init.slice(0, 18);
    this.s = init.slice(18);
  }

  private f(x: number): number {
    const s = this.s;
    return (
      (((s[x >>> 24]! + s[256 + ((x >>> 16) & 0xff)]!) ^ s[512 + ((x >>> 8) & 0xff)]!) +
        s[768 + (x & 0xff)]!) >>>
      0
    );
  }

  /** Enciphers lr[off], lr[off+1] in place. */
  encipher(lr: Uint32Array, off: number): void {
    const p = this.p;
    let l = lr[off]! ^ p[0]!;
    let r = lr[off + 1]!;
    for (let i = 1; i <= 16; i += 2) {
      r ^= this.f(l) ^ p[i]!;
      l ^= this.f(r) ^ p[i + 1]!;
    }
    lr[off] = (r ^ p[17]!) >>> 0;
    lr[off + 1] = l >>> 0;
  }

  /** Blowfish_expandstate (salt given) or Blowfish_expand0state (salt null). */
  expand(key: Uint8Array, salt: Uint8Array | null): void {
    const keyPos = { j: 0 };
    for (let i = 0; i < 18; i++) this.p[i] = (this.p[i]! ^ streamWord(key, keyPos)) >>> 0;
    const saltPos = { j: 0 };
    const lr = new Uint32Array(2);
    const fill = (table: Uint32Array, count: number, base: number): void => {
      for (let i = 0; i < count; i += 2) {
        if (salt) {
          lr[0] = lr[0]! ^ streamWord(salt, saltPos);
          lr[1] = lr[1]! ^ streamWord(salt, saltPos);
        }
        this.encipher(lr, 0);
        table[base + i] = lr[0]!;
        table[base + i + 1] = lr[1]!;
      }
    };
    fill(this.p, 18, 0);
    fill(this.s, 1024, 0);
  }
}

function streamWord(data: Uint8Array, pos: { j: number }): number {
  let word = 0;
  for (let i = 0; i < 4; i++) {
    if (pos.j >= data.length) pos.j = 0;
    word = ((word << 8) | data[pos.j]!) >>> 0;
    pos.j++;
  }
  return word;
}

function encode64(data: Uint8Array, len: number): string {
  let out = '';
  let off = 0;
  while (off < len) {
    let c1 = data[off++]!;
    out += ALPHABET[(c1 >> 2) & 0x3f];
    c1 = (c1 & 0x03) << 4;
    if (off >= len) {
      out += ALPHABET[c1];
      break;
    }
    let c2 = data[off++]!;
    c1 |= (c2 >> 4) & 0x0f;
    out += ALPHABET[c1];
    c1 = (c2 & 0x0f) << 2;
    if (off >= len) {
      out += ALPHABET[c1];
      break;
    }
    c2 = data[off++]!;
    c1 |= (c2 >> 6) & 0x03;
    out += ALPHABET[c1];
    out += ALPHABET[c2 & 0x3f];
  }
  return out;
}

function decode64(text: string, len: number): Uint8Array {
  const out = new Uint8Array(len);
  const val = (i: number): number => {
    const v = ALPHABET.indexOf(text[i] ?? '');
    if (v < 0) throw new Error('bcrypt: bad salt character');
    return v;
  };
  let o = 0;
  for (let i = 0; o < len; i += 4) {
    const c1 = val(i);
    const c2 = val(i + 1);
    out[o++] = ((c1 << 2) | ((c2 & 0x30) >> 4)) & 0xff;
    if (o >= len) break;
    const c3 = val(i + 2);
    out[o++] = (((c2 & 0x0f) << 4) | ((c3 & 0x3c) >> 2)) & 0xff;
    if (o >= len) break;
    const c4 = val(i + 3);
    out[o++] = (((c3 & 0x03) << 6) | c4) & 0xff;
  }
  return out;
}

/** bcrypt of `password` with a 22-character salt string (as in a hash) and cost 4..31. */
export function bcryptWithSalt(password: string, cost: number, salt22: string): string {
  if (!Number.isInteger(cost) || cost < 4 || cost > 31) throw new Error('bcrypt: cost 4..31');
  const salt = decode64(salt22, 16);
  // $2a$/$2b$: the key is the UTF-8 password with its NUL, at most 72 bytes.
  const key = Buffer.concat([Buffer.from(password, 'utf8'), Buffer.from([0])]).subarray(0, 72);
  const bf = new Blowfish();
  bf.expand(key, salt);
  for (let round = 0; round < 2 ** cost; round++) {
    bf.expand(key, null);
    bf.expand(salt, null);
  }
  const text = Buffer.from('OrpheanBeholderScryDoubt', 'latin1');
  const ctext = new Uint32Array(6);
  for (let i = 0; i < 6; i++) ctext[i] = text.readUInt32BE(i * 4);
  for (let n = 0; n < 64; n++) {
    for (let i = 0; i < 6; i += 2) bf.encipher(ctext, i);
  }
  const bytes = Buffer.alloc(24);
  for (let i = 0; i < 6; i++) bytes.writeUInt32BE(ctext[i]!, i * 4);
  const saltText = encode64(salt, 16);
  return `$2a$${String(cost).padStart(2, '0')}$${saltText}${encode64(bytes, 23)}`;
}

/** A new bcrypt hash with a random salt; cost 11 is nats-server's own default. */
export function bcryptHash(password: string, cost = 11): string {
  return bcryptWithSalt(password, cost, encode64(randomBytes(16), 16));
}
