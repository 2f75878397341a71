// Recorded time of one camera over a window: playable segments merged when the
// next starts less than MERGE_GAP_MS after the previous ended, clipped to the
// window. Merged inside SQLite (gaps-and-islands over window functions), so a
// 7-day window returns a handful of rows instead of ten thousand segments.
import type { CoverageRange } from '../../contract/playback-schemas';
import type { Queryable } from '../db/database';
import { OVERLAPS, overlapParams, PLAYABLE } from './footage-rows';

/** Segments closer than this are one range on the timeline (segment seams, clock jitter). */
export const MERGE_GAP_MS = 2000;

export async function recordedRanges(
  db: Queryable,
  cameraId: string,
  fromMs: number,
  toMs: number,
): Promise<CoverageRange[]> {
  // A row starts a new island when it begins MERGE_GAP_MS or more after every
  // earlier row has ended (the first row: the running maximum is NULL).
  const rows = await db.all<{ s: number; e: number }>(
    `SELECT MIN(start_ms) AS s, MAX(end_ms) AS e FROM (
       SELECT start_ms, end_ms, SUM(fresh) OVER (ORDER BY start_ms, id ROWS UNBOUNDED PRECEDING) AS island
       FROM (
         SELECT id, start_ms, end_ms,
           CASE WHEN start_ms - MAX(end_ms) OVER (
                  ORDER BY start_ms, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) < ?
                THEN 0 ELSE 1 END AS fresh
         FROM recordings WHERE ${OVERLAPS} AND ${PLAYABLE}
       )
     ) GROUP BY island ORDER BY s`,
    [MERGE_GAP_MS, ...overlapParams(cameraId, fromMs, toMs)],
  );
  return rows.map((r) => ({ startMs: Math.max(r.s, fromMs), endMs: Math.min(r.e, toMs) }));
}
