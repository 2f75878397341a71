// Free and total space of the volume holding a folder (fs.statfs), for recording
// (retention, alarms) and export (free-space and FAT32 checks).
import { statfs } from 'node:fs/promises';

export interface DiskSpace {
  totalBytes: number;
  freeBytes: number;
}

export type DiskSpaceReader = (dir: string) => Promise<DiskSpace>;

/** statfs f_type of FAT file systems on Linux (MSDOS_SUPER_MAGIC). */
const MSDOS_SUPER_MAGIC = 0x4d44;

export interface Volume extends DiskSpace {
  /** A FAT file system (no file of 4 GiB or more); known on Linux only, false elsewhere. */
  fat: boolean;
}

export async function readVolume(dir: string): Promise<Volume> {
  const s = await statfs(dir);
  // bavail, not bfree: space an unprivileged process can actually use.
  return {
    totalBytes: s.blocks * s.bsize,
    freeBytes: s.bavail * s.bsize,
    fat: s.type === MSDOS_SUPER_MAGIC,
  };
}

export const readDiskSpace: DiskSpaceReader = readVolume;

/**
 * A mount as a folder path. Windows reports drives as "E:", which means "the current
 * folder on E:"; the drive's root is "E:\\".
 */
export function mountPathOf(mount: string, platform: NodeJS.Platform = process.platform): string {
  return platform === 'win32' && /^[a-z]:$/i.test(mount) ? `${mount}\\` : mount;
}
