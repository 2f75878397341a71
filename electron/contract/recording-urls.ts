// The media server's footage routes, as both sides see them: the core mounts
// these prefixes, the player builds its URLs with these functions. Footage is
// addressed by the index's numeric segment id only.
import { mediaUrl, type MediaAccess } from './media-routes';

/** GET /recordings/<id>: the recorded fMP4 file, with byte ranges. */
export const RECORDING_ROUTE_PREFIX = '/recordings/';

/**
 * GET /recordings/h264/<id>?from=<ms>: the segment transcoded to H.264 fragmented MP4,
 * from the keyframe at or before `from` (ms after the segment's start) to its end, streamed
 * as it is encoded. For renderers that cannot decode the recorded codec (H.265).
 */
export const TRANSCODE_ROUTE_PREFIX = '/recordings/h264/';

/** Largest `from` accepted: a segment never lasts a day. */
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

export function recordingUrl(base: FootageUrlBase, segmentId: number): string {
  return footageUrl(base, `${RECORDING_ROUTE_PREFIX}${segmentId}`, {});
}

export function transcodeUrl(base: FootageUrlBase, segmentId: number, fromMs: number): string {
  const from = String(Math.min(MAX_TRANSCODE_FROM_MS, Math.max(0, Math.round(fromMs))));
  return footageUrl(base, `${TRANSCODE_ROUTE_PREFIX}${segmentId}`, { from });
}
