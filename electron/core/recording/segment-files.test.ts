import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { RecordingIndex } from './recording-index';
import type { NewRecording, RecordingStatus } from './recording-types';
import { indexedRecordingFile, segmentFilesOverlapping } from './segment-files';
import { openRecordingDb, tempDir } from './testing/recording-test-kit';

const T0 = Date.UTC(2026, 10, 27, 13, 0, 0);
const MIN = 60_000;
let tmp: Awaited<ReturnType<typeof tempDir>>;
let db: Database;
let index: RecordingIndex;
let seq = 0;

beforeEach(async () => {
  seq = 0;
  tmp = await tempDir('segment-files');
  db = await openRecordingDb(join(tmp.dir, 'station.db'));
  index = new RecordingIndex(db);
});
afterEach(async () => {
  await db.close();
  await tmp.cleanup();
});

async function add(
  cameraId: string,
  startMs: number,
  endMs: number,
  rootId: number,
  status: RecordingStatus = 'complete',
): Promise<number> {
  const rec: NewRecording = {
    cameraId,
    stream: 'main',
    startMs,
    endMs,
    bytes: 1000 + seq,
    path: `${cameraId}/2026-11-27/20/seg-${seq}.mp4`,
    status,
    codec: 'avc1.640028',
    rootId,
    runId: 'run',
    seq: seq++,
    secondBytes: [],
  };
  return (await index.insertRecording(rec, T0)).id;
}

describe('segmentFilesOverlapping', () => {
  it('lists the playable segments overlapping the window, oldest first, with absolute paths in their roots', async () => {
    const oldRoot = await index.ensureRoot('/disk-a/footage', T0);
    const newRoot = await index.ensureRoot('/disk-b/footage', T0);
    await add('cam-a', T0 - 2 * MIN, T0 - MIN, oldRoot); // ends before the window
    await add('cam-a', T0 - MIN, T0, oldRoot); // ends exactly at its start
    const straddling = await add('cam-a', T0 - 30_000, T0 + 30_000, oldRoot);
    const inside = await add('cam-a', T0 + 30_000, T0 + 90_000, newRoot);
    await add('cam-a', T0 + 90_000, T0 + 150_000, newRoot, 'missing');
    const recovered = await add('cam-a', T0 + 150_000, T0 + 170_000, newRoot, 'recovered');
    await add('cam-a', T0 + 3 * MIN, T0 + 4 * MIN, newRoot); // starts exactly at its end
    await add('cam-b', T0, T0 + MIN, newRoot); // another camera

    const files = await segmentFilesOverlapping(db, 'cam-a', T0, T0 + 3 * MIN);

    expect(files.map((f) => f.id)).toEqual([straddling, inside, recovered]);
    expect(files[0]).toEqual({
      id: straddling,
      startMs: T0 - 30_000,
      endMs: T0 + 30_000,
      bytes: 1002,
      codec: 'avc1.640028',
      path: join('/disk-a/footage', 'cam-a', '2026-11-27', '20', 'seg-2.mp4'),
    });
    expect(files[1]!.path.startsWith(join('/disk-b/footage', 'cam-a'))).toBe(true);
  });

  it('finds a segment as long as the longest recording that started well before the window', async () => {
    const root = await index.ensureRoot('/footage', T0);
    const long = await add('cam-a', T0 - 14 * MIN, T0 + MIN, root);
    const files = await segmentFilesOverlapping(db, 'cam-a', T0, T0 + 30_000);
    expect(files.map((f) => f.id)).toEqual([long]);
  });
});

describe('indexedRecordingFile', () => {
  it('joins a playable row to its own root, whichever is active; null for others', async () => {
    const oldRoot = await index.ensureRoot('/disk-a/footage', T0);
    await index.ensureRoot('/disk-b/footage', T0);
    const filed = await add('cam-a', T0, T0 + MIN, oldRoot);
    const recovered = await add('cam-a', T0 + MIN, T0 + 2 * MIN, oldRoot, 'recovered');
    const missing = await add('cam-a', T0 + 2 * MIN, T0 + 3 * MIN, oldRoot, 'missing');
    expect(await indexedRecordingFile(index, filed)).toBe(
      join('/disk-a/footage', 'cam-a', '2026-11-27', '20', 'seg-0.mp4'),
    );
    expect(await indexedRecordingFile(index, recovered)).toBe(
      join('/disk-a/footage', 'cam-a', '2026-11-27', '20', 'seg-1.mp4'),
    );
    expect(await indexedRecordingFile(index, missing)).toBeNull();
    expect(await indexedRecordingFile(index, 9999)).toBeNull();
  });
});
