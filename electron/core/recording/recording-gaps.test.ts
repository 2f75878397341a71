import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { RecordingGaps } from './recording-gaps';
import { RecordingIndex } from './recording-index';
import { openRecordingDb, tempDir } from './testing/recording-test-kit';

const CAM = { cameraId: 'cam-a', stream: 'main' as const };
let tmp: Awaited<ReturnType<typeof tempDir>>;
let db: Database;
let index: RecordingIndex;
let logged: { kind: string; cameraId: string | null; detail: unknown }[];
let gaps: RecordingGaps;

beforeEach(async () => {
  tmp = await tempDir('recording-gaps');
  db = await openRecordingDb(join(tmp.dir, 'station.db'));
  index = new RecordingIndex(db);
  logged = [];
  gaps = new RecordingGaps(index, (kind, cameraId, _stream, detail) => {
    logged.push({ kind, cameraId, detail });
    return Promise.resolve();
  });
});
afterEach(async () => {
  await db.close();
  await tmp.cleanup();
});

async function addFootage(startMs: number, endMs: number): Promise<void> {
  const root = await index.ensureRoot('/footage', 0);
  await index.insertRecording(
    {
      ...CAM,
      startMs,
      endMs,
      bytes: 1000,
      path: `cam-a/seg-${startMs}.mp4`,
      status: 'complete',
      codec: null,
      rootId: root,
      runId: 'run',
      seq: startMs,
      secondBytes: [],
    },
    0,
  );
}

describe('RecordingGaps', () => {
  it('keeps one open gap per camera, its first reason standing, and logs it', async () => {
    const gap = await gaps.openOnce(CAM, 'camera_offline', 1000, 'unreachable');
    expect(gap).toMatchObject({ startMs: 1000, endMs: null, reason: 'camera_offline' });
    expect(await gaps.openOnce(CAM, 'disk_error', 2000)).toBeNull();
    expect(await index.openGaps('cam-a')).toEqual([gap]);
    expect(logged).toEqual([
      {
        kind: 'gap_opened',
        cameraId: 'cam-a',
        detail: { gapId: gap!.id, reason: 'camera_offline', startMs: 1000 },
      },
    ]);
  });

  it('closes at the first footage after it, never before its start, and logs the closing', async () => {
    const gap = (await gaps.openOnce(CAM, 'app_not_running', 5000))!;
    await gaps.closeAt('cam-b', 9000); // another camera's footage
    expect(await index.openGaps('cam-a')).toHaveLength(1);
    await gaps.closeAt('cam-a', 4000);
    expect(await index.gaps('cam-a')).toEqual([{ ...gap, endMs: 5000 }]);
    expect(logged.at(-1)).toEqual({
      kind: 'gap_closed',
      cameraId: 'cam-a',
      detail: { gapId: gap.id, reason: 'app_not_running', startMs: 5000, endMs: 5000 },
    });
    // Closed: the next reason opens a gap of its own.
    expect(await gaps.openOnce(CAM, 'disk_error', 7000)).toMatchObject({ reason: 'disk_error' });
  });

  it('closes a gap the inbox footage of a crashed run ended, and not one without footage after it', async () => {
    await addFootage(1000, 2000);
    const gap = (await gaps.openOnce(CAM, 'app_not_running', 2000))!;
    await gaps.closeEndedByInbox('cam-a');
    expect(await index.openGaps('cam-a')).toHaveLength(1);
    await addFootage(8000, 9000); // filed from the inbox at this boot
    await gaps.closeEndedByInbox('cam-a');
    expect(await index.gaps('cam-a')).toEqual([{ ...gap, endMs: 8000 }]);
    expect(logged.map((l) => l.kind)).toEqual(['gap_opened', 'gap_closed']);
  });
});
