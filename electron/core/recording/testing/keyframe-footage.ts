// Recorder-shaped footage for the keyframe index tests: one segment written by real
// ffmpeg with the recorder's own muxer flags (segmentMuxerArgs), from a test source
// encoded at a chosen GOP, H.264 or H.265.
import { execFile } from 'node:child_process';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { segmentMuxerArgs } from '../segment-args';
import { FFMPEG, FFPROBE, testSourceArgs } from './recording-test-kit';

const run = promisify(execFile);

export interface FootageOptions {
  codec: 'h264' | 'h265';
  seconds: number;
  gopFrames: number;
  /** hvc1 (parameter sets in the sample entry) or hev1 (in band); H.265 only. */
  hevcTag?: 'hvc1' | 'hev1';
  /** x264 open GOP: recovery-point I frames that the encoder flags as keyframes but are not IDR. */
  openGop?: boolean;
}

/** Writes one segment into `dir` and returns its path. 320×180 at 25 fps. */
export async function writeRecordedSegment(dir: string, o: FootageOptions): Promise<string> {
  const encoder =
    o.codec === 'h264'
      ? [
          '-c:v',
          'libx264',
          '-preset',
          'ultrafast',
          '-g',
          String(o.gopFrames),
          ...(o.openGop ? ['-x264-params', 'open-gop=1:bframes=2'] : []),
        ]
      : [
          '-c:v',
          'libx265',
          '-preset',
          'ultrafast',
          '-x265-params',
          `keyint=${o.gopFrames}:min-keyint=${o.gopFrames}:scenecut=0:log-level=error`,
          '-tag:v',
          o.hevcTag ?? 'hvc1',
        ];
  await run(FFMPEG, [
    ...testSourceArgs(o.seconds),
    ...encoder,
    '-pix_fmt',
    'yuv420p',
    // Longer than the clip: one segment.
    ...segmentMuxerArgs(o.seconds + 10, join(dir, 'seg-%06d.mp4')),
  ]);
  const files = (await readdir(dir)).filter((f) => f.startsWith('seg-'));
  if (files.length !== 1) throw new Error(`expected one segment, got ${files.join(', ')}`);
  return join(dir, files[0]!);
}

/** Presentation times, in ms after the first packet's decode time, of the packets ffprobe reads as keyframes. */
export async function ffprobeKeyframeMs(file: string): Promise<number[]> {
  const { stdout } = await run(FFPROBE, [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-show_entries',
    'packet=pts_time,dts_time,flags',
    '-of',
    'csv=p=0',
    file,
  ]);
  const packets = stdout
    .trim()
    .split('\n')
    .map((line) => line.split(','))
    .map(([pts, dts, flags]) => ({
      pts: Number(pts),
      dts: Number(dts),
      key: flags?.startsWith('K') ?? false,
    }));
  const first = packets[0]?.dts ?? 0;
  return packets.filter((p) => p.key).map((p) => Math.round((p.pts - first) * 1000));
}

/**
 * Rewrites every fragment's default sample flags to "sync", as a camera that flags
 * every frame sync would: the boxes stay the same size, only flag bits change.
 */
export async function flagEverySampleSync(file: string, dest: string): Promise<number> {
  const buf = await readFile(file);
  let at = 0;
  let patched = 0;
  while (at + 8 <= buf.length) {
    const size = buf.readUInt32BE(at);
    if (size < 8) break;
    if (buf.toString('latin1', at + 4, at + 8) === 'moof') {
      const tfhd = buf.indexOf('tfhd', at, 'latin1');
      if (tfhd > 0 && tfhd < at + size) {
        const flags = buf.readUInt32BE(tfhd + 4) & 0xffffff;
        let field = tfhd + 4 + 8;
        if (flags & 0x1) field += 8;
        if (flags & 0x2) field += 4;
        if (flags & 0x8) field += 4;
        if (flags & 0x10) field += 4;
        if (flags & 0x20) {
          buf.writeUInt32BE(0x02000000, field);
          patched++;
        }
      }
    }
    at += size;
  }
  if (patched === 0) throw new Error('no tfhd default flags to patch');
  await writeFile(dest, buf);
  return patched;
}
