// What a player shows of an export, by decoding it with real ffmpeg: every
// shown frame's time and MD5 (edit lists applied), and any decode error.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { FFMPEG, FFPROBE } from '../../recording/testing/recording-test-kit';

const run = promisify(execFile);

export interface Frame {
  ms: number;
  md5: string;
}

/** Frames as they are stamped (no 25 fps snapping), in the file's own time base. */
const PASSTHROUGH = ['-vsync', 'passthrough', '-enc_time_base:v', '-1'];

/**
 * Every frame a player shows (edit lists applied), with its time in ms from the start:
 * passthrough and the file's own time base, so jittery camera timestamps are not snapped to 25 fps.
 */
export async function shownFrames(file: string): Promise<Frame[]> {
  const { stdout } = await run(
    FFMPEG,
    ['-v', 'error', '-i', file, ...PASSTHROUGH, '-f', 'framemd5', '-'],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const tb = /#tb 0: (\d+)\/(\d+)/.exec(stdout);
  if (!tb) throw new Error(`framemd5 of ${file} printed no time base`);
  const unit = (Number(tb[1]) / Number(tb[2])) * 1000;
  return stdout
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const f = l.split(',').map((s) => s.trim());
      return { ms: Math.round(Number(f[2]) * unit), md5: f[5]! };
    });
}

/**
 * A full decode: any error line fails (ffprobe only reads the container). Passthrough
 * timing as in shownFrames: recorded camera frames arrive bunched under load, and
 * snapping them to 25 fps makes the null muxer complain about the check, not the file.
 */
export async function decodeErrors(file: string): Promise<string> {
  const { stderr } = await run(FFMPEG, [
    '-v',
    'error',
    '-i',
    file,
    ...PASSTHROUGH,
    '-f',
    'null',
    '-',
  ]);
  return stderr.trim();
}

/** The video stream's four-cc as stored (avc1, hvc1, hev1). */
export async function codecTag(file: string): Promise<string> {
  const { stdout } = await run(FFPROBE, [
    '-v',
    'error',
    '-show_entries',
    'stream=codec_tag_string',
    '-of',
    'csv=p=0',
    file,
  ]);
  return stdout.trim();
}
