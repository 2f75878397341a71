// GET /recordings/h264/<id>?from=<ms>&token=…&session=…: one indexed segment
// transcoded to H.264 fragmented MP4 for a renderer that cannot decode its codec,
// from the keyframe at or before `from` (ms after the segment's start) to the end
// of the file, streamed fragment by fragment as ffmpeg writes them. Same checks as
// /recordings/<id> (session first, numeric id, only the index's path is opened);
// the ffmpeg is killed when the client goes away (a seek, a closed view).
import type { ChildProcess } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setPriority } from 'node:os';
import { MAX_TRANSCODE_FROM_MS, TRANSCODE_ROUTE_PREFIX } from '../../contract/recording-urls';
import { ffmpegVersionOf } from '../streams/ffmpeg-version';
import { hasExited, killTree, spawnTree } from '../streams/process-tree';
import {
  corsHeaders,
  plain,
  RECORDING_ID,
  regularFile,
  type RecordingRouteDeps,
} from './recording-routes';
import { transcodeArgs } from './transcode-args';
import type { TranscodeSlots } from './transcode-slots';

export interface TranscodeRouteDeps {
  /** ffmpeg's path, null when none was found (the route then answers 503). */
  ffmpegPath: () => Promise<string | null>;
  slots: TranscodeSlots;
  /** How long a request waits for a free slot before 503 transcode_busy. */
  slotWaitMs?: number;
}

const FROM = /^(0|[1-9][0-9]{0,7})$/;
const DEFAULT_SLOT_WAIT_MS = 3000;
/** Lower than the default 0 (Windows maps it to BELOW_NORMAL). */
const TRANSCODE_NICE = 10;

export async function serveTranscode(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: RecordingRouteDeps & TranscodeRouteDeps,
): Promise<void> {
  const cors = corsHeaders(req);
  if (req.method !== 'GET') {
    res.writeHead(405, { allow: 'GET', ...cors }).end();
    return;
  }
  if (!deps.canView(url.searchParams.get('session'))) {
    plain(res, 403, 'forbidden', cors);
    return;
  }
  const raw = url.pathname.slice(TRANSCODE_ROUTE_PREFIX.length);
  const id = RECORDING_ID.test(raw) ? Number(raw) : null;
  if (id !== null && !deps.granted(url.searchParams.get('session'), id)) {
    plain(res, 403, 'not_listed', cors);
    return;
  }
  const file = id !== null ? await deps.recordingFile(id) : null;
  const found = file ? await regularFile(file) : null;
  if (!found) {
    plain(res, 404, 'not_found', cors);
    return;
  }
  const from = url.searchParams.get('from') ?? '0';
  if (!FROM.test(from) || Number(from) > MAX_TRANSCODE_FROM_MS) {
    plain(res, 400, 'bad_from', cors);
    return;
  }
  const ffmpeg = await deps.ffmpegPath();
  if (!ffmpeg) {
    plain(res, 503, 'ffmpeg_missing', cors);
    return;
  }
  const gone = new AbortController();
  res.once('close', () => gone.abort());
  const release = await deps.slots.acquire(deps.slotWaitMs ?? DEFAULT_SLOT_WAIT_MS, gone.signal);
  if (!release) {
    if (!gone.signal.aborted) plain(res, 503, 'transcode_busy', { ...cors, 'retry-after': '2' });
    return;
  }
  // After the close listener: a client gone while this runs must still stop the ffmpeg.
  const version = await ffmpegVersionOf(ffmpeg);
  let child: ChildProcess;
  try {
    child = spawnTree(
      ffmpeg,
      transcodeArgs({ file: found.path, fromSec: Number(from) / 1000, version }),
    );
  } catch {
    release();
    plain(res, 500, 'transcode_failed', cors);
    return;
  }
  // Below recording and live view: a busy processor slows playback, never the recorders.
  if (child.pid !== undefined) {
    try {
      setPriority(child.pid, TRANSCODE_NICE);
    } catch {
      /* exited already, or not permitted: it runs at normal priority */
    }
  }
  const kill = () => {
    if (!hasExited(child)) killTree(child);
  };
  gone.signal.addEventListener('abort', kill, { once: true });
  if (gone.signal.aborted) kill();
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString('utf8')).slice(-2000);
  });
  const stdout = child.stdout;
  // Headers wait for the first bytes, so a file ffmpeg cannot read still gets an error status.
  stdout?.once('data', () => {
    if (res.headersSent || gone.signal.aborted) return;
    res.writeHead(200, {
      ...cors,
      'content-type': 'video/mp4',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
  });
  stdout?.on('data', (c: Buffer) => {
    // Backpressure: a client that reads slowly pauses ffmpeg's pipe, not unbounded memory.
    if (!res.write(c)) {
      stdout.pause();
      res.once('drain', () => stdout.resume());
    }
  });
  child.once('error', () => undefined); // reported through 'close' with a null code
  await new Promise<void>((resolve) => child.once('close', () => resolve()));
  gone.signal.removeEventListener('abort', kill);
  release();
  if (gone.signal.aborted) return;
  if (child.exitCode === 0 && res.headersSent) res.end();
  else if (!res.headersSent) plain(res, 500, 'transcode_failed', cors);
  // Failed mid-stream: cut the connection so the player does not take it for the end of the file.
  else res.destroy(new Error(`ffmpeg ${child.exitCode}: ${stderr.trim().slice(-200)}`));
}
