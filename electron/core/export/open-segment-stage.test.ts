// Exporting the last seconds: footage the recorder is still writing (default 60 s
// segments, so the open segment holds the whole range), recorded from the RTSP rig
// by the real RecordingService, staged up to its last complete fragment and
// remuxed by real ffmpeg while the recorder goes on writing the same file.
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type Rig } from '../../../e2e/rig/rig';
import { RecordingService } from '../recording/recording-service';
import {
  collectingEmit,
  FFMPEG,
  ffprobeFile,
  openRecordingDb,
  sleep,
  tempDir,
  waitFor,
} from '../recording/testing/recording-test-kit';
import { planClip, type SourceSegment } from './clip-plan';
import { stageOpenSegments } from './open-segment-stage';
import { remuxClip } from './remux-clip';

const run = promisify(execFile);
let rig: Rig;

beforeAll(async () => {
  rig = await startRig({ h264: ['cam1'] });
});
afterAll(async () => {
  await rig?.stop();
});

describe('export of the segment being recorded', () => {
  it('a range ending 5 s ago contains those seconds, read from a staged prefix', async () => {
    const tmp = await tempDir('export-open');
    const db = await openRecordingDb(join(tmp.dir, 'station.db'));
    const svc = new RecordingService({
      db,
      storageDir: join(tmp.dir, 'footage'),
      ffmpegPath: FFMPEG,
      resolveInput: async (id) => ({ kind: 'rtsp', url: rig.url(id), safeLabel: id }),
      emit: collectingEmit().emit,
      // The product's default: nothing of this test's footage is filed yet.
      segmentSeconds: 60,
      quota: { reserveBytes: 0 },
    });
    try {
      await svc.start();
      await svc.syncCameras(['cam1']);
      const first = await waitFor('an open segment', () => svc.openSegment('cam1'), 20_000, 100);
      // Until the open segment holds 16 s of footage (real time: the wait is the point).
      await sleep(Math.max(0, first.startMs + 16_000 - Date.now()));
      const now = Date.now();
      const fromMs = now - 13_000;
      const toMs = now - 5_000;
      expect((await svc.timeline('cam1', 0, now + 60_000)).recordings).toEqual([]);

      const open = (await svc.openSegment('cam1'))!;
      expect(open.startMs).toBeLessThan(fromMs);
      expect(open.endMs).toBeGreaterThan(toMs);
      const source: SourceSegment = {
        id: open.id,
        startMs: open.startMs,
        endMs: open.endMs,
        bytes: open.bytes,
        path: open.file,
        openBytes: open.bytes,
      };
      const plan = planClip([source], fromMs, toMs);
      expect(plan.missing).toEqual([]);

      const work = join(tmp.dir, 'staging');
      const staged = await stageOpenSegments(plan, work);
      expect(staged.segments[0]!.path).not.toBe(open.file);
      expect((await stat(staged.segments[0]!.path)).size).toBe(open.bytes);
      const outPath = join(tmp.dir, 'last-seconds.mp4');
      await remuxClip({
        ffmpegPath: FFMPEG,
        plan: staged,
        workDir: work,
        outPath,
        signal: new AbortController().signal,
      });
      // The recorder went on writing the original all along. It writes whole fragments
      // (1 s apart), and the test's timing follows the segment's start: allow one more.
      await waitFor(
        'the recorder to write on',
        async () => (await stat(open.file)).size > open.bytes,
        3000,
        100,
      );

      const probe = await ffprobeFile(outPath);
      expect(probe.ok, probe.error).toBe(true);
      expect(probe.codec).toBe('h264');
      // The whole 8 s, to within the rig's 1 s GOP.
      expect(probe.durationS).toBeGreaterThan(7);
      expect(probe.durationS).toBeLessThan(9);
      // A full decode with the file's own timing (as remux-clip.test.ts: recorded camera
      // frames arrive bunched, and snapping them to a frame rate upsets the null muxer).
      const { stderr } = await run(FFMPEG, [
        ...['-v', 'error', '-i', outPath, '-vsync', 'passthrough', '-enc_time_base:v', '-1'],
        ...['-f', 'null', '-'],
      ]);
      expect(stderr.trim()).toBe('');
    } finally {
      await svc.dispose();
      await db.close();
      await tmp.cleanup();
    }
  }, 90_000);
});
