// Real recorded-looking footage for the export tests: H.264 fragmented MP4
// segments written with the recorder's own muxer flags, each file's timestamps
// starting at 0, laid end to end on the wall clock (with optional gaps). Every
// frame shows its wall-clock time (UTC, to the millisecond), its segment and its
// frame number, so a screenshot of an export can be checked by eye.
import { execFile } from 'node:child_process';
import { link, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RECORD_FRAG_DURATION_US } from '../../recording/segment-args';
import type { SourceSegment } from '../clip-plan';
import { TEST_FFMPEG } from '../../streams/testing/ffmpeg-bin';

const run = promisify(execFile);

export const FIXTURE_FPS = 25;
export const FIXTURE_GOP = 25;
export const FIXTURE_WIDTH = 640;
export const FIXTURE_HEIGHT = 360;
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const DAY_S = 86_400;

export interface MakeSegmentsOptions {
  dir: string;
  count: number;
  seconds: number;
  /** Wall-clock time of the first frame of the first segment. */
  startMs: number;
  /** Milliseconds without footage after segment i (0-based). */
  gapAfter?: Record<number, number>;
  ffmpeg?: string;
  /** H.265 is written as ffmpeg's mp4 muxer tags it by default (hev1), with B-frames. */
  codec?: 'h264' | 'hevc';
  /** Picture size; 640×360 by default. */
  size?: { width: number; height: number };
}

/**
 * Writes `count` segments of `seconds` s each (640×360, 25 fps, 1 s GOP) and
 * returns them as index rows. One encode per segment, so each burns in its own
 * wall-clock offset and starts at timestamp 0 as a `-reset_timestamps 1` segment does.
 */
export async function makeSegments(o: MakeSegmentsOptions): Promise<SourceSegment[]> {
  if (o.count < 1 || o.count > 1000) throw new Error(`count out of range: ${o.count}`);
  await mkdir(o.dir, { recursive: true });
  const durationMs = Math.round(o.seconds * 1000);
  const segments: SourceSegment[] = [];
  let t = o.startMs;
  for (let i = 0; i < o.count; i++) {
    segments.push({
      id: i + 1,
      startMs: t,
      endMs: t + durationMs,
      bytes: 0,
      path: join(o.dir, `seg-${String(i + 1).padStart(4, '0')}.mp4`),
    });
    t += durationMs + (o.gapAfter?.[i] ?? 0);
  }
  // Two encodes at a time: the test machines have two cores.
  for (let i = 0; i < segments.length; i += 2) {
    await Promise.all(segments.slice(i, i + 2).map((s) => encodeSegment(s, o)));
  }
  for (const s of segments) s.bytes = (await stat(s.path)).size;
  return segments;
}

async function encodeSegment(s: SourceSegment, o: MakeSegmentsOptions): Promise<void> {
  // drawtext reads the caption from a file (no filtergraph escaping of ':' in %{pts}),
  // kept in a plain temp folder: the segment folder may hold quotes the filter would need escaped.
  const captionDir = await mkdtemp(join(tmpdir(), 'footage-caption-'));
  const caption = join(captionDir, 'caption.txt');
  const offsetS = ((s.startMs / 1000) % DAY_S).toFixed(3);
  await writeFile(caption, `UTC %{pts:hms:${offsetS}:24HH}  seg ${s.id}  frame %{n}`);
  try {
    await encode(o.ffmpeg ?? TEST_FFMPEG, caption, s.path, o);
  } finally {
    await rm(captionDir, { recursive: true, force: true });
  }
}

async function encode(
  ffmpeg: string,
  caption: string,
  out: string,
  o: MakeSegmentsOptions,
): Promise<void> {
  const width = o.size?.width ?? FIXTURE_WIDTH;
  const height = o.size?.height ?? FIXTURE_HEIGHT;
  const codec =
    o.codec === 'hevc'
      ? ['libx265', '-x265-params', 'log-level=error']
      : ['libx264', '-preset', 'ultrafast'];
  await run(ffmpeg, [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${width}x${height}:rate=${FIXTURE_FPS}`,
    '-vf',
    `drawtext=fontfile=${FONT}:textfile=${caption}:x=20:y=20:fontsize=28:fontcolor=white:box=1:boxcolor=black`,
    '-t',
    String(o.seconds),
    '-c:v',
    ...codec,
    '-g',
    String(FIXTURE_GOP),
    '-pix_fmt',
    'yuv420p',
    '-f',
    'mp4',
    // The recorder's segment_format_options (segment-args.ts).
    '-movflags',
    '+frag_keyframe+empty_moov+default_base_moof',
    '-frag_duration',
    String(RECORD_FRAG_DURATION_US),
    out,
  ]);
}

/**
 * Many segments without encoding them: hard links of one segment laid end to end
 * from `startMs` (as bench/playback-fixture.ts seeds an hour). The burned-in time
 * is the base segment's, so use these for size and speed, not for frame checks.
 */
export async function linkSegments(
  base: SourceSegment,
  o: { dir: string; count: number; startMs: number },
): Promise<SourceSegment[]> {
  if (o.count < 1 || o.count > 10_000) throw new Error(`count out of range: ${o.count}`);
  await mkdir(o.dir, { recursive: true });
  const durationMs = base.endMs - base.startMs;
  const out: SourceSegment[] = [];
  for (let i = 0; i < o.count; i++) {
    const path = join(o.dir, `link-${String(i + 1).padStart(5, '0')}.mp4`);
    await link(base.path, path);
    const startMs = o.startMs + i * durationMs;
    out.push({ id: i + 1, startMs, endMs: startMs + durationMs, bytes: base.bytes, path });
  }
  return out;
}
