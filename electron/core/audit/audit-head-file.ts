// The last row of the audit chain, kept outside the database: deleting rows at the
// tail leaves an intact chain, but not one that reaches the head written here. The
// head is signed with the chain's key, so a head copied from the database after
// deleting rows (the app stopped) does not pass for one we wrote.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';

export interface AuditHead {
  seq: number;
  hash: string;
}

/**
 * What the file holds: a head whose signature checks; a head written before heads
 * were signed (`signed: false`, trusted once at the upgrade, never after); null
 * when there is no file; 'invalid' when it is not one we wrote.
 */
export type AuditHeadRead = (AuditHead & { signed: boolean }) | null | 'invalid';

export function signAuditHead(key: Buffer, head: AuditHead): string {
  return createHmac('sha256', key).update(`audit-head\n${head.seq}\n${head.hash}`).digest('hex');
}

export async function readAuditHead(file: string, key: Buffer): Promise<AuditHeadRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    const value = JSON.parse(text) as Partial<AuditHead & { mac: unknown }> | null;
    if (!value || !Number.isInteger(value.seq) || typeof value.hash !== 'string') return 'invalid';
    const head = { seq: value.seq as number, hash: value.hash };
    if (value.mac === undefined) return { ...head, signed: false };
    if (typeof value.mac !== 'string') return 'invalid';
    const want = Buffer.from(signAuditHead(key, head), 'hex');
    const got = Buffer.from(value.mac, 'hex');
    return got.length === want.length && timingSafeEqual(got, want)
      ? { ...head, signed: true }
      : 'invalid';
  } catch {
    return 'invalid'; // not JSON (the rename never leaves a torn file, so that means tampering)
  }
}

/** Temp file + rename, so a crash leaves the old head or the new one, never half of one. */
export async function writeAuditHead(file: string, key: Buffer, head: AuditHead): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  const body = { seq: head.seq, hash: head.hash, mac: signAuditHead(key, head) };
  await writeFile(temp, JSON.stringify(body) + '\n', { flush: true, mode: 0o600 });
  await rename(temp, file);
}
