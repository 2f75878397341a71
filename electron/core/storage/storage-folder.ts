// Checks a folder the officer wants recordings written to. Codes only; the
// renderer words them (field.storage_*).
import { isAbsolute, resolve } from 'node:path';
import { isInside, realPathOf } from './path-inside';
import { probeStorage } from './storage-health';

export type StorageFolderErrorCode =
  | 'not_absolute'
  | 'same_folder'
  | 'overlaps_root'
  | 'unwritable'
  | 'system_folder'
  | 'parent_missing'
  | 'timeout';

/**
 * Kernel file systems, never a place for footage: Node 20's recursive mkdir spins
 * forever on procfs, and writes there are at best lost.
 */
const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev'];
/** A folder check that takes longer than this (a hung network share, say) is given up. */
export const FOLDER_CHECK_TIMEOUT_MS = 10_000;

export class StorageFolderError extends Error {
  constructor(
    readonly code: StorageFolderErrorCode,
    /** errno of a failed write probe (EACCES, ENOTDIR, EROFS…). */
    readonly errno: string | null = null,
  ) {
    super(`storage folder rejected: ${code}`);
    this.name = 'StorageFolderError';
  }
}

/**
 * Validates and prepares a new storage root: absolute, not a kernel file system,
 * not the active root, not nested in or around another known root (the archive
 * walk of one would see the other's folders), created if its parent exists (one
 * level at a time: a typo must not grow a tree) and writable (a probe file is
 * written, synced and removed). Gives up after FOLDER_CHECK_TIMEOUT_MS. Returns
 * the normalised path to store.
 */
export async function prepareStorageFolder(
  input: string,
  activeRoot: string,
  knownRoots: readonly string[],
  timeoutMs = FOLDER_CHECK_TIMEOUT_MS,
): Promise<string> {
  if (!isAbsolute(input)) throw new StorageFolderError('not_absolute');
  const path = resolve(input);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StorageFolderError('timeout')), timeoutMs);
  });
  try {
    return await Promise.race([check(path, activeRoot, knownRoots), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function check(
  path: string,
  activeRoot: string,
  knownRoots: readonly string[],
): Promise<string> {
  // Checked on real paths before the probe creates anything, so a rejected path
  // leaves no folder behind and a symlink cannot lead into /proc or another root.
  const real = await realPathOf(path);
  if (process.platform !== 'win32' && SYSTEM_FOLDERS.some((f) => isInside(real, f)))
    throw new StorageFolderError('system_folder');
  if (real === (await realPathOf(activeRoot))) throw new StorageFolderError('same_folder');
  for (const root of knownRoots) {
    const other = await realPathOf(root);
    if (real !== other && (isInside(real, other) || isInside(other, real)))
      throw new StorageFolderError('overlaps_root');
  }
  const probe = await probeStorage(path, { create: 'one-level' });
  if (!probe.ok && probe.code === 'ENOENT') throw new StorageFolderError('parent_missing');
  if (!probe.ok) throw new StorageFolderError('unwritable', probe.code);
  return path;
}
