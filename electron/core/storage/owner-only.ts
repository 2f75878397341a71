// The station's data and footage belong to the station's account only: other users
// of the PC must not read camera passwords' key, the database or the footage. On
// POSIX the data folder and storage roots are 0700 and the database files 0600;
// Windows keeps its per-user profile ACLs (chmod only toggles read-only there).
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';

export const OWNER_ONLY_DIR = 0o700;
export const OWNER_ONLY_FILE = 0o600;

const posix = process.platform !== 'win32';

/** Makes `dir` owner-only (it must exist). */
export async function restrictFolder(dir: string): Promise<void> {
  if (posix) await chmod(dir, OWNER_ONLY_DIR);
}

/** Makes those of `names` in `dir` that exist owner-only. */
export async function restrictFiles(dir: string, names: readonly string[]): Promise<void> {
  if (!posix) return;
  await Promise.all(
    names.map((n) =>
      chmod(join(dir, n), OWNER_ONLY_FILE).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
      }),
    ),
  );
}
