// Is the storage folder usable right now? Creates it if needed and writes, syncs
// and removes a small probe file: the only honest test of "can we record here".
import { mkdir, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { OWNER_ONLY_DIR } from './owner-only';

export type StorageProbe = { ok: true } | { ok: false; code: string };

/**
 * `create: false` for a root that existed before: a missing folder then means an
 * unplugged disk, and creating it again would silently record onto the system
 * disk under the empty mount point. `'one-level'` creates the folder only when
 * its parent exists (a new root the officer typed).
 */
export async function probeStorage(
  dir: string,
  opts: { create: boolean | 'one-level' } = { create: true },
): Promise<StorageProbe> {
  const probe = join(dir, `.write-probe-${process.pid}`);
  try {
    // Owner-only: footage is for the station's account (storage/owner-only.ts).
    if (opts.create === 'one-level') await mkdir(dir, { mode: OWNER_ONLY_DIR }).catch(existsOk);
    else if (opts.create) await mkdir(dir, { recursive: true, mode: OWNER_ONLY_DIR });
    const fh = await open(probe, 'w');
    try {
      await fh.writeFile('ok');
      await fh.sync();
    } finally {
      await fh.close();
    }
    await unlink(probe);
    return { ok: true };
  } catch (err) {
    return { ok: false, code: (err as NodeJS.ErrnoException).code ?? 'EIO' };
  }
}

function existsOk(err: NodeJS.ErrnoException): void {
  if (err.code !== 'EEXIST') throw err;
}
