// Where footage lives under the storage root. Paths stored in the index are
// relative to the root, with forward slashes, so the root can move (a second
// disk) without rewriting the index.
import { join } from 'node:path';
import type { StreamKind } from '../../contract/schemas';

export const INBOX_DIR = '.inbox';
export const QUARANTINE_DIR = '.quarantine';
export const SEGMENT_EXT = '.mp4';

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Camera ids become folder names; anything outside a safe alphabet is hex-encoded. */
export function cameraDirName(cameraId: string): string {
  return SAFE_ID.test(cameraId) ? cameraId : `x${Buffer.from(cameraId, 'utf8').toString('hex')}`;
}

export function cameraIdFromDirName(dir: string): string | null {
  if (/^x([0-9a-f]{2})+$/.test(dir)) return Buffer.from(dir.slice(1), 'hex').toString('utf8');
  return SAFE_ID.test(dir) ? dir : null;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** 20261127T132405123Z: sortable UTC stamp with ms, safe on every filesystem. */
export function fileStamp(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T` +
    `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}${pad(d.getUTCMilliseconds(), 3)}Z`
  );
}

export function parseFileStamp(stamp: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(stamp);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms] = m.map(Number) as number[];
  const t = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!, ms!);
  return Number.isFinite(t) ? t : null;
}

export interface SegmentName {
  startMs: number;
  runId: string;
  seq: number;
}

/**
 * <stamp>_<stream>_<runId>-<seq>.mp4. The run id is unique per recorder start and
 * seq counts within the run, so two files never share a name even when the wall
 * clock goes back and the stamp repeats.
 */
export function segmentFileName(
  startMs: number,
  stream: StreamKind,
  runId: string,
  seq: number,
): string {
  return `${fileStamp(startMs)}_${stream}_${runId}-${pad(seq, 6)}${SEGMENT_EXT}`;
}

export function parseSegmentFileName(name: string): (SegmentName & { stream: StreamKind }) | null {
  const m = /^(\d{8}T\d{9}Z)_(main|sub)_([a-z0-9]+)-(\d{6,})\.mp4$/.exec(name);
  if (!m) return null;
  const startMs = parseFileStamp(m[1]!);
  if (startMs === null) return null;
  return { startMs, stream: m[2] as StreamKind, runId: m[3]!, seq: Number(m[4]) };
}

/** <camera>/<yyyy-mm-dd>/<hh>/ in UTC, like the index; the UI shows local time. */
export function segmentDir(cameraId: string, startMs: number): string {
  const d = new Date(startMs);
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return `${cameraDirName(cameraId)}/${day}/${pad(d.getUTCHours())}`;
}

export function segmentRelPath(
  cameraId: string,
  stream: StreamKind,
  startMs: number,
  runId: string,
  seq: number,
): string {
  return `${segmentDir(cameraId, startMs)}/${segmentFileName(startMs, stream, runId, seq)}`;
}

export function absPath(root: string, relPath: string): string {
  return join(root, ...relPath.split('/'));
}

/** Inbox of one camera stream; ffmpeg writes <runId>-NNNNNN.mp4 here. */
export function inboxDir(root: string, cameraId: string, stream: StreamKind): string {
  return join(root, INBOX_DIR, cameraDirName(cameraId), stream);
}

export function parseInboxFileName(name: string): { runId: string; seq: number } | null {
  const m = /^([a-z0-9]+)-(\d{6,})\.mp4$/.exec(name);
  return m ? { runId: m[1]!, seq: Number(m[2]) } : null;
}

export function quarantineDir(root: string): string {
  return join(root, QUARANTINE_DIR);
}
