// Fills a recording index with synthetic rows inside SQLite (a recursive CTE, no
// per-row round trips): cameras × days of back-to-back segments, with a gap
// every few hours. Used by the timeline-speed test and the record benchmark.
import type { Database } from '../../db/database';

export interface SyntheticIndexOptions {
  cameras: number;
  days: number;
  segmentSeconds: number;
  endMs: number;
}

export async function fillSyntheticIndex(db: Database, o: SyntheticIndexOptions): Promise<number> {
  const perCamera = Math.floor((o.days * 86_400) / o.segmentSeconds);
  const segMs = o.segmentSeconds * 1000;
  const startMs = o.endMs - perCamera * segMs;
  const blob = `X'${'4000'.repeat(o.segmentSeconds)}'`;
  await db.transaction(async (tx) => {
    for (let c = 0; c < o.cameras; c++) {
      const cam = `synthetic-${String(c).padStart(2, '0')}`;
      await tx.run(
        `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO recordings (camera_id, stream, start_ms, end_ms, bytes, path, status, codec, run_id, seq, second_bytes, indexed_at)
         SELECT ?, 'main', ? + i * ?, ? + (i + 1) * ?, 3000000, ? || '/' || i || '.mp4', 'complete', 'avc1', 'synth', i, ${blob}, ?
         FROM n`,
        [perCamera - 1, cam, startMs, segMs, startMs, segMs, cam, o.endMs],
      );
      await tx.run(
        `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO recording_gaps (camera_id, stream, start_ms, end_ms, reason)
         SELECT ?, 'main', ? + i * 21600000, ? + i * 21600000 + 30000, 'camera_offline' FROM n`,
        [o.days * 4 - 1, cam, startMs, startMs],
      );
    }
  });
  await db.exec('ANALYZE');
  return perCamera * o.cameras;
}
