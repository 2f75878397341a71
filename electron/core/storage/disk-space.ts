// Free and total space of the volume holding a folder (fs.statfs).
import { statfs } from 'node:fs/promises';

export interface DiskSpace {
  totalBytes: number;
  freeBytes: number;
}

export type DiskSpaceReader = (dir: string) => Promise<DiskSpace>;

export const readDiskSpace: DiskSpaceReader = async (dir) => {
  const s = await statfs(dir);
  // bavail, not bfree: space an unprivileged process can actually use.
  return { totalBytes: s.blocks * s.bsize, freeBytes: s.bavail * s.bsize };
};
