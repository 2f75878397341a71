// The few ffmpeg options whose spelling depends on the release (ffmpeg-version.ts).
// Everything else the station passes means the same from 4.1 (the Windows
// package's ffmpeg) to 7.x; checked against both binaries' `-h full`.
import { atLeast, DEFAULT_FFMPEG_VERSION, type FfmpegVersion } from './ffmpeg-version';

/**
 * Socket I/O timeout of an RTSP input, µs. Before 5.0 the rtsp demuxer's `-timeout`
 * means "listen for the camera to connect" (in seconds): ffmpeg 4.1 given it opens a
 * listening socket and waits. The socket timeout was `-stimeout` there.
 */
export function rtspSocketTimeoutArgs(
  us: number,
  v: FfmpegVersion = DEFAULT_FFMPEG_VERSION,
): string[] {
  return [atLeast(v, 5, 0) ? '-timeout' : '-stimeout', String(us)];
}

/** Frames keep their timestamps, none duplicated or dropped: `-fps_mode` came with 5.1. */
export function passthroughTimingArgs(v: FfmpegVersion = DEFAULT_FFMPEG_VERSION): string[] {
  return [atLeast(v, 5, 1) ? '-fps_mode' : '-vsync', 'passthrough'];
}

/**
 * `-progress` every `seconds`: `-stats_period` came with 4.4. Older ffmpeg writes
 * progress every 0.5 s, fresher than any period the station asks for.
 */
export function statsPeriodArgs(
  seconds: number,
  v: FfmpegVersion = DEFAULT_FFMPEG_VERSION,
): string[] {
  return atLeast(v, 4, 4) ? ['-stats_period', String(seconds)] : [];
}
