// Officer passwords are stored only as scrypt hashes. The parameters travel in
// the stored string so they can be raised later without breaking old hashes:
//   scrypt$<N>$<r>$<p>$<saltB64>$<hashB64>
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/** 32 MiB per hash. OWASP suggests N=2^17 for servers; raise it here later, old hashes keep verifying. */
export const DEFAULT_SCRYPT_PARAMS: Readonly<ScryptParams> = { N: 2 ** 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
// A stored string comes from our own database, but a tampered one must not make us allocate gigabytes.
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

/**
 * scrypt runs on libuv's thread pool (4 threads), which node-sqlite3 shares: a burst
 * of sign-in attempts (unknown ids included) must not take every thread and stall
 * the database. Two hashes at a time; the rest wait their turn.
 */
const MAX_PARALLEL_HASHES = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  // A finished hash hands its slot straight to the next in line.
  if (running >= MAX_PARALLEL_HASHES) await new Promise<void>((go) => waiting.push(go));
  else running += 1;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

function derive(
  plain: string,
  salt: Buffer,
  keyLen: number,
  params: ScryptParams,
): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    // scrypt needs 128·N·r bytes; leave headroom over Node's 32 MiB default so N=2^15 fits.
    maxmem: 256 * params.N * params.r + 1024 * 1024,
  };
  return withHashSlot(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        scrypt(plain.normalize('NFC'), salt, keyLen, options, (err, key) =>
          err ? reject(err) : resolve(key),
        );
      }),
  );
}

function checkParams(params: ScryptParams): void {
  const { N, r, p } = params;
  const powerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > MAX_N) throw new Error('scrypt N must be a power of two up to 2^20');
  if (!Number.isInteger(r) || r < 1 || r > MAX_R) throw new Error('scrypt r out of range');
  if (!Number.isInteger(p) || p < 1 || p > MAX_P) throw new Error('scrypt p out of range');
}

export async function hashPassword(
  plain: string,
  params: ScryptParams = DEFAULT_SCRYPT_PARAMS,
): Promise<string> {
  checkParams(params);
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(plain, salt, KEY_BYTES, params);
  return [
    'scrypt',
    params.N,
    params.r,
    params.p,
    salt.toString('base64'),
    key.toString('base64'),
  ].join('$');
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

function parseStored(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [, n, r, p, salt, key] = parts;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  try {
    checkParams(params);
  } catch {
    return null;
  }
  const saltBuf = Buffer.from(salt ?? '', 'base64');
  const keyBuf = Buffer.from(key ?? '', 'base64');
  if (saltBuf.length < 8 || keyBuf.length < 16) return null;
  return { params, salt: saltBuf, key: keyBuf };
}

/** False for a wrong password and for a stored value that is not one of our hashes. */
export async function verifyPassword(plain: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored);
  if (!parsed) return false;
  const key = await derive(plain, parsed.salt, parsed.key.length, parsed.params);
  return timingSafeEqual(key, parsed.key);
}

/** The parameters a stored hash was made with, or null when it is not ours (to rehash on sign-in later). */
export function hashParamsOf(stored: string): ScryptParams | null {
  return parseStored(stored)?.params ?? null;
}
