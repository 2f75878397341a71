// Folders earlier exports went to, offered again in the export dialog with the free
// space they have now: the browser build has no folder picker, and a path retyped
// at night is where mistakes happen.
import { stat } from 'node:fs/promises';
import type { RecentFolder } from '../../contract/export-schemas';
import { readVolume, type DiskSpace } from '../storage/disk-space';

export const RECENT_FOLDERS_MAX = 5;

export interface RecentFolderOptions {
  /** Folders not to offer again (a listed drive's root, the station's own folders). */
  skip: (path: string) => boolean;
  /** Free and total space of an existing folder, null when it is gone; default: stat + statfs. */
  space?: (path: string) => Promise<DiskSpace | null>;
  limit?: number;
}

async function spaceOfFolder(path: string): Promise<DiskSpace | null> {
  try {
    if (!(await stat(path)).isDirectory()) return null;
    return await readVolume(path);
  } catch {
    return null;
  }
}

/** Distinct destinations, newest first, that still exist; `destinations` is newest first. */
export async function recentFolders(
  destinations: readonly string[],
  opts: RecentFolderOptions,
): Promise<RecentFolder[]> {
  const space = opts.space ?? spaceOfFolder;
  const limit = opts.limit ?? RECENT_FOLDERS_MAX;
  const seen = new Set<string>();
  const out: RecentFolder[] = [];
  for (const path of destinations) {
    if (out.length >= limit) break;
    if (seen.has(path) || opts.skip(path)) continue;
    seen.add(path);
    const s = await space(path);
    if (s) out.push({ path, sizeBytes: s.totalBytes, freeBytes: s.freeBytes });
  }
  return out;
}
