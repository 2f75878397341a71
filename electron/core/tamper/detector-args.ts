// The tamper detector's ffmpeg command: read the camera's sub-stream, decode its
// keyframes only (the decoder skips everything else, so a D1 stream costs one
// I-frame decode every GOP), shrink each to a 160×90 picture and write it to stdout
// as Y4M (raw planes behind a one-line frame header). Frames keep their own timing: rawvideo output is otherwise constant-rate,
// and ffmpeg would repeat every keyframe to fill the gaps.
import { passthroughTimingArgs } from '../streams/ffmpeg-dialect';
import { DEFAULT_FFMPEG_VERSION, type FfmpegVersion } from '../streams/ffmpeg-version';
import { commonArgs, RTSP_TIMEOUT_US } from '../streams/live-args';
import { rtspSocketTimeoutArgs } from '../streams/ffmpeg-dialect';

export const DETECTOR_WIDTH = 160;
export const DETECTOR_HEIGHT = 90;
/** One yuv420p picture: luma plus two quarter-size chroma planes (the Y4M frame payload). */
export const DETECTOR_FRAME_BYTES = DETECTOR_WIDTH * DETECTOR_HEIGHT * 1.5;
/** What the bench looks for in a process's command line to charge it to the detector. */
export const DETECTOR_MARKER = '-skip_frame';

/** Input options of an RTSP sub-stream: over TCP, video only, a probe long enough for any GOP. */
export function detectorRtspInput(
  url: string,
  v: FfmpegVersion = DEFAULT_FFMPEG_VERSION,
): string[] {
  return [
    '-rtsp_transport',
    'tcp',
    '-allowed_media_types',
    'video',
    ...rtspSocketTimeoutArgs(RTSP_TIMEOUT_US, v),
    '-analyzeduration',
    '1000000',
    '-i',
    url,
  ];
}

/**
 * The whole command. `input` ends with `-i <source>` (detectorRtspInput, or a file in
 * tests); the decoder options before it apply to that input's video decoder.
 */
export function detectorArgs(
  input: readonly string[],
  v: FfmpegVersion = DEFAULT_FFMPEG_VERSION,
  platform: NodeJS.Platform = process.platform,
): string[] {
  return [
    ...commonArgs(platform),
    '-threads',
    '1',
    DETECTOR_MARKER,
    'nokey',
    ...input,
    '-an',
    '-sn',
    '-dn',
    '-vf',
    `scale=${DETECTOR_WIDTH}:${DETECTOR_HEIGHT}:flags=area,format=yuv420p`,
    ...passthroughTimingArgs(v),
    // Each picture leaves at once, not in a 32 KiB output buffer.
    '-flush_packets',
    '1',
    // Y4M, not rawvideo: ffmpeg 5.1 writes a rawvideo frame only when the next one is
    // filtered (measured), a whole GOP late with keyframes only; Y4M frames leave at once.
    '-f',
    'yuv4mpegpipe',
    'pipe:1',
  ];
}
