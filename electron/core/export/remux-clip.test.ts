// remuxClip against real ffmpeg 5.1 and real segments: fixture footage with the
// time burned in, an hour of hard-linked segments, and footage the recorder wrote
// from the RTSP rig. Frames are compared by their decoded MD5 (-f framemd5).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type Rig } from '../../../e2e/rig/rig';
import { absPath } from '../storage/storage-layout';
import { RecordingService } from '../recording/recording-service';
import {
  collectingEmit,
  ffmpegChildren,
  FFMPEG,
  ffprobeFile,
  openRecordingDb,
  sleep,
  tempDir,
  waitFor,
} from '../recording/testing/recording-test-kit';
import { ffconcatText, planClip, type SourceSegment } from './clip-plan';
import { ExportCancelled, ExportFailure } from './export-errors';
import { remuxClip, type RemuxOptions } from './remux-clip';
import { codecTag, decodeErrors, shownFrames } from './testing/frame-check';
import { linkSegments, makeSegments } from './testing/footage-fixture';
import { layoutOf, writeLayout } from './testing/fragment-file';

const run = promisify(execFile);
const FRAME_MS = 40; // 25 fps
const GOP_MS = 1000;
const T0 = Date.UTC(2024, 2, 1, 1, 0, 0);

function options(o: Omit<RemuxOptions, 'ffmpegPath' | 'signal'> & { signal?: AbortSignal }) {
  return { ffmpegPath: FFMPEG, signal: new AbortController().signal, ...o };
}

describe('remuxClip with fixture footage', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let dir: string;
  let four: SourceSegment[];

  beforeAll(async () => {
    // A quote, a space and Vietnamese letters in the path: the ffconcat list must escape them.
    tmp = await tempDir("export it's cổng");
    dir = tmp.dir;
    four = await makeSegments({ dir: join(dir, 'four'), count: 4, seconds: 5, startMs: T0 });
  }, 60_000);

  afterAll(async () => {
    await tmp?.cleanup();
  });

  it('a range from mid-GOP in segment 2 to mid-GOP in segment 4 starts on the requested frame (±1 frame at the start, ±1 GOP at the end)', async () => {
    // 7.32 s = segment 2 at 2.32 s: 8 frames after its keyframe at 2.00 s.
    const fromMs = T0 + 7320;
    const toMs = T0 + 17_680;
    const plan = planClip(four, fromMs, toMs);
    expect(plan.segments.map((s) => s.id)).toEqual([2, 3, 4]);
    const outPath = join(dir, 'mid-gop.mp4');
    const progress: number[] = [];
    const result = await remuxClip(
      options({ plan, workDir: join(dir, 'work'), outPath, onProgress: (ms) => progress.push(ms) }),
    );

    const probe = await ffprobeFile(outPath);
    expect(probe.ok, probe.error).toBe(true);
    expect(await decodeErrors(outPath)).toBe('');
    expect(result).toMatchObject({ codec: 'h264', width: 640, height: 360 });
    expect(result.bytes).toBeGreaterThan(0);
    const rangeMs = toMs - fromMs;
    expect(Math.abs(result.durationMs - rangeMs)).toBeLessThanOrEqual(FRAME_MS + GOP_MS);
    expect(Math.abs(probe.durationS * 1000 - rangeMs)).toBeLessThanOrEqual(FRAME_MS + GOP_MS);

    const frames = await shownFrames(outPath);
    // The pre-roll (2.00–2.28 s of segment 2) is stored for decoding but not shown.
    expect(Math.abs(frames.length - rangeMs / FRAME_MS)).toBeLessThanOrEqual(1 + GOP_MS / FRAME_MS);
    const source = await shownFrames(four[1]!.path);
    const atFrom = source.find((f) => f.ms === 2320);
    expect(atFrom).toBeDefined();
    expect(frames[0]!.md5).toBe(atFrom!.md5);
    expect(frames[0]!.ms).toBeLessThanOrEqual(FRAME_MS);
    // The last shown frame is segment 4's at 2.64 s (the last before 2.68 s), within a GOP.
    const seg4 = await shownFrames(four[3]!.path);
    const lastIndex = seg4.findIndex((f) => f.md5 === frames.at(-1)!.md5);
    expect(lastIndex).toBeGreaterThanOrEqual(0);
    expect(Math.abs(seg4[lastIndex]!.ms - 2680)).toBeLessThanOrEqual(GOP_MS);

    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((ms) => ms >= 0 && ms <= rangeMs + GOP_MS)).toBe(true);
    expect(await readdir(join(dir, 'work'))).toEqual([]); // the list is removed
  });

  it('without -copyts ffmpeg 5.1 would show the pre-roll: the check above can fail', async () => {
    // The same list run by hand the naive way: 8 more frames, starting at the keyframe.
    const plan = planClip(four, T0 + 7320, T0 + 17_680);
    const list = join(dir, 'naive.ffconcat');
    await writeFile(list, ffconcatText(plan));
    const out = join(dir, 'naive.mp4');
    await run(FFMPEG, [
      '-v',
      'error',
      '-y',
      '-f',
      'concat',
      '-safe',
      '0',
      '-i',
      list,
      '-c',
      'copy',
      '-f',
      'mp4',
      out,
    ]);
    const naive = await shownFrames(out);
    const keyframe = (await shownFrames(four[1]!.path)).find((f) => f.ms === 2000)!;
    expect(naive[0]!.md5).toBe(keyframe.md5);
    expect(naive.length).toBe(259 + 8);
  });

  it('a gap in the middle is held: duration is the wall-clock range and footage after it is at its offset', async () => {
    const segs = await makeSegments({
      dir: join(dir, 'gap'),
      count: 3,
      seconds: 4,
      startMs: T0,
      gapAfter: { 0: 3000 },
    });
    const fromMs = T0 + 1000;
    const toMs = T0 + 9000; // segment 2 covers 7–11 s
    const plan = planClip(segs, fromMs, toMs);
    expect(plan.missing).toEqual([{ startMs: T0 + 4000, endMs: T0 + 7000 }]);
    const outPath = join(dir, 'gap.mp4');
    const result = await remuxClip(options({ plan, workDir: join(dir, 'work'), outPath }));
    expect(await decodeErrors(outPath)).toBe('');
    expect(Math.abs(result.durationMs - (toMs - fromMs))).toBeLessThanOrEqual(FRAME_MS + GOP_MS);

    const frames = await shownFrames(outPath);
    // 3 s before the gap + 2 s after it, at 25 fps; nothing is shown in the gap itself.
    expect(frames.length).toBe(125);
    const afterGap = frames.find((f) => f.ms >= 3000 - FRAME_MS / 2)!;
    expect(Math.abs(afterGap.ms - (segs[1]!.startMs - fromMs))).toBeLessThanOrEqual(FRAME_MS / 2);
    expect(afterGap.md5).toBe((await shownFrames(segs[1]!.path))[0]!.md5);
  });

  it('fails with remux_failed and leaves no file when a segment is missing', async () => {
    const plan = planClip(four, T0 + 1000, T0 + 19_000);
    plan.segments[2] = { ...plan.segments[2]!, path: join(dir, 'gone.mp4') };
    const outPath = join(dir, 'broken.mp4');
    const err = await remuxClip(options({ plan, workDir: join(dir, 'work'), outPath })).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ExportFailure);
    expect((err as ExportFailure).code).toBe('remux_failed');
    expect((err as ExportFailure).detail).toMatch(/gone\.mp4/);
    expect(existsSync(outPath)).toBe(false);
    expect(await ffmpegChildren()).toEqual([]);
  });

  it('an hour of 60 s segments remuxes in seconds; cancel after the first progress leaves nothing', async () => {
    const [base] = await makeSegments({
      dir: join(dir, 'hour'),
      count: 1,
      seconds: 60,
      startMs: T0,
    });
    const hour = await linkSegments(base!, {
      dir: join(dir, 'hour', 'links'),
      count: 60,
      startMs: T0,
    });
    const plan = planClip(hour, T0 + 1234, T0 + 3_600_000 - 777);

    const started = Date.now();
    const full = await remuxClip(
      options({ plan, workDir: join(dir, 'work'), outPath: join(dir, 'hour.mp4') }),
    );
    const elapsed = Date.now() - started;
    console.log(
      `remux of 1 h (${(plan.sourceBytes / 1e6).toFixed(0)} MB, 60 segments): ${elapsed} ms`,
    );
    expect(Math.abs(full.durationMs - (3_600_000 - 2011))).toBeLessThanOrEqual(FRAME_MS + GOP_MS);
    expect(elapsed).toBeLessThan(30_000);

    const ctl = new AbortController();
    const outPath = join(dir, 'cancelled.mp4');
    let calls = 0;
    const err = await remuxClip({
      ffmpegPath: FFMPEG,
      plan,
      workDir: join(dir, 'work'),
      outPath,
      signal: ctl.signal,
      onProgress: () => {
        if (calls++ === 0) ctl.abort();
      },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExportCancelled);
    expect(calls).toBeGreaterThan(0);
    expect(existsSync(outPath)).toBe(false);
    expect(await ffmpegChildren()).toEqual([]);
    expect((await readdir(join(dir, 'work'))).filter((f) => f.startsWith('cancelled'))).toEqual([]);

    // Already aborted: nothing starts.
    await expect(
      remuxClip({ ...options({ plan, workDir: dir, outPath }), signal: ctl.signal }),
    ).rejects.toBeInstanceOf(ExportCancelled);
    expect(existsSync(outPath)).toBe(false);
  }, 90_000);
});

describe('remuxClip with footage recorded from the RTSP rig', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig({ h264: ['cam1'], h265: ['cam5'] });
  }, 30_000);
  afterAll(async () => {
    await rig?.stop();
  });

  it('exports a range across a segment boundary of H.264 and H.265 recordings (±1 frame at the start, ±1 GOP at the end)', async () => {
    const tmp = await tempDir('export-rig');
    const db = await openRecordingDb(join(tmp.dir, 'station.db'));
    const storage = join(tmp.dir, 'footage');
    const svc = new RecordingService({
      db,
      storageDir: storage,
      ffmpegPath: FFMPEG,
      resolveInput: async (cameraId) => ({
        kind: 'rtsp',
        url: rig.url(cameraId),
        safeLabel: cameraId,
      }),
      emit: collectingEmit().emit,
      segmentSeconds: 3,
      quota: { reserveBytes: 0 },
    });
    const cams = ['cam1', 'cam5'];
    try {
      await svc.start();
      await svc.syncCameras(cams);
      await waitFor('recording', () => cams.every((c) => svc.status(c).recording), 15_000);
      // Records 8 s of footage (the wait is the point).
      await sleep(8000);
      await svc.dispose();

      for (const [cam, codec] of [
        ['cam1', 'h264'],
        ['cam5', 'hevc'],
      ] as const) {
        const rows = (await svc.timeline(cam, 0, Date.now() + 60_000)).recordings;
        expect(rows.length, `${cam} segments`).toBeGreaterThanOrEqual(2);
        const segments: SourceSegment[] = rows.map((r) => ({
          id: r.id,
          startMs: r.startMs,
          endMs: r.endMs,
          bytes: r.bytes,
          path: absPath(storage, r.path),
        }));
        // 1.5 s either side of the first boundary: starts and ends mid-GOP.
        const boundary = segments[1]!.startMs;
        const fromMs = boundary - 1510;
        const toMs = boundary + 1530;
        const plan = planClip(segments, fromMs, toMs);
        expect(plan.segments.length).toBe(2);
        const outPath = join(tmp.dir, `${cam}.mp4`);
        const result = await remuxClip(options({ plan, workDir: join(tmp.dir, 'work'), outPath }));
        const probe = await ffprobeFile(outPath);
        expect(probe.ok, probe.error).toBe(true);
        expect(probe.codec).toBe(codec);
        expect(await decodeErrors(outPath)).toBe('');
        expect(result.codec).toBe(codec);
        const shown = await shownFrames(outPath);
        const rangeMs = toMs - fromMs;
        expect(Math.abs(result.durationMs - rangeMs)).toBeLessThanOrEqual(FRAME_MS + GOP_MS);
        expect(Math.abs(shown.length - rangeMs / FRAME_MS)).toBeLessThanOrEqual(
          1 + GOP_MS / FRAME_MS,
        );
        // The first shown frame is the source's first frame at or after the requested offset.
        // Camera frames arrive with jitter (bunched under load), so it is found by time in the
        // source, not at offset ± 40 ms; the second candidate covers ms rounding of the offset.
        const source = await shownFrames(segments[0]!.path);
        const offset = fromMs - segments[0]!.startMs;
        const atOffset = source.filter((f) => f.ms >= offset - 1).slice(0, 2);
        expect(atOffset.map((f) => f.md5)).toContain(shown[0]!.md5);
        expect(shown[0]!.ms).toBeLessThanOrEqual(FRAME_MS);
        if (codec === 'hevc') {
          expect(await codecTag(outPath)).toBe('hvc1');
        }
        // The fragment copy of the same recorded files: the same pictures at the same times,
        // H.265 tagged hvc1 as the remux tags it (the recorder writes hev1).
        const copied = join(tmp.dir, `${cam}-fragments.mp4`);
        await writeLayout(await layoutOf(plan), copied);
        expect(await codecTag(copied)).toBe(codec === 'hevc' ? 'hvc1' : 'avc1');
        expect(await decodeErrors(copied)).toBe('');
        expect(await shownFrames(copied)).toEqual(shown);
      }
    } finally {
      await svc.dispose();
      await db.close();
      await tmp.cleanup();
    }
  }, 40_000);
});
