// The timeline of many cameras over a long window (days) from the hourly summary
// (`recording_hours`, kept by triggers on the index): one indexed read of ~24 rows
// per camera and day instead of merging every segment. Coarser than the exact
// reads by design: an hour's footage is the span from its first start to its last
// end, so a hole inside one hour is not shown (at a week's zoom one pixel is
// ~17 min, and a camera outage still comes as a gap row); range edges that fall at
// an hour's first start or last end are the segments' own. Activity spreads each
// hour's bytes evenly over that span.
import type { CoverageRange } from '../../contract/playback-schemas';
import type { Queryable } from '../db/database';
import { bucketMsOf, type BucketGrid } from './activity-buckets';
import { MERGE_GAP_MS } from './recorded-ranges';

export const HOUR_MS = 3_600_000;

export interface HourlyFootage {
  ranges: CoverageRange[];
  /** Recorded bytes per bucket of the grid. */
  activity: number[];
}

interface HourRow {
  camera_id: string;
  bytes: number;
  s: number;
  e: number;
}

/** Ranges and activity of each camera over the grid's window; cameras without footage are absent. */
export async function hourlyFootage(
  db: Queryable,
  cameraIds: readonly string[],
  grid: BucketGrid,
): Promise<Map<string, HourlyFootage>> {
  const { fromMs, toMs } = grid;
  const rows = await db.all<HourRow>(
    `SELECT camera_id, bytes, first_start_ms AS s, last_end_ms AS e FROM recording_hours
     WHERE camera_id IN (${cameraIds.map(() => '?').join(', ')}) AND hour_ms > ? AND hour_ms < ?
       AND last_end_ms > ? AND first_start_ms < ?
     ORDER BY camera_id, hour_ms`,
    [...cameraIds, fromMs - HOUR_MS, toMs, fromMs, toMs],
  );
  const out = new Map<string, HourlyFootage>();
  let cam: HourlyFootage | undefined;
  let last: CoverageRange | undefined;
  for (const r of rows) {
    if (!out.has(r.camera_id)) {
      cam = { ranges: [], activity: new Array<number>(grid.count).fill(0) };
      out.set(r.camera_id, cam);
      last = undefined;
    }
    if (!cam) continue;
    // Hours come in order and each lies inside its hour, so spans arrive sorted by start.
    if (last && r.s - last.endMs < MERGE_GAP_MS) last.endMs = Math.max(last.endMs, r.e);
    else cam.ranges.push((last = { startMs: r.s, endMs: r.e }));
    spread(cam.activity, grid, r);
  }
  for (const c of out.values()) {
    c.ranges = c.ranges.map((r) => ({
      startMs: Math.max(r.startMs, fromMs),
      endMs: Math.min(r.endMs, toMs),
    }));
    c.activity = c.activity.map((v) => Math.round(v));
  }
  return out;
}

/** Adds an hour's bytes to the buckets its span covers, in proportion to the time in each. */
function spread(sums: number[], grid: BucketGrid, r: HourRow): void {
  const bucketMs = bucketMsOf(grid);
  const bucketOf = (t: number) =>
    Math.min(grid.count - 1, Math.max(0, Math.floor((t - grid.fromMs) / bucketMs)));
  if (r.e <= r.s) {
    add(sums, bucketOf(r.s), r.bytes);
    return;
  }
  const s = Math.max(r.s, grid.fromMs);
  const e = Math.min(r.e, grid.toMs);
  for (let b = bucketOf(s); b <= bucketOf(e - 1); b++) {
    const lo = Math.max(s, grid.fromMs + b * bucketMs);
    const hi = Math.min(e, grid.fromMs + (b + 1) * bucketMs);
    if (hi > lo) add(sums, b, (r.bytes * (hi - lo)) / (r.e - r.s));
  }
}

const add = (sums: number[], i: number, bytes: number) => {
  sums[i] = (sums[i] ?? 0) + bytes;
};
