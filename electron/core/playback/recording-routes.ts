// GET|HEAD /recordings/<id>?token=<launch token>&session=<session token>: the bytes
// of one indexed segment for the player, with single-range requests (206), or with
// `at=<ms>` its init segment and the file from the keyframe before `at` on (a seek
// fetches and decodes from there, not the whole minute). The
// media server checks the launch token; the session says which officer asks.
// Only the index's path for a numeric id is ever opened: nothing of the request's
// path reaches the file system.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import parseRange from 'range-parser';
import {
  FIRST_DECODE_HEADER,
  KEYFRAME_MS_HEADER,
  MAX_TRANSCODE_FROM_MS,
  MEDIA_OFFSET_HEADER,
  RECORDING_ROUTE_PREFIX,
  TRANSCODE_ROUTE_PREFIX,
} from '../../contract/recording-urls';
import type { HttpRouteHandler, MediaRoutes } from '../media-server/types';
import { serveTranscode, type TranscodeRouteDeps } from './transcode-route';

/**
 * The Electron page's origin (electron/main/app-protocol.ts APP_ORIGIN, which core
 * cannot import): its fetch() of segments for Media Source is cross-origin.
 */
export const APP_PAGE_ORIGIN = 'app://station';

export interface RecordingRouteDeps {
  /** Absolute path of an indexed, playable recording; null when there is none. */
  recordingFile: (id: number) => Promise<string | null>;
  /**
   * For the id of a segment being written: its file and how many bytes of it are
   * complete fragments (null: all, it has been filed); null when the id is not one.
   */
  openSegmentFile?: (id: number) => Promise<{ path: string; bytes: number | null } | null>;
  /**
   * Where a reply from `atMs` (ms after the segment's start) starts in the first `size`
   * bytes of the segment's file: the keyframe at or before it (recording/seek-points.ts).
   * Null, or not given: `at` requests get the whole file.
   */
  seekPoint?: (
    id: number,
    file: { path: string; size: number; growing: boolean },
    atMs: number,
  ) => Promise<SeekPoint | null>;
  /** Whether the session may see footage (signed in, screen not locked). */
  canView: (sessionToken: string | null) => boolean;
  /**
   * Whether the session listed this segment through playback.segments (which audits
   * the view): footage is never served by id alone (footage-grants.ts).
   */
  granted: (sessionToken: string | null, id: number) => boolean;
  /** Mounts /recordings/h264/<id> (transcode-route.ts) when given. */
  transcode?: TranscodeRouteDeps;
}

export interface SeekPoint {
  /** file[0, initEnd) is the init segment. */
  initEnd: number;
  /** The keyframe's fragment: its moof's offset and its time, ms after the first fragment. */
  keyframe: { ms: number; offset: number };
  /** The file's first fragment's decode time (tfdt), in the track's timescale. */
  firstDecodeTime: number;
}

/** A row id as SQLite hands them out: no sign, no leading zero, no more than fits exactly. */
export const RECORDING_ID = /^[1-9][0-9]{0,15}$/;

export function plain(res: ServerResponse, status: number, body: string, extra = {}): void {
  res
    .writeHead(status, { 'content-type': 'text/plain', 'cache-control': 'no-store', ...extra })
    .end(body);
}

export function registerRecordingRoutes(routes: MediaRoutes, deps: RecordingRouteDeps): void {
  routes.addHttpRoute(
    RECORDING_ROUTE_PREFIX,
    guarded((req, res, url) => serveRecording(req, res, url, deps)),
  );
  const transcode = deps.transcode;
  if (transcode) {
    routes.addHttpRoute(
      TRANSCODE_ROUTE_PREFIX,
      guarded((req, res, url) => serveTranscode(req, res, url, { ...deps, ...transcode })),
    );
  }
}

/** An unexpected failure answers 500, or cuts a response already under way. */
function guarded(serve: (...a: Parameters<HttpRouteHandler>) => Promise<void>): HttpRouteHandler {
  return (req, res, url) => {
    void serve(req, res, url).catch(() => {
      if (!res.headersSent) plain(res, 500, 'internal_error');
      else res.destroy();
    });
  };
}

export function corsHeaders(req: IncomingMessage): Record<string, string> {
  if (req.headers.origin !== APP_PAGE_ORIGIN) return { vary: 'Origin' };
  return {
    vary: 'Origin',
    'access-control-allow-origin': APP_PAGE_ORIGIN,
    'access-control-expose-headers': [
      'Content-Range',
      'Content-Length',
      'Accept-Ranges',
      MEDIA_OFFSET_HEADER,
      KEYFRAME_MS_HEADER,
      FIRST_DECODE_HEADER,
    ].join(', '),
  };
}

async function serveRecording(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: RecordingRouteDeps,
): Promise<void> {
  const cors = corsHeaders(req);
  if (req.method === 'OPTIONS') {
    // Preflight of a fetch with a Range header the browser does not count as simple.
    res
      .writeHead(204, {
        ...cors,
        'access-control-allow-methods': 'GET, HEAD',
        'access-control-allow-headers': 'Range',
        'access-control-max-age': '600',
      })
      .end();
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', ...cors }).end();
    return;
  }
  // Who asks comes first: a refused caller learns nothing about which ids exist.
  if (!deps.canView(url.searchParams.get('session'))) {
    plain(res, 403, 'forbidden', cors);
    return;
  }
  const raw = url.pathname.slice(RECORDING_ROUTE_PREFIX.length);
  const id = RECORDING_ID.test(raw) ? Number(raw) : null;
  if (id !== null && !deps.granted(url.searchParams.get('session'), id)) {
    plain(res, 403, 'not_listed', cors);
    return;
  }
  const atMs = parseAt(url.searchParams.get('at'));
  if (atMs === 'bad') {
    plain(res, 400, 'bad_at', cors);
    return;
  }
  const found = id !== null ? await findFile(id, deps) : null;
  if (id === null || !found) {
    plain(res, 404, 'not_found', cors);
    return;
  }
  const { path, size } = found;

  const headers: Record<string, string> = {
    ...cors,
    'content-type': 'video/mp4',
    'accept-ranges': 'bytes',
    // Footage is checked against the session on every request; nothing is kept in a
    // cache that a locked or signed-out screen could still read. Loopback refetches are cheap.
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
  const seek =
    atMs !== null && size > 0 && deps.seekPoint ? await deps.seekPoint(id, found, atMs) : null;
  if (seek) {
    await serveFromKeyframe(req, res, path, size, seek, headers);
    return;
  }
  let start = 0;
  let end = size - 1;
  let status = 200;
  const rangeHeader = req.headers.range;
  // With `at` the reply is the whole file when there is no keyframe to start from.
  if (rangeHeader !== undefined && atMs === null) {
    const ranges = parseRange(size, rangeHeader, { combine: true });
    if (ranges === -1) {
      plain(res, 416, 'range_not_satisfiable', { ...cors, 'content-range': `bytes */${size}` });
      return;
    }
    // Malformed (-2), another unit or several ranges: ignored, the whole file is sent (RFC 9110 §14.2).
    if (ranges !== -2 && ranges.type === 'bytes' && ranges.length === 1 && ranges[0]) {
      start = ranges[0].start;
      end = ranges[0].end;
      status = 206;
      headers['content-range'] = `bytes ${start}-${end}/${size}`;
    }
  }
  headers['content-length'] = String(size === 0 ? 0 : end - start + 1);
  res.writeHead(status, headers);
  if (req.method === 'HEAD' || size === 0) {
    res.end();
    return;
  }
  // pipeline destroys the file stream (closing its descriptor) when the client goes away.
  await pipeline(createReadStream(path, { start, end }), res).catch(() => {
    res.destroy();
  });
}

/** `at`: absent (null), ms after the segment's start, or not a number it accepts. */
function parseAt(raw: string | null): number | null | 'bad' {
  if (raw === null) return null;
  const ms = /^[0-9]{1,8}$/.test(raw) ? Number(raw) : NaN;
  return ms <= MAX_TRANSCODE_FROM_MS ? ms : 'bad';
}

/**
 * 200 with file[0, initEnd) ‖ file[keyframe, size): a stream MSE appends as it would the
 * whole file (the same init, the fragments keep their own decode times); the headers
 * say where the media part starts in the file and when.
 */
async function serveFromKeyframe(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  size: number,
  seek: SeekPoint,
  headers: Record<string, string>,
): Promise<void> {
  const { initEnd, keyframe } = seek;
  res.writeHead(200, {
    ...headers,
    'content-length': String(initEnd + size - keyframe.offset),
    [MEDIA_OFFSET_HEADER]: String(keyframe.offset),
    [KEYFRAME_MS_HEADER]: String(keyframe.ms),
    [FIRST_DECODE_HEADER]: String(seek.firstDecodeTime),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  async function* parts(): AsyncGenerator<Buffer> {
    for (const [start, end] of [
      [0, initEnd - 1],
      [keyframe.offset, size - 1],
    ] as const) {
      for await (const chunk of createReadStream(path, { start, end })) yield chunk as Buffer;
    }
  }
  // pipeline ends the generator, and with it the open file stream, when the client goes away.
  await pipeline(Readable.from(parts()), res).catch(() => {
    res.destroy();
  });
}

/**
 * An indexed recording's file, or a segment being written: then only its complete
 * fragments count (the size is theirs), never a half-written moof or mdat.
 */
async function findFile(
  id: number,
  deps: RecordingRouteDeps,
): Promise<{ path: string; size: number; growing: boolean } | null> {
  const open = deps.openSegmentFile ? await deps.openSegmentFile(id) : null;
  if (open) {
    const found = await regularFile(open.path);
    if (!found) return null;
    return open.bytes !== null
      ? { path: found.path, size: Math.min(found.size, open.bytes), growing: true }
      : { ...found, growing: false };
  }
  const file = await deps.recordingFile(id);
  const found = file ? await regularFile(file) : null;
  return found && { ...found, growing: false };
}

export async function regularFile(path: string): Promise<{ path: string; size: number } | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? { path, size: info.size } : null;
  } catch {
    return null; // gone since it was indexed (retention, an unplugged disk)
  }
}
