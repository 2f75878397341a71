import { mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanFmp4, type Fmp4Scan } from './fmp4-scan';
import {
  ffprobeKeyframeMs,
  flagEverySampleSync,
  writeRecordedSegment,
  type FootageOptions,
} from './testing/keyframe-footage';
import { ffprobeFile, tempDir, writeSampleFmp4 } from './testing/recording-test-kit';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let whole: string;

beforeAll(async () => {
  tmp = await tempDir('fmp4-scan');
  whole = join(tmp.dir, 'whole.mp4');
  // The recorder's muxer settings on a 3 s, 25 fps, 1 s GOP source.
  await writeSampleFmp4(whole, 3);
});

afterAll(async () => {
  await tmp.cleanup();
});

async function truncatedCopy(src: string, dest: string, bytes: number): Promise<void> {
  const fh = await open(src, 'r');
  const buf = Buffer.alloc(bytes);
  await fh.read(buf, 0, bytes, 0);
  await fh.close();
  await writeFile(dest, buf);
}

describe('scanFmp4', () => {
  it('measures a whole segment: duration, fragments, per-second bytes, clean close', async () => {
    const s = await scanFmp4(whole);
    expect(s.hasInit).toBe(true);
    expect(s.codec).toBe('avc1');
    expect(s.fragmentCount).toBe(3);
    expect(s.durationMs).toBe(3000);
    expect(s.closedCleanly).toBe(true);
    expect(s.completeBytes).toBe(s.fileBytes);
    expect(s.secondBytes).toHaveLength(3);
    expect(s.secondBytes.reduce((a, b) => a + b, 0)).toBeLessThan(s.fileBytes);
    expect(s.secondBytes.every((b) => b > 0)).toBe(true);
  });

  it('counts a torn file up to its last whole fragment, which is what ffprobe plays', async () => {
    const s = await scanFmp4(whole);
    const torn = join(tmp.dir, 'torn.mp4');
    // Cut inside the last fragment, as kill -9 leaves it.
    await truncatedCopy(whole, torn, s.completeBytes - 2000);
    const t = await scanFmp4(torn);
    expect(t.hasInit).toBe(true);
    expect(t.closedCleanly).toBe(false);
    expect(t.fragmentCount).toBe(2);
    expect(t.durationMs).toBe(2000);
    expect(t.completeBytes).toBeLessThan(t.fileBytes);
    const probe = await ffprobeFile(torn);
    expect(probe.durationS).toBeGreaterThanOrEqual(2);
  });

  it('reports a file with only its header as having nothing to play', async () => {
    const head = join(tmp.dir, 'head.mp4');
    await truncatedCopy(whole, head, 28);
    const h = await scanFmp4(head);
    expect(h.fragmentCount).toBe(0);
    expect(h.durationMs).toBe(0);
    expect(h.hasInit).toBe(false);
  });
});

describe('scanFmp4 keyframes', () => {
  async function segment(name: string, o: FootageOptions): Promise<string> {
    const dir = join(tmp.dir, name);
    await mkdir(dir);
    return writeRecordedSegment(dir, o);
  }

  /** Every listed offset is a moof, and the keyframes are exactly the ones ffprobe reads. */
  async function expectKeyframesMatch(file: string, s: Fmp4Scan): Promise<void> {
    const fh = await open(file, 'r');
    try {
      for (const kf of s.keyframes) {
        const head = Buffer.alloc(8);
        await fh.read(head, 0, 8, kf.offset);
        expect(head.toString('latin1', 4, 8)).toBe('moof');
      }
      const init = Buffer.alloc(8);
      await fh.read(init, 0, 8, s.initEnd);
      expect(init.toString('latin1', 4, 8)).toBe('moof');
    } finally {
      await fh.close();
    }
    expect(s.keyframes.map((k) => k.ms)).toEqual(await ffprobeKeyframeMs(file));
  }

  it.each([
    { name: 'h264 3 s GOP', codec: 'h264', gopFrames: 75, gopMs: 3000, four: 'avc1' },
    { name: 'h265 hvc1 4 s GOP', codec: 'h265', gopFrames: 100, gopMs: 4000, four: 'hvc1' },
    { name: 'h265 hev1 2 s GOP', codec: 'h265', gopFrames: 50, gopMs: 2000, four: 'hev1' },
  ] as const)('lists each keyframe of a 60 s $name segment', async (c) => {
    const file = await segment(c.name.replaceAll(' ', '-'), {
      codec: c.codec,
      seconds: 60,
      gopFrames: c.gopFrames,
      hevcTag: c.codec === 'h265' ? (c.four as 'hvc1' | 'hev1') : undefined,
    });
    const s = await scanFmp4(file);
    expect(s.codec).toBe(c.four);
    expect(s.durationMs).toBe(60_000);
    // Fragments are cut every second, so most do not start with a keyframe.
    expect(s.fragmentCount).toBeGreaterThanOrEqual(60);
    expect(s.keyframes).toHaveLength(60_000 / c.gopMs);
    expect(s.keyframes[0]!.offset).toBe(s.initEnd);
    expect(s.keyframes[1]!.ms - s.keyframes[0]!.ms).toBe(c.gopMs);
    await expectKeyframesMatch(file, s);
  });

  it('lists none when the encoder flags recovery-point I frames as keyframes (open GOP)', async () => {
    const file = await segment('open-gop', {
      codec: 'h264',
      seconds: 10,
      gopFrames: 50,
      openGop: true,
    });
    // ffprobe believes the flags: five keyframes, of which only the first is an IDR.
    expect(await ffprobeKeyframeMs(file)).toHaveLength(5);
    const s = await scanFmp4(file);
    expect(s.durationMs).toBe(10_000);
    expect(s.keyframes).toEqual([]);
  });

  it('lists none for a camera that flags every frame sync', async () => {
    const file = await segment('all-sync', { codec: 'h264', seconds: 10, gopFrames: 50 });
    const allSync = join(tmp.dir, 'all-sync.mp4');
    const patched = await flagEverySampleSync(file, allSync);
    const s = await scanFmp4(allSync);
    expect(s.fragmentCount).toBeGreaterThanOrEqual(10);
    expect(patched).toBe(s.fragmentCount);
    expect(s.keyframes).toEqual([]);
    // The untouched file does get its five.
    expect((await scanFmp4(file)).keyframes).toHaveLength(5);
  });

  it('lists only keyframes of whole fragments in a torn file', async () => {
    const file = await segment('torn-kf', { codec: 'h264', seconds: 10, gopFrames: 50 });
    const s = await scanFmp4(file);
    const last = s.keyframes.at(-1)!;
    const torn = join(tmp.dir, 'torn-kf.mp4');
    // Cut inside the last keyframe's fragment.
    await truncatedCopy(file, torn, last.offset + 2000);
    const t = await scanFmp4(torn);
    expect(t.keyframes).toEqual(s.keyframes.slice(0, -1));
    expect(t.initEnd).toBe(s.initEnd);
  });
});
