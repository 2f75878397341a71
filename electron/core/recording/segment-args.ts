// The recorder's ffmpeg command line: copy (never transcode) the camera's video
// into fragmented MP4 segments in an inbox folder. Flags verified on ffmpeg 5.1
// (and 4.1, the Windows package's: see ffmpeg-dialect.ts for what differs):
// - flush_packets=1 inside segment_format_options: without it the inner mp4
//   muxer buffers ~32 KiB and a kill -9 loses whole seconds, not one fragment;
// - no -copyts: the segment muxer cuts by absolute pts, so with copied wall-clock
//   timestamps it would cut at every keyframe; we anchor output time to the wall
//   clock ourselves from -progress (see segment-recorder.ts);
// - the CSV segment list and -progress both go to stdout: the list tells us when
//   a segment closed, progress feeds the supervisor's no-data watchdog.
import { join } from 'node:path';
import { rtspSocketTimeoutArgs, statsPeriodArgs } from '../streams/ffmpeg-dialect';
import type { FfmpegVersion } from '../streams/ffmpeg-version';
import { commonArgs, demoInputArgs, findSystemFont, RTSP_TIMEOUT_US } from '../streams/live-args';
import type { StreamInput } from '../streams/types';

/** Fragments at every keyframe and at most every second: kill -9 loses ≤ 1 s. */
export const RECORD_FRAG_DURATION_US = 1_000_000;

export interface SegmentArgsOptions {
  input: StreamInput;
  inboxDir: string;
  runId: string;
  segmentSeconds: number;
  platform?: NodeJS.Platform;
  /** The ffmpeg that runs these args (default: the tested 5.1). */
  version?: FfmpegVersion;
}

export function recordInputArgs(
  input: StreamInput,
  platform?: NodeJS.Platform,
  version?: FfmpegVersion,
): string[] {
  if (input.kind === 'demo') {
    // The demo camera is a synthetic source: it has to be encoded once; -re paces it in real time.
    return demoInputArgs(input.title, input.index, findSystemFont(platform));
  }
  return [
    '-rtsp_transport',
    'tcp',
    ...rtspSocketTimeoutArgs(RTSP_TIMEOUT_US, version),
    // Camera RTP clocks drift and restart; packet arrival time is the honest timeline.
    '-use_wallclock_as_timestamps',
    '1',
    '-fflags',
    '+genpts',
    '-i',
    input.url,
    '-c:v',
    'copy',
  ];
}

export function buildSegmentArgs(o: SegmentArgsOptions): string[] {
  return [
    ...commonArgs(o.platform),
    ...recordInputArgs(o.input, o.platform, o.version),
    ...segmentMuxerArgs(o.segmentSeconds, join(o.inboxDir, `${o.runId}-%06d.mp4`), o.version),
  ];
}

/**
 * The output half of the recorder's command line: video only into fragmented-MP4
 * segments named by `outputPattern` (with %06d), the segment list and progress on
 * stdout. Test fixtures make footage with exactly these flags.
 */
export function segmentMuxerArgs(
  segmentSeconds: number,
  outputPattern: string,
  version?: FfmpegVersion,
): string[] {
  const movflags = '+frag_keyframe+empty_moov+default_base_moof';
  return [
    '-map',
    '0:v:0',
    // Video only: see docs/design/recording.md (most ward cameras have no usable audio, and G.711 needs transcoding).
    '-an',
    '-f',
    'segment',
    '-segment_time',
    String(segmentSeconds),
    '-segment_format',
    'mp4',
    '-segment_format_options',
    `movflags=${movflags}:frag_duration=${RECORD_FRAG_DURATION_US}:flush_packets=1`,
    '-reset_timestamps',
    '1',
    '-segment_list',
    'pipe:1',
    '-segment_list_type',
    'csv',
    '-progress',
    'pipe:1',
    ...statsPeriodArgs(1, version),
    outputPattern,
  ];
}
