import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import type { DiskSpace } from '../storage/disk-space';
import { RecordingIndex } from './recording-index';
import { effectiveQuota, Retention } from './retention';
import { fillSyntheticIndex } from './testing/synthetic-index';
import { openRecordingDb, tempDir } from './testing/recording-test-kit';

const END = Date.UTC(2026, 10, 27);
const DAY = 86_400_000;
let tmp: Awaited<ReturnType<typeof tempDir>>;
let db: Database;
let index: RecordingIndex;
let rootId: number;

// Two cameras × 2 days of 60 s segments of 3 MB each (no files on disk: unlink of a
// missing file counts as deleted, so only the index decides what goes).
beforeEach(async () => {
  tmp = await tempDir('retention');
  db = await openRecordingDb(join(tmp.dir, 'station.db'));
  index = new RecordingIndex(db);
  await fillSyntheticIndex(db, { cameras: 2, days: 2, segmentSeconds: 60, endMs: END });
  // Synthetic rows are written without a root, like rows older than storage roots.
  rootId = await index.ensureRoot(tmp.dir, END);
  await index.activateRoot(rootId);
  await index.adoptUnrootedRecordings(rootId);
});

afterEach(async () => {
  await db.close();
  await tmp.cleanup();
});

function retention(space: DiskSpace): Retention {
  return new Retention({
    index,
    activeRoot: () => ({ id: rootId, path: tmp.dir }),
    diskSpace: async () => space,
    now: () => END,
  });
}

describe('Retention', () => {
  it('takes the smaller of the byte and percent quotas', () => {
    expect(effectiveQuota({ quotaBytes: 100, quotaPercent: 50, reserveBytes: 0 }, 1000)).toBe(100);
    expect(effectiveQuota({ quotaBytes: null, quotaPercent: 10, reserveBytes: 0 }, 1000)).toBe(100);
    expect(effectiveQuota({ quotaBytes: null, quotaPercent: null, reserveBytes: 0 }, 1000)).toBe(
      Number.MAX_SAFE_INTEGER,
    );
  });

  it('frees the reserve before the disk fills, oldest footage of any camera first', async () => {
    const before = (await index.timeline('synthetic-00', 0, END)).recordings;
    // 1 GB free, 2 GB reserve: about 1 GB of footage (334 segments of 3 MB) must go.
    const r = await retention({ totalBytes: 100e9, freeBytes: 1e9 }).run(
      { quotaBytes: null, quotaPercent: null, reserveBytes: 2e9 },
      new Map(),
    );
    expect(r.deleted).toBe(Math.ceil(1e9 / 3e6));
    const after0 = (await index.timeline('synthetic-00', 0, END)).recordings;
    const after1 = (await index.timeline('synthetic-01', 0, END)).recordings;
    // Both cameras lost their oldest minutes, interleaved by time; the newest are untouched.
    expect(after0.length + after1.length).toBe(2 * before.length - r.deleted);
    expect(Math.abs(after0[0]!.startMs - after1[0]!.startMs)).toBeLessThanOrEqual(60_000);
    expect(after0.at(-1)!.id).toBe(before.at(-1)!.id);
  });

  it('applies a camera maximum age and never deletes a locked range', async () => {
    const all = (await index.timeline('synthetic-01', 0, END)).recordings;
    const lockFrom = all[10]!.startMs;
    await index.addLock(
      {
        cameraId: 'synthetic-01',
        startMs: lockFrom,
        endMs: lockFrom + 5 * 60_000,
        reason: 'incident',
        incidentId: 'A-7',
      },
      END,
    );
    const r = await retention({ totalBytes: 100e9, freeBytes: 50e9 }).run(
      { quotaBytes: null, quotaPercent: null, reserveBytes: 0 },
      new Map([['synthetic-01', 1]]),
    );
    const left = (await index.timeline('synthetic-01', 0, END)).recordings;
    expect(r.deleted).toBe(1440 - 5);
    expect(left.filter((x) => x.startMs < END - DAY).map((x) => x.startMs)).toEqual(
      [0, 1, 2, 3, 4].map((i) => lockFrom + i * 60_000),
    );
    // The other camera has no maximum age and stays whole.
    expect((await index.timeline('synthetic-00', 0, END)).recordings).toHaveLength(2880);
  });
});
