// The keyframe index of footage the recorder itself wrote from RTSP cameras (wall-clock
// timestamps, copied H.264 and H.265), and the background backfill of rows without one.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type Rig } from '../../../e2e/rig/rig';
import { absPath } from '../storage/storage-layout';
import { RecordingIndex } from './recording-index';
import { RecordingService } from './recording-service';
import { ffprobeKeyframeMs } from './testing/keyframe-footage';
import {
  collectingEmit,
  FFMPEG,
  openRecordingDb,
  rigInputs,
  sleep,
  tempDir,
  waitFor,
} from './testing/recording-test-kit';

const CAMS = ['cam1', 'cam5'];
const GOP_MS = 2000;
let rig: Rig;
let tmp: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  rig = await startRig({ h264: ['cam1'], h265: ['cam5'], gopSeconds: GOP_MS / 1000 });
  tmp = await tempDir('kf-recording');
});

afterAll(async () => {
  await rig?.stop();
  await tmp?.cleanup();
});

function service(
  db: Awaited<ReturnType<typeof openRecordingDb>>,
  storageDir: string,
  backfillMs: number,
) {
  return new RecordingService({
    db,
    storageDir,
    ffmpegPath: FFMPEG,
    resolveInput: rigInputs(rig),
    emit: collectingEmit().emit,
    segmentSeconds: 8,
    quota: { reserveBytes: 0 },
    timings: { healthCheckMs: 500, keyframeBackfillMs: backfillMs },
  });
}

describe('keyframe index of recorded footage', () => {
  it('indexes every segment the recorder files, H.264 and H.265, and backfills rows that lost theirs', async () => {
    const db = await openRecordingDb(join(tmp.dir, 'station.db'));
    const storage = join(tmp.dir, 'footage');
    const index = new RecordingIndex(db);
    try {
      // Backfill kept out of the way while recording: every row must come from filing.
      const svc = service(db, storage, 3_600_000);
      const t0 = Date.now();
      await svc.start();
      await svc.syncCameras(CAMS);
      await waitFor(
        'both cameras recording',
        () => CAMS.every((c) => svc.status(c).recording),
        15_000,
      );
      // Records for a fixed time (the wait is the point): two whole segments and a part.
      await sleep(20_000);
      await svc.dispose();

      const ids: number[] = [];
      for (const cam of CAMS) {
        const recs = (await svc.timeline(cam, t0 - 60_000, Date.now() + 60_000)).recordings;
        expect(recs.length).toBeGreaterThanOrEqual(2);
        for (const r of recs) {
          ids.push(r.id);
          const kf = await index.keyframeIndex(r.id);
          expect(kf, `${r.path} has no keyframe index`).not.toBeNull();
          const probed = await ffprobeKeyframeMs(absPath(storage, r.path));
          expect(kf!.keyframes).toHaveLength(probed.length);
          // ffprobe rounds to the nearest ms, the index up.
          kf!.keyframes.forEach((k, i) =>
            expect(Math.abs(k.ms - probed[i]!)).toBeLessThanOrEqual(1),
          );
          // A segment starts at a keyframe; the rig's GOP spaces the rest (wall-clock jitter allowed).
          expect(kf!.keyframes[0]).toEqual({ ms: 0, offset: kf!.initEnd });
          for (let i = 1; i < kf!.keyframes.length; i++) {
            const gap = kf!.keyframes[i]!.ms - kf!.keyframes[i - 1]!.ms;
            expect(Math.abs(gap - GOP_MS)).toBeLessThan(300);
          }
        }
      }

      // An older version filed these rows: no index. A service with the backfill on gives it back.
      const before = await Promise.all(ids.map((id) => index.keyframeIndex(id)));
      await db.run('DELETE FROM recording_keyframes');
      const again = service(db, storage, 200);
      await again.start();
      try {
        await waitFor(
          'every row backfilled',
          async () =>
            (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM recording_keyframes'))!.n ===
            ids.length,
          15_000,
        );
      } finally {
        await again.dispose();
      }
      expect(await Promise.all(ids.map((id) => index.keyframeIndex(id)))).toEqual(before);
    } finally {
      await db.close();
    }
  }, 90_000);
});
