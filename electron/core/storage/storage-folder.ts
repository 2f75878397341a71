// Checks a folder the officer wants recordings written to. Codes only; the
// renderer words them (field.storage_*).
import { realpath } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { isInside } from './path-inside';
import { probeStorage } from './storage-health';

export type StorageFolderErrorCode =
  'not_absolute' | 'same_folder' | 'overlaps_root' | 'unwritable';

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

/** The real path when it exists (symlinks and bind paths resolved), else the normalised one. */
async function canonical(path: string): Promise<string> {
  return realpath(path).catch(() => path);
}

/**
 * Validates and prepares a new storage root: absolute, not the active root, not
 * nested in or around another known root (the archive walk of one would see the
 * other's folders), created if needed and writable (a probe file is written,
 * synced and removed). Returns the normalised path to store.
 */
export async function prepareStorageFolder(
  input: string,
  activeRoot: string,
  knownRoots: readonly string[],
): Promise<string> {
  if (!isAbsolute(input)) throw new StorageFolderError('not_absolute');
  const path = resolve(input);
  // Checked before the probe creates anything, so a rejected path leaves no folder behind.
  const real = await canonical(path);
  if (real === (await canonical(activeRoot))) throw new StorageFolderError('same_folder');
  for (const root of knownRoots) {
    const other = await canonical(root);
    if (real !== other && (isInside(real, other) || isInside(other, real)))
      throw new StorageFolderError('overlaps_root');
  }
  const probe = await probeStorage(path, { create: true });
  if (!probe.ok) throw new StorageFolderError('unwritable', probe.code);
  return path;
}
