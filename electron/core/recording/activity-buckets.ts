// The activity graph of one camera: recorded bytes per bucket of the window,
// never decoding video. A segment no longer than a bucket touches at most two
// buckets, so SQLite sums its `bytes`, split in proportion to the time in each;
// only segments longer than a bucket (zoomed in) have their per-second counts
// (recordings.second_bytes) decoded, and those are few because the window is short.
import type { Queryable } from '../db/database';
import { decodeSecondBytes } from './second-bytes';
import { OVERLAPS, overlapParams, PLAYABLE } from './footage-rows';

export interface BucketGrid {
  fromMs: number;
  toMs: number;
  /** Number of buckets; bucket i = [fromMs + i·bucketMs, +bucketMs). */
  count: number;
}

export const bucketMsOf = (g: BucketGrid): number => (g.toMs - g.fromMs) / g.count;

export async function activityBuckets(
  db: Queryable,
  cameraId: string,
  grid: BucketGrid,
): Promise<number[]> {
  const { fromMs, toMs, count } = grid;
  const bucketMs = bucketMsOf(grid);
  const sums = new Array<number>(count).fill(0);
  const add = (bucket: number, bytes: number) => {
    const i = Math.min(count - 1, Math.max(0, bucket));
    sums[i] = (sums[i] ?? 0) + bytes;
  };

  // s, e: the segment clipped to the window; b: the bucket it starts in; the part
  // past that bucket's end (tail) belongs to the next one.
  const short = await db.all<{ b: number; head: number | null; tail: number | null }>(
    `SELECT b,
       SUM(bytes * (MIN(e, ? + (b + 1) * ?) - s) * 1.0 / dur) AS head,
       SUM(bytes * MAX(0, e - (? + (b + 1) * ?)) * 1.0 / dur) AS tail
     FROM (
       SELECT bytes, MAX(end_ms - start_ms, 1) AS dur,
         MAX(start_ms, ?) AS s, MIN(end_ms, ?) AS e,
         CAST((MAX(start_ms, ?) - ?) / ? AS INTEGER) AS b
       FROM recordings WHERE ${OVERLAPS} AND ${PLAYABLE} AND end_ms - start_ms <= ?
     ) GROUP BY b`,
    [
      fromMs,
      bucketMs,
      fromMs,
      bucketMs,
      fromMs,
      toMs,
      fromMs,
      fromMs,
      bucketMs,
      ...overlapParams(cameraId, fromMs, toMs),
      bucketMs,
    ],
  );
  for (const r of short) {
    add(r.b, r.head ?? 0);
    add(r.b + 1, r.tail ?? 0);
  }

  const long = await db.all<{ start_ms: number; end_ms: number; second_bytes: Buffer }>(
    `SELECT start_ms, end_ms, second_bytes FROM recordings
     WHERE ${OVERLAPS} AND ${PLAYABLE} AND end_ms - start_ms > ?`,
    [...overlapParams(cameraId, fromMs, toMs), bucketMs],
  );
  for (const r of long) {
    const end = Math.min(r.end_ms, toMs);
    const seconds = decodeSecondBytes(r.second_bytes);
    for (let k = 0; k < seconds.length; k++) {
      const t = r.start_ms + k * 1000;
      if (t >= end) break;
      if (t + 1000 <= fromMs) continue;
      add(Math.floor((Math.max(t, fromMs) - fromMs) / bucketMs), seconds[k] ?? 0);
    }
  }
  return sums.map((v) => Math.round(v));
}
