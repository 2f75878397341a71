// Playable segments of one camera overlapping a window, with the absolute path of
// each file (its storage root joined): what an export copies. One query per
// camera, bounded on start_ms like footage-rows' OVERLAPS (the same parameters)
// so the (camera_id, start_ms) index serves it however long the window. And the
// file of one indexed recording, which playback serves.
import type { Queryable } from '../db/database';
import { absPath } from '../storage/storage-layout';
import { overlapParams } from './footage-rows';
import type { RecordingIndex } from './recording-index';

export interface SegmentFile {
  id: number;
  startMs: number;
  endMs: number;
  bytes: number;
  codec: string | null;
  /** Absolute path of the file. */
  path: string;
}

interface SegmentFileRow {
  id: number;
  start_ms: number;
  end_ms: number;
  bytes: number;
  codec: string | null;
  path: string;
  root: string;
}

/** Filed or recovered rows (not missing or quarantined) overlapping [fromMs, toMs), oldest first. */
export async function segmentFilesOverlapping(
  db: Queryable,
  cameraId: string,
  fromMs: number,
  toMs: number,
): Promise<SegmentFile[]> {
  const rows = await db.all<SegmentFileRow>(
    `SELECT r.id, r.start_ms, r.end_ms, r.bytes, r.codec, r.path, s.path AS root
     FROM recordings r JOIN storage_roots s ON s.id = r.root_id
     WHERE r.camera_id = ? AND r.start_ms > ? AND r.start_ms < ? AND r.end_ms > ?
       AND r.status IN ('complete', 'recovered')
     ORDER BY r.start_ms, r.id`,
    overlapParams(cameraId, fromMs, toMs),
  );
  return rows.map((r) => ({
    id: r.id,
    startMs: r.start_ms,
    endMs: r.end_ms,
    bytes: r.bytes,
    codec: r.codec,
    path: absPath(r.root, r.path),
  }));
}

/**
 * Absolute path of an indexed recording (serve only indexed files): its root's folder +
 * its relative path, whichever root is active now. Null unless filed or recovered.
 */
export async function indexedRecordingFile(
  index: Pick<RecordingIndex, 'recordingById' | 'roots'>,
  id: number,
): Promise<string | null> {
  const rec = await index.recordingById(id);
  if (!rec || (rec.status !== 'complete' && rec.status !== 'recovered')) return null;
  const root = (await index.roots()).find((r) => r.id === rec.rootId);
  return root ? absPath(root.path, rec.path) : null;
}
