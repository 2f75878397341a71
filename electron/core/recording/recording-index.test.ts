import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { RecordingIndex } from './recording-index';
import { fillSyntheticIndex } from './testing/synthetic-index';
import { openRecordingDb, tempDir } from './testing/recording-test-kit';

const END = Date.UTC(2026, 10, 27, 0, 0, 0);
let tmp: Awaited<ReturnType<typeof tempDir>>;
let db: Database;
let index: RecordingIndex;

beforeAll(async () => {
  tmp = await tempDir('rec-index');
  db = await openRecordingDb(join(tmp.dir, 'station.db'));
  index = new RecordingIndex(db);
  // 30 days of 60 s segments for 8 cameras; the query cost depends on one camera's rows.
  await fillSyntheticIndex(db, { cameras: 8, days: 30, segmentSeconds: 60, endMs: END });
}, 60_000);

afterAll(async () => {
  await db.close();
  await tmp.cleanup();
});

describe('RecordingIndex', () => {
  it('answers a 24 h timeline in ≤ 20 ms over 30 days of one-minute segments', async () => {
    const from = END - 10 * 86_400_000;
    await index.timeline('synthetic-03', from, from + 86_400_000);
    const times: number[] = [];
    let tl = await index.timeline('synthetic-03', from, from + 86_400_000);
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      tl = await index.timeline('synthetic-03', from, from + 86_400_000);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    expect(tl.recordings).toHaveLength(1440);
    expect(tl.gaps).toHaveLength(4);
    expect(tl.recordings.every((r) => r.cameraId === 'synthetic-03')).toBe(true);
    expect(times[5]!).toBeLessThanOrEqual(20);
  });

  it('includes a segment that started before the window and overlaps it', async () => {
    const from = END - 86_400_000 + 30_000; // mid-segment
    const tl = await index.timeline('synthetic-00', from, from + 60_000);
    expect(tl.recordings).toHaveLength(2);
    expect(tl.recordings[0]!.startMs).toBeLessThan(from);
  });

  it('keeps locked footage out of the retention candidates', async () => {
    const oldest = await index.oldestUnlocked(3, 'synthetic-07');
    await index.addLock(
      {
        cameraId: null,
        startMs: oldest[0]!.startMs,
        endMs: oldest[1]!.endMs,
        reason: 'incident',
        incidentId: null,
      },
      END,
    );
    const after = await index.oldestUnlocked(3, 'synthetic-07');
    expect(after[0]!.id).toBe(oldest[2]!.id);
  });

  it('returns per-second activity of the recordings in a window', async () => {
    const from = END - 3 * 60_000;
    const act = await index.activity('synthetic-02', from, END);
    expect(act.map((a) => a.startMs)).toEqual([from, from + 60_000, from + 120_000]);
    expect(
      act.every((a) => a.secondBytes.length === 60 && a.secondBytes.every((b) => b === 4096)),
    ).toBe(true);
  });

  it('keeps per-camera usage in step with inserts, status changes and deletes', async () => {
    const all = 8 * 43_200 * 3_000_000;
    expect((await index.totals()).bytes).toBe(all);
    const [first, second] = await index.oldestUnlocked(2, 'synthetic-01');
    await index.setStatus(first!.id, 'missing');
    await index.deleteRecording(second!.id);
    expect((await index.totals()).bytes).toBe(all - 6_000_000);
    const cam = (await index.perCamera(END - 86_400_000)).find(
      (c) => c.cameraId === 'synthetic-01',
    )!;
    expect(cam).toMatchObject({ recordings: 43_198, recentBytes: 1440 * 3_000_000, newestMs: END });
    // The all-camera lock of the previous test keeps each camera's first minutes.
    expect(cam.oldestMs).toBe(END - 30 * 86_400_000);
  });
});
