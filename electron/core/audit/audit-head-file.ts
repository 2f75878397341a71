// The last row of the audit chain, kept outside the database: deleting rows at the
// tail leaves an intact chain, but not one that reaches the head written here.
import { readFile, rename, writeFile } from 'node:fs/promises';

export interface AuditHead {
  seq: number;
  hash: string;
}

/**
 * The head on disk; null when none was written yet; 'invalid' when the file is
 * not one we wrote (the rename never leaves a torn file, so that means tampering).
 */
export async function readAuditHead(file: string): Promise<AuditHead | null | 'invalid'> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    const value = JSON.parse(text) as Partial<AuditHead> | null;
    if (value && Number.isInteger(value.seq) && typeof value.hash === 'string')
      return { seq: value.seq as number, hash: value.hash };
  } catch {
    // not JSON: reported as invalid below
  }
  return 'invalid';
}

/** Temp file + rename, so a crash leaves the old head or the new one, never half of one. */
export async function writeAuditHead(file: string, head: AuditHead): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify({ seq: head.seq, hash: head.hash }) + '\n', {
    flush: true,
  });
  await rename(temp, file);
}
