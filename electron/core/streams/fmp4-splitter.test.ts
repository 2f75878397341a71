import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Fmp4Splitter, type InitSegment, type MediaFragment } from './fmp4-splitter';
import { fmp4OutputArgs } from './live-args';
import { TEST_FFMPEG, TEST_FFPROBE } from './testing/ffmpeg-bin';

/** Real ffmpeg fMP4 output of 3 s of 25 fps video with a keyframe every 25 frames. */
function encode(codecArgs: string[], codec: 'h264' | 'hevc'): Buffer {
  const out = spawnSync(
    TEST_FFMPEG,
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-nostdin',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=320x180:rate=25:duration=3',
      ...codecArgs,
      '-g',
      '25',
      '-pix_fmt',
      'yuv420p',
      ...fmp4OutputArgs(codec, false),
    ],
    { maxBuffer: 64 * 1024 * 1024, timeout: 30_000 },
  );
  expect(out.status).toBe(0);
  return out.stdout;
}

function split(
  bytes: Buffer,
  chunkSizes: number[],
): { inits: InitSegment[]; frags: MediaFragment[] } {
  const s = new Fmp4Splitter();
  const inits: InitSegment[] = [];
  const frags: MediaFragment[] = [];
  s.on('init', (i) => inits.push(i));
  s.on('fragment', (f) => frags.push(f));
  let pos = 0;
  for (let i = 0; pos < bytes.length; i++) {
    const n = chunkSizes[i % chunkSizes.length]!;
    s.push(bytes.subarray(pos, pos + n));
    pos += n;
  }
  return { inits, frags };
}

function keyframeCount(bytes: Buffer): number {
  const json = execFileSync(
    TEST_FFPROBE,
    [
      '-v',
      'error',
      '-show_packets',
      '-show_entries',
      'packet=flags',
      '-of',
      'json',
      '-i',
      'pipe:0',
    ],
    {
      input: bytes,
    },
  ).toString();
  const packets = (JSON.parse(json) as { packets: { flags: string }[] }).packets;
  return packets.filter((p) => p.flags.startsWith('K')).length;
}

describe('Fmp4Splitter on real ffmpeg output', () => {
  const h264 = encode(
    [
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-tune',
      'zerolatency',
      '-profile:v',
      'baseline',
      '-level',
      '3.0',
    ],
    'h264',
  );

  it('emits one init with the avc1 codec string, then whole moof+mdat fragments', () => {
    // Odd chunk sizes: boxes straddle chunk boundaries, as they do on a pipe.
    const { inits, frags } = split(h264, [7, 1000, 65536, 3, 4096]);
    expect(inits).toHaveLength(1);
    // Constrained baseline (0x42, constraint flags 0xc0), level 3.0 (0x1e).
    expect(inits[0]!.codec).toBe('avc1.42c01e');
    expect(inits[0]!.data.toString('latin1', 4, 8)).toBe('ftyp');
    const total = inits[0]!.data.length + frags.reduce((n, f) => n + f.data.length, 0);
    // All bytes accounted for but the mfra index ffmpeg appends on a clean exit.
    expect(h264.toString('latin1', total + 4, total + 8)).toBe('mfra');
    expect(total + h264.readUInt32BE(total)).toBe(h264.length);
    for (const f of frags) {
      expect(f.data.toString('latin1', 4, 8)).toBe('moof');
    }
    // 200 ms fragments: more fragments than keyframes, and exactly one keyframe fragment per GOP.
    expect(frags.length).toBeGreaterThan(10);
    expect(frags[0]!.isKeyframe).toBe(true);
    expect(frags.filter((f) => f.isKeyframe).length).toBe(keyframeCount(h264));
    expect(frags.filter((f) => !f.isKeyframe).length).toBeGreaterThan(0);
  });

  it('reads the hvc1 codec string for H.265', () => {
    const hevc = encode(
      ['-c:v', 'libx265', '-preset', 'ultrafast', '-x265-params', 'log-level=error'],
      'hevc',
    );
    const { inits, frags } = split(hevc, [65536]);
    expect(inits).toHaveLength(1);
    // Main profile (1), compatibility flags reversed (0x60000000 → 6), main tier, level from hvcC.
    expect(inits[0]!.codec).toMatch(/^hvc1\.1\.6\.L\d+(\.[0-9A-F]{1,2})*$/);
    expect(frags[0]!.isKeyframe).toBe(true);
    expect(frags.filter((f) => f.isKeyframe).length).toBe(keyframeCount(hevc));
  });

  it('refuses a corrupt box size instead of buffering without bound', () => {
    const s = new Fmp4Splitter();
    const errors: Error[] = [];
    s.on('error', (e) => errors.push(e));
    const bad = Buffer.alloc(16);
    bad.writeUInt32BE(0x7fffffff, 0);
    bad.write('mdat', 4, 'latin1');
    s.push(bad);
    expect(errors).toHaveLength(1);
  });
});
