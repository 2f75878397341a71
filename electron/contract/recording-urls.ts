// The media server's footage routes, as both sides see them: the core mounts
// these prefixes, the player builds its URLs with these functions. Footage is
// addressed by the index's numeric segment id only.
import { mediaUrl, type MediaAccess } from './media-routes';

/**
 * GET /recordings/<id>: the recorded fMP4 file, with byte ranges. With `at=<ms>` (ms after
 * the segment's start) it is the file's init segment followed by the file from the keyframe
 * at or before `at` to its end, so a seek fetches and decodes only from that keyframe on.
 * Such a reply names where its media part starts in the file and when (the headers below);
 * without them (no keyframe index, untrustworthy sync flags) it is the whole file.
 */
export const RECORDING_ROUTE_PREFIX = '/recordings/';

/** Byte offset in the file where the reply's media part (after the init segment) starts. */
export const MEDIA_OFFSET_HEADER = 'x-media-offset';
/** That keyframe's decode time, ms after the file's first fragment. */
export const KEYFRAME_MS_HEADER = 'x-keyframe-ms';
/**
 * The file's first fragment's decode time (tfdt, in the track's timescale): the player
 * places a partial file exactly where the whole file would go.
 */
export const FIRST_DECODE_HEADER = 'x-first-decode-time';

/**
 * GET /recordings/h264/<id>?from=<ms>: the segment transcoded to H.264 fragmented MP4,
 * from the keyframe at or before `from` (ms after the segment's start) to its end, streamed
 * as it is encoded. For renderers that cannot decode the recorded codec (H.265).
 */
export const TRANSCODE_ROUTE_PREFIX = '/recordings/h264/';

/** Largest `from` (and `at`) accepted: a segment never lasts a day. */
export const MAX_TRANSCODE_FROM_MS = 86_400_000;

/** Footage URLs carry both tokens (media-routes.ts). */
export type FootageUrlBase = MediaAccess;

function footageUrl(base: FootageUrlBase, path: string, extra: Record<string, string>): string {
  return mediaUrl(base.mediaBaseUrl, path, {
    token: base.mediaToken,
    ...extra,
    session: base.session,
  });
}

export function recordingUrl(
  base: FootageUrlBase,
  segmentId: number,
  opts: { atMs?: number } = {},
): string {
  const extra: Record<string, string> =
    opts.atMs === undefined ? {} : { at: String(clampMs(opts.atMs)) };
  return footageUrl(base, `${RECORDING_ROUTE_PREFIX}${segmentId}`, extra);
}

function clampMs(ms: number): number {
  return Math.min(MAX_TRANSCODE_FROM_MS, Math.max(0, Math.round(ms)));
}

export function transcodeUrl(base: FootageUrlBase, segmentId: number, fromMs: number): string {
  return footageUrl(base, `${TRANSCODE_ROUTE_PREFIX}${segmentId}`, {
    from: String(clampMs(fromMs)),
  });
}
