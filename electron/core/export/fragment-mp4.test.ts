// The fragment-copy export against real ffmpeg 5.1: fixture footage with the time
// burned in (H.264, and H.265 with B-frames tagged hev1 as the recorder's muxer
// writes it), compared frame by frame (decoded MD5) with the sources and with the
// ffmpeg remux it replaces.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FFMPEG, ffprobeFile, tempDir } from '../recording/testing/recording-test-kit';
import { planClip, type ClipPlan, type SourceSegment } from './clip-plan';
import { planFragmentMp4 } from './fragment-mp4';
import { remuxClip } from './remux-clip';
import { makeSegments } from './testing/footage-fixture';
import { layoutOf, writeLayout } from './testing/fragment-file';
import { codecTag, decodeErrors, shownFrames } from './testing/frame-check';

const FRAME_MS = 40; // 25 fps
const GOP_MS = 1000;
const T0 = Date.UTC(2024, 2, 1, 1, 0, 0);

async function remuxed(plan: ClipPlan, dir: string, name: string): Promise<string> {
  const outPath = join(dir, `${name}-remux.mp4`);
  await remuxClip({
    ffmpegPath: FFMPEG,
    plan,
    workDir: join(dir, 'work'),
    outPath,
    signal: new AbortController().signal,
  });
  return outPath;
}

describe('fragment-copy export', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let dir: string;
  let four: SourceSegment[];

  beforeAll(async () => {
    tmp = await tempDir('export-fragments');
    dir = tmp.dir;
    four = await makeSegments({ dir: join(dir, 'four'), count: 4, seconds: 5, startMs: T0 });
  }, 120_000);

  afterAll(async () => {
    await tmp?.cleanup();
  });

  it('H.264 from mid-GOP to mid-GOP across segments: the frames ffmpeg shows, starting on the requested one', async () => {
    // 7.32 s = segment 2 at 2.32 s: 8 frames after its keyframe at 2.00 s.
    const fromMs = T0 + 7320;
    const toMs = T0 + 17_680;
    const plan = planClip(four, fromMs, toMs);
    const layout = await layoutOf(plan);
    const out = join(dir, 'mid-gop.mp4');
    const data = await writeLayout(layout, out);
    expect(data.length).toBe(layout.bytes);

    const probe = await ffprobeFile(out);
    expect(probe.ok, probe.error).toBe(true);
    expect(probe.codec).toBe('h264');
    expect(await decodeErrors(out)).toBe('');
    expect(layout).toMatchObject({ codec: 'h264', width: 640, height: 360 });
    expect(Math.abs(layout.durationMs - (toMs - fromMs))).toBeLessThanOrEqual(FRAME_MS + GOP_MS);
    expect(Math.abs(probe.durationS * 1000 - layout.durationMs)).toBeLessThanOrEqual(1);

    const frames = await shownFrames(out);
    const source = await shownFrames(four[1]!.path);
    expect(frames[0]!.md5).toBe(source.find((f) => f.ms === 2320)!.md5);
    expect(frames[0]!.ms).toBe(0);
    // Frame for frame (picture and time) what the ffmpeg remux of the same plan shows.
    expect(frames).toEqual(await shownFrames(await remuxed(plan, dir, 'mid-gop')));
  });

  it('holds a gap: footage after it is at its wall-clock offset', async () => {
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
    const out = join(dir, 'gap.mp4');
    const layout = await layoutOf(plan);
    await writeLayout(layout, out);
    expect(await decodeErrors(out)).toBe('');
    expect(Math.abs(layout.durationMs - (toMs - fromMs))).toBeLessThanOrEqual(FRAME_MS + GOP_MS);
    const frames = await shownFrames(out);
    // 3 s before the gap + 2 s after it, at 25 fps; nothing is shown in the gap itself.
    expect(frames.length).toBe(125);
    const afterGap = frames[75]!;
    expect(afterGap.ms).toBe(segs[1]!.startMs - fromMs);
    expect(afterGap.md5).toBe((await shownFrames(segs[1]!.path))[0]!.md5);
    expect(frames).toEqual(await shownFrames(await remuxed(plan, dir, 'gap')));
  });

  it('the same clip exported twice is the same file, byte for byte', async () => {
    const plan = planClip(four, T0 + 1234, T0 + 18_765);
    const a = await writeLayout(await layoutOf(plan), join(dir, 'again-1.mp4'));
    const b = await writeLayout(await layoutOf(plan), join(dir, 'again-2.mp4'));
    expect(a.equals(b)).toBe(true);
    // moov before mdat: a player starts before the whole file has been read.
    expect(a.toString('latin1', 4, 8)).toBe('ftyp');
    expect(a.indexOf('moov', 0, 'latin1')).toBeLessThan(a.indexOf('mdat', 0, 'latin1'));
  });

  it('H.265 with B-frames recorded as hev1: written as hvc1, starting on the requested frame', async () => {
    const hevc = await makeSegments({
      dir: join(dir, 'hevc'),
      count: 3,
      seconds: 3,
      startMs: T0,
      codec: 'hevc',
    });
    expect(await codecTag(hevc[0]!.path)).toBe('hev1');
    const fromMs = T0 + 1320;
    const toMs = T0 + 7480;
    const plan = planClip(hevc, fromMs, toMs);
    const layout = await layoutOf(plan);
    const out = join(dir, 'hevc.mp4');
    await writeLayout(layout, out);
    expect(await codecTag(out)).toBe('hvc1');
    const probe = await ffprobeFile(out);
    expect(probe.ok, probe.error).toBe(true);
    expect(probe.codec).toBe('hevc');
    expect(await decodeErrors(out)).toBe('');

    const frames = await shownFrames(out);
    const source = await shownFrames(hevc[0]!.path);
    expect(frames[0]!.md5).toBe(source.find((f) => f.ms === 1320)!.md5);
    expect(Math.abs(frames.length - (toMs - fromMs) / FRAME_MS)).toBeLessThanOrEqual(
      1 + GOP_MS / FRAME_MS,
    );
    // The sources' pictures in order from the in-point, each at its wall-clock offset, up to
    // the end's cut (B-frames after the cut in decode order go with it: a GOP at most). The
    // ffmpeg remux cannot serve as the reference here: ffmpeg 5.1's concat of these files
    // fails ("Non-monotonous DTS") at the first boundary.
    const expected: typeof frames = [];
    for (const [i, seg] of hevc.entries()) {
      const offset = seg.startMs - fromMs;
      for (const f of await shownFrames(seg.path)) {
        const at = f.ms + offset;
        const next = hevc[i + 1];
        if (at >= 0 && at < (next ? next.startMs : toMs) - fromMs)
          expected.push({ ms: at, md5: f.md5 });
      }
    }
    expect(frames.length).toBeGreaterThan(expected.length - GOP_MS / FRAME_MS);
    expect(frames).toEqual(expected.slice(0, frames.length));
  }, 60_000);

  it('leaves to ffmpeg what it cannot vouch for: different sample entries, an unreadable file', async () => {
    const small = await makeSegments({
      dir: join(dir, 'small'),
      count: 1,
      seconds: 2,
      startMs: four[3]!.endMs,
      size: { width: 320, height: 180 },
    });
    const mixed = planClip([...four, ...small], T0 + 16_000, small[0]!.endMs);
    expect(await planFragmentMp4(mixed)).toEqual({ fallback: 'sample entries differ' });

    const junk = join(dir, 'junk.mp4');
    await writeFile(junk, Buffer.alloc(1000, 7));
    const broken = planClip([{ ...four[0]!, path: junk }], T0, T0 + 2000);
    expect(await planFragmentMp4(broken)).toMatchObject({
      fallback: expect.stringMatching(/junk/),
    });
    // The checks above can fail: the same segments alone are copied.
    expect(await planFragmentMp4(planClip(four, T0, T0 + 2000))).toHaveProperty('layout');
    expect((await readFile(four[0]!.path)).length).toBe(four[0]!.bytes);
  }, 30_000);
});
