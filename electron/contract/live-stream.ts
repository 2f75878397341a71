// The media server's /live WebSocket as both sides see it:
//   WS /live?camera=<id>&stream=main|sub&format=fmp4|mpeg1&token=<launch>&session=<session>
// fMP4 clients get text frames (below) between the binary init segment and fragments;
// MPEG-1 clients get MPEG-TS bytes only (JSMpeg feeds every message to its demuxer).
// Clients may send LiveClientFrame text frames: pause while the picture is not seen.
import { z } from 'zod';
import { mediaUrl, type MediaAccess } from './media-routes';
import { Id, StreamErrorKind, StreamKind, StreamStatus } from './schemas';

export const LIVE_PATH = '/live';

/** Output format of a live stream: fragmented MP4 for Media Source, MPEG-1 for JSMpeg. */
export const LiveFormat = z.enum(['fmp4', 'mpeg1']);
export type LiveFormat = z.infer<typeof LiveFormat>;

/** The query of a /live request, besides the tokens. */
export const LiveQuery = z.object({
  camera: Id,
  stream: StreamKind.default('main'),
  format: LiveFormat.default('fmp4'),
});
export type LiveQuery = z.infer<typeof LiveQuery>;

export function liveUrl(access: MediaAccess, query: LiveQuery): string {
  return mediaUrl(access.mediaBaseUrl, LIVE_PATH, {
    camera: query.camera,
    stream: query.stream,
    format: query.format,
    token: access.mediaToken,
    session: access.session,
  }).replace(/^http/, 'ws');
}

/** Sent before each init segment: the MSE codec string it needs, null when not recognised. */
export const LiveInitFrame = z.object({ type: z.literal('init'), codec: z.string().nullable() });
export type LiveInitFrame = z.infer<typeof LiveInitFrame>;

/** The stream's state, on every change (the same status the camera.status event carries). */
export const LiveStatusFrame = StreamStatus.extend({
  type: z.literal('status'),
  // An error kind this console does not know yet still delivers the state.
  errorKind: StreamErrorKind.nullable().catch(null),
});
export type LiveStatusFrame = z.infer<typeof LiveStatusFrame>;

/** Every text frame /live sends. */
export const LiveTextFrame = z.discriminatedUnion('type', [LiveInitFrame, LiveStatusFrame]);
export type LiveTextFrame = z.infer<typeof LiveTextFrame>;

export function encodeLiveTextFrame(frame: LiveTextFrame): string {
  return JSON.stringify(frame);
}

/**
 * What a client may send: `pause` while its picture is hidden or covered (the server
 * stops delivering, the socket stays open), `resume` to get the picture back (fMP4: a
 * new init frame and segment, then the cached GOP, as for a newcomer).
 */
export const LiveClientFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('pause') }),
  z.object({ type: z.literal('resume') }),
]);
export type LiveClientFrame = z.infer<typeof LiveClientFrame>;

export function encodeLiveClientFrame(frame: LiveClientFrame): string {
  return JSON.stringify(frame);
}

/** A client's text frame, or null when it is not one (ignored). */
export function parseLiveClientFrame(text: string): LiveClientFrame | null {
  try {
    const frame = LiveClientFrame.safeParse(JSON.parse(text));
    return frame.success ? frame.data : null;
  } catch {
    return null;
  }
}
