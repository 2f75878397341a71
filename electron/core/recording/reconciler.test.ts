import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { absPath, inboxDir, segmentRelPath } from '../storage/storage-layout';
import { Reconciler } from './reconciler';
import { RecordingIndex } from './recording-index';
import type { RecordingEventKind } from './recording-types';
import { SegmentFiler } from './segment-filer';
import {
  ffprobeFile,
  openRecordingDb,
  tempDir,
  writeSampleFmp4,
} from './testing/recording-test-kit';

const T = Date.UTC(2026, 10, 27, 9, 15, 0, 250);
let tmp: Awaited<ReturnType<typeof tempDir>>;
let db: Database;
let sample: string;

beforeAll(async () => {
  tmp = await tempDir('reconcile');
  db = await openRecordingDb(join(tmp.dir, 'station.db'));
  sample = join(tmp.dir, 'sample.mp4');
  // A 2 s segment written with the recorder's muxer flags.
  await writeSampleFmp4(sample, 2);
});

afterAll(async () => {
  await db.close();
  await tmp.cleanup();
});

async function place(storage: string, rel: string, from: string | Buffer): Promise<void> {
  const file = absPath(storage, rel);
  await mkdir(dirname(file), { recursive: true });
  if (typeof from === 'string') await copyFile(from, file);
  else await writeFile(file, from);
}

describe('Reconciler', () => {
  it('indexes unindexed segments, marks vanished ones missing, quarantines what cannot play, ignores foreign files', async () => {
    const storage = join(tmp.dir, 'tree');
    const index = new RecordingIndex(db);
    const root = { id: await index.ensureRoot(storage, T), path: storage };
    const filer = new SegmentFiler(index, () => T);
    const logged: RecordingEventKind[] = [];
    const reconciler = new Reconciler(index, filer, async (k) => {
      logged.push(k);
    });

    const unindexed = segmentRelPath('camA', 'main', T, 'runa', 3);
    await place(storage, unindexed, sample);
    const junk = segmentRelPath('camA', 'main', T + 60_000, 'runa', 4);
    await place(storage, junk, Buffer.alloc(28));
    await place(storage, 'camA/2026-11-27/09/notes.txt', Buffer.from('kept'));
    // A row whose file is gone, in an hour with no folder at all.
    const gone = await index.insertRecording(
      {
        cameraId: 'camA',
        stream: 'main',
        startMs: T - 7_200_000,
        endMs: T - 7_140_000,
        bytes: 10,
        path: segmentRelPath('camA', 'main', T - 7_200_000, 'runz', 1),
        status: 'complete',
        codec: 'avc1',
        rootId: root.id,
        runId: 'runz',
        seq: 1,
        secondBytes: [],
      },
      T,
    );

    const report = await reconciler.reconcileTree(root);
    expect(report).toEqual({
      recovered: 0,
      quarantined: 1,
      indexed: 1,
      missing: 1,
      restored: 0,
      rootMissing: false,
    });
    const rec = await index.recordingByPath(unindexed);
    expect(rec).toMatchObject({
      cameraId: 'camA',
      startMs: T,
      endMs: T + 2000,
      status: 'complete',
    });
    expect((await index.recordingById(gone.id))?.status).toBe('missing');
    expect(existsSync(absPath(storage, junk))).toBe(false);
    expect(await readdir(join(storage, '.quarantine', 'camA'))).toEqual([junk.split('/').pop()]);
    expect(existsSync(absPath(storage, 'camA/2026-11-27/09/notes.txt'))).toBe(true);
    expect(logged.sort()).toEqual([
      'segment_indexed_late',
      'segment_missing',
      'segment_quarantined',
    ]);
    // A second pass finds nothing new.
    expect(await reconciler.reconcileTree(root)).toEqual({
      recovered: 0,
      quarantined: 0,
      indexed: 0,
      missing: 0,
      restored: 0,
      rootMissing: false,
    });
  });

  it('recovers a torn inbox file up to its last whole fragment and dates it from its mtime', async () => {
    const storage = join(tmp.dir, 'inbox-case');
    const index = new RecordingIndex(db);
    const root = { id: await index.ensureRoot(storage, T), path: storage };
    const filer = new SegmentFiler(index, () => T);
    const reconciler = new Reconciler(index, filer, async () => undefined);
    const dir = inboxDir(storage, 'camB', 'sub');
    await mkdir(dir, { recursive: true });
    const whole = await readFile(sample);
    await writeFile(join(dir, 'runq-000007.mp4'), whole.subarray(0, whole.length - 3000));
    const report = await reconciler.reconcileInbox(root, () => false);
    expect(report.recovered).toBe(1);
    expect(await readdir(dir)).toEqual([]);
    const tl = await index.timeline('camB', 0, Date.now() + 60_000);
    expect(tl.recordings).toHaveLength(1);
    const r = tl.recordings[0]!;
    expect(r).toMatchObject({ stream: 'sub', status: 'recovered', endMs: r.startMs + 1000 });
    expect(Math.abs(r.endMs - Date.now())).toBeLessThan(10_000);
    expect(r.path).toMatch(/^camB\/\d{4}-\d{2}-\d{2}\/\d{2}\/\d{8}T\d{9}Z_sub_runq-000007\.mp4$/);
    expect((await ffprobeFile(absPath(storage, r.path))).durationS).toBeGreaterThanOrEqual(1);
  });
});
