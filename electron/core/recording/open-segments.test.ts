// The open-segment reads over a real fragmented MP4 (the recorder's muxer settings):
// a fake recorder stands in for ffmpeg, so what is measured is the file on disk.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOpenSegmentId } from './open-segment-ids';
import { OpenSegments, type CameraWriting } from './open-segments';
import type { ClosedSegment } from './segment-recorder';
import { tempDir, writeSampleFmp4 } from './testing/recording-test-kit';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let sample: string;

beforeAll(async () => {
  tmp = await tempDir('open-segments');
  sample = join(tmp.dir, 'run-1_000001.mp4');
  await writeSampleFmp4(sample, 3);
});
afterAll(async () => {
  await tmp.cleanup();
});

function setup(writing: CameraWriting) {
  const files = new Map<number, string>([[77, '/footage/cam1/row-77.mp4']]);
  return new OpenSegments({
    camera: (id) => (id === 'cam1' ? writing : undefined),
    recordingFile: (id) => Promise.resolve(files.get(id) ?? null),
  });
}

describe('OpenSegments', () => {
  it('measures the segment being written; its start clamped to the footage before it', async () => {
    const open = setup({
      recorder: {
        stream: 'main',
        openSegment: () => ({ file: sample, runId: 'run-1', seq: 1, startMs: 10_000 }),
      },
      coveredUntil: 10_400,
      filing: [],
    });
    const seg = (await open.openSegment('cam1'))!;
    expect(isOpenSegmentId(seg.id)).toBe(true);
    expect(seg).toMatchObject({ cameraId: 'cam1', stream: 'main', startMs: 10_400, file: sample });
    expect(seg.endMs - seg.startMs).toBeGreaterThanOrEqual(2000);
    expect(seg.endMs - seg.startMs).toBeLessThanOrEqual(3000);
    expect(seg.bytes).toBeGreaterThan(0);
    // Asked again: the same id, and the media route reads it up to the measured bytes.
    expect((await open.openSegment('cam1'))!.id).toBe(seg.id);
    expect(await open.openSegmentFile(seg.id)).toEqual({ path: sample, bytes: seg.bytes });
    expect(await open.openSegment('other')).toBeNull();
    // Filed: the open id names the row, whose whole file is served.
    open.filed('run-1', 1, 77);
    expect(open.openIdOf(77)).toBe(seg.id);
    expect(await open.openSegmentFile(seg.id)).toEqual({
      path: '/footage/cam1/row-77.mp4',
      bytes: null,
    });
    expect(await open.openSegmentFile(77)).toBeNull();
  });

  it('lists closed segments still being filed, and none without a recorder or a fragment', async () => {
    const closed: ClosedSegment = {
      cameraId: 'cam1',
      stream: 'sub',
      file: sample,
      runId: 'run-2',
      seq: 4,
      startMs: 20_000,
      endMs: 23_000,
    };
    const missing = { ...closed, file: join(tmp.dir, 'moved.mp4'), seq: 5 };
    const writing: CameraWriting = {
      recorder: { stream: 'sub', openSegment: () => null },
      coveredUntil: null,
      filing: [closed, missing],
    };
    const open = setup(writing);
    const [filing, ...rest] = await open.filingSegments('cam1');
    expect(rest).toEqual([]);
    expect(filing).toMatchObject({ stream: 'sub', startMs: 20_000, endMs: 23_000, file: sample });
    expect(await open.openSegmentFile(filing!.id)).toEqual({ path: sample, bytes: filing!.bytes });
    expect(await open.openSegment('cam1')).toBeNull();
    writing.recorder = null;
    expect(await open.filingSegments('cam1')).toEqual([]);
  });
});
