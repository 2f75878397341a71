// Part of the recording domain's public reads of its index (with recorded-ranges,
// activity-buckets and segments-query; playback and export call these instead of
// querying the tables): which index rows count as playable footage and the gaps
// overlapping a window. Bounded like RecordingIndex.timeline: a
// recording never exceeds MAX_RECORDING_MS, so start_ms is bounded on both sides
// and the (camera_id, start_ms) index serves every query.
import type { Gap } from '../../contract/recording-schemas';
import type { Queryable } from '../db/database';
import { MAX_RECORDING_MS, toGap, type GapRow } from './recording-index';

export interface PlaybackQueryDeps {
  db: Queryable;
}

/** Playable footage: rows whose file was filed or recovered (not missing or quarantined). */
export const PLAYABLE = "status IN ('complete', 'recovered')";

/** Recordings of one camera overlapping [from, to); params: overlapParams(). */
export const OVERLAPS = 'camera_id = ? AND start_ms > ? AND start_ms < ? AND end_ms > ?';

export function overlapParams(
  cameraId: string,
  fromMs: number,
  toMs: number,
): [string, number, number, number] {
  return [cameraId, fromMs - MAX_RECORDING_MS, toMs, fromMs];
}

/**
 * Gaps of a camera overlapping [from, to), as stored (not clipped). A gap can be
 * long (a camera off for a week), so only its start is bounded, from above; a
 * camera has few gaps next to its thousands of segments.
 */
export async function gapsOverlapping(
  db: Queryable,
  cameraId: string,
  fromMs: number,
  toMs: number,
): Promise<Gap[]> {
  const rows = await db.all<GapRow>(
    `SELECT id, camera_id, stream, start_ms, end_ms, reason, error_kind FROM recording_gaps
     WHERE camera_id = ? AND start_ms < ? AND (end_ms IS NULL OR end_ms > ?)
     ORDER BY start_ms, id`,
    [cameraId, toMs, fromMs],
  );
  return rows.map(toGap);
}

/** gapsOverlapping for several cameras in one read (the timeline's 16 cameras), by camera id. */
export async function gapsOverlappingEach(
  db: Queryable,
  cameraIds: readonly string[],
  fromMs: number,
  toMs: number,
): Promise<Map<string, Gap[]>> {
  const rows = await db.all<GapRow>(
    `SELECT id, camera_id, stream, start_ms, end_ms, reason, error_kind FROM recording_gaps
     WHERE camera_id IN (${cameraIds.map(() => '?').join(', ')})
       AND start_ms < ? AND (end_ms IS NULL OR end_ms > ?)
     ORDER BY camera_id, start_ms, id`,
    [...cameraIds, toMs, fromMs],
  );
  const out = new Map<string, Gap[]>(cameraIds.map((id) => [id, []]));
  for (const r of rows) out.get(r.camera_id)?.push(toGap(r));
  return out;
}
