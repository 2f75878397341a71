// The keyframe index from filing to the table: the filer writes it with the row, the
// index reads it back, the reconciler backfills rows filed without one. Real ffmpeg
// footage with the recorder's muxer flags, real SQLite with the station migrations.
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { absPath, inboxDir, segmentRelPath } from '../storage/storage-layout';
import { scanFmp4 } from './fmp4-scan';
import { Reconciler } from './reconciler';
import { RecordingIndex } from './recording-index';
import type { NewRecording, RootRef } from './recording-types';
import { SegmentFiler } from './segment-filer';
import { flagEverySampleSync, writeRecordedSegment } from './testing/keyframe-footage';
import { openRecordingDb, tempDir } from './testing/recording-test-kit';

const T = Date.UTC(2026, 11, 7, 9, 0, 0);
let tmp: Awaited<ReturnType<typeof tempDir>>;
let db: Database;
let index: RecordingIndex;
let filer: SegmentFiler;
let root: RootRef;
/** 20 s of H.264 with a 2 s GOP, and the same with every frame flagged sync. */
let footage: string;
let allSync: string;

beforeAll(async () => {
  tmp = await tempDir('kf-filing');
  db = await openRecordingDb(join(tmp.dir, 'station.db'));
  index = new RecordingIndex(db);
  filer = new SegmentFiler(index, () => T);
  const storage = join(tmp.dir, 'storage');
  root = { id: await index.ensureRoot(storage, T), path: storage };
  const src = join(tmp.dir, 'src');
  await mkdir(src);
  footage = await writeRecordedSegment(src, { codec: 'h264', seconds: 20, gopFrames: 50 });
  allSync = join(tmp.dir, 'all-sync.mp4');
  await flagEverySampleSync(footage, allSync);
}, 60_000);

afterAll(async () => {
  await db.close();
  await tmp.cleanup();
});

let seq = 0;
/** Copies `from` into the camera's inbox, as the recorder would leave a closed segment. */
async function inboxCopy(cameraId: string, from: string): Promise<string> {
  const file = join(
    inboxDir(root.path, cameraId, 'main'),
    `run1-${String(++seq).padStart(6, '0')}.mp4`,
  );
  await mkdir(dirname(file), { recursive: true });
  await copyFile(from, file);
  return file;
}

async function fileFrom(cameraId: string, from: string, startMs: number) {
  const outcome = await filer.file({
    cameraId,
    stream: 'main',
    root,
    file: await inboxCopy(cameraId, from),
    runId: 'run1',
    seq,
    startMs,
    endMs: startMs + 20_000,
    status: 'complete',
    notBeforeMs: null,
  });
  if (outcome.kind !== 'indexed') throw new Error('not filed');
  return outcome.recording;
}

/** A row as an older version filed it: no keyframe index, the file in its final folder. */
async function olderRow(cameraId: string, from: string, startMs: number): Promise<number> {
  const rel = segmentRelPath(cameraId, 'main', startMs, 'run0', ++seq);
  await mkdir(dirname(absPath(root.path, rel)), { recursive: true });
  await copyFile(from, absPath(root.path, rel));
  const rec: NewRecording = {
    cameraId,
    stream: 'main',
    startMs,
    endMs: startMs + 20_000,
    bytes: 1,
    path: rel,
    status: 'complete',
    codec: 'avc1',
    rootId: root.id,
    runId: 'run0',
    seq,
    secondBytes: [],
  };
  return (await index.insertRecording(rec, T)).id;
}

describe('keyframe index at filing', () => {
  it('is written with the row when a segment is filed, and read back as scanned', async () => {
    const rec = await fileFrom('camA', footage, T);
    const stored = await index.keyframeIndex(rec.id);
    const scan = await scanFmp4(absPath(root.path, rec.path));
    expect(stored).toEqual({ initEnd: scan.initEnd, keyframes: scan.keyframes });
    expect(stored!.keyframes.map((k) => k.ms)).toEqual([
      0, 2000, 4000, 6000, 8000, 10_000, 12_000, 14_000, 16_000, 18_000,
    ]);
  });

  it('is not written for a camera that flags every frame sync', async () => {
    const rec = await fileFrom('camB', allSync, T);
    expect(await index.keyframeIndex(rec.id)).toBeNull();
    const rows = await db.get<{ n: number }>(
      'SELECT COUNT(*) AS n FROM recording_keyframes WHERE recording_id = ?',
      [rec.id],
    );
    expect(rows!.n).toBe(0);
  });

  it('is written by indexInPlace (reconciliation) too', async () => {
    const rel = segmentRelPath('camC', 'main', T, 'run2', 1);
    await mkdir(dirname(absPath(root.path, rel)), { recursive: true });
    await copyFile(footage, absPath(root.path, rel));
    const rec = await filer.indexInPlace(root, 'camC', 'main', rel, T, 'run2', 1);
    expect((await index.keyframeIndex(rec!.id))?.keyframes).toHaveLength(10);
  });

  it('goes with its row: a failed insert leaves no index behind, a delete removes it', async () => {
    const rec = await fileFrom('camD', footage, T);
    const before = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM recording_keyframes');
    const dup: NewRecording = {
      ...rec,
      rootId: root.id,
      runId: 'run1',
      seq: 99,
      secondBytes: [],
      keyframes: (await index.keyframeIndex(rec.id))!,
    };
    await expect(index.insertRecording(dup, T)).rejects.toThrow(/UNIQUE/);
    const after = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM recording_keyframes');
    expect(after!.n).toBe(before!.n);
    await index.deleteRecording(rec.id);
    expect(await index.keyframeIndex(rec.id)).toBeNull();
    // A backfill racing the delete does not resurrect it.
    await index.setKeyframeIndex(rec.id, dup.keyframes!);
    expect(await index.keyframeIndex(rec.id)).toBeNull();
  });

  it('reads a damaged blob as no index rather than wrong offsets', async () => {
    const rec = await fileFrom('camE', footage, T);
    await db.run('UPDATE recording_keyframes SET entries = ? WHERE recording_id = ?', [
      Buffer.from([5, 1]),
      rec.id,
    ]);
    expect(await index.keyframeIndex(rec.id)).toBeNull();
  });
});

describe('keyframe index backfill', () => {
  it('indexes older rows a bounded batch per pass, scans each row once, then is done', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(await olderRow('camF', footage, T + i * 20_000));
    const syncId = await olderRow('camF', allSync, T + 5 * 20_000);
    // A row whose file is gone is passed by, not retried forever.
    const goneId = await olderRow('camF', footage, T + 6 * 20_000);
    const gone = await index.recordingById(goneId);
    await import('node:fs/promises').then((fs) => fs.rm(absPath(root.path, gone!.path)));
    const reconciler = new Reconciler(index, filer, async () => undefined);

    const passes = [];
    for (let i = 0; i < 10; i++) {
      const report = await reconciler.backfillKeyframes(3);
      passes.push(report);
      if (report.done) break;
    }
    // Earlier tests left rows too (all indexed or all-sync), so only the bounds are exact.
    expect(passes.every((p) => p.scanned <= 3)).toBe(true);
    expect(passes.reduce((n, p) => n + p.indexed, 0)).toBe(5);
    expect(passes.at(-1)!.done).toBe(true);
    for (const id of ids) expect((await index.keyframeIndex(id))?.keyframes).toHaveLength(10);
    expect(await index.keyframeIndex(syncId)).toBeNull();
    expect(await index.keyframeIndex(goneId)).toBeNull();
    // Done: the all-sync and the missing file are not scanned again.
    expect(await reconciler.backfillKeyframes(3)).toEqual({ scanned: 0, indexed: 0, done: true });
  });
});
