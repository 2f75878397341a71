// Snapshot images on disk: checks that the bytes are the image they claim to be
// and writes them crash-safely (temp file, fsync, rename) under the data folder.
import { createHash } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../../contract/errors';
import type { SnapshotInput } from '../../contract/incident-schemas';

export type SnapshotMime = SnapshotInput['mime'];

const MAGIC: Record<SnapshotMime, { bytes: readonly number[]; ext: string }> = {
  'image/jpeg': { bytes: [0xff, 0xd8, 0xff], ext: 'jpg' },
  'image/png': { bytes: [0x89, 0x50, 0x4e, 0x47], ext: 'png' },
};

export function snapshotExtension(mime: SnapshotMime): string {
  return MAGIC[mime].ext;
}

/** The decoded image, or invalid_image when its first bytes are not of `mime`. */
export function decodeSnapshot(dataBase64: string, mime: SnapshotMime): Buffer {
  const data = Buffer.from(dataBase64, 'base64');
  const magic = MAGIC[mime].bytes;
  if (data.length <= magic.length || magic.some((b, i) => data[i] !== b)) {
    throw new ApiError('invalid_request', 'invalid_image', { dataBase64: 'invalid_image' });
  }
  return data;
}

export function sha256Hex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Writes `data` to `file` so that a crash leaves either no file or the whole one:
 * a temp file beside it, fsync, rename, then fsync of the folder (the rename).
 */
export async function writeFileDurably(file: string, data: Buffer): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const fh = await open(tmp, 'wx');
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  // Windows cannot open a folder for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const dh = await open(dir, 'r');
  try {
    await dh.sync();
  } finally {
    await dh.close();
  }
}
