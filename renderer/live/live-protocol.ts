// What the media server's /live WebSocket sends besides media bytes, and how
// the URL of a live stream is built.
import { StreamErrorKind, StreamState, type StreamKind } from '../../electron/contract/schemas';
import type { LiveFormat } from '../../electron/contract/live-stream';

export interface LiveStatusFrame {
  type: 'status';
  state: StreamState;
  errorKind: StreamErrorKind | null;
  since: number;
  retryAt: number | null;
}

export interface LiveInitFrame {
  type: 'init';
  codec: string;
}

export type LiveTextFrame = LiveStatusFrame | LiveInitFrame;

/** Parses a text frame; unknown or malformed frames give null (they are ignored, not fatal). */
export function parseLiveTextFrame(text: string): LiveTextFrame | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (o.type === 'init' && typeof o.codec === 'string') return { type: 'init', codec: o.codec };
  if (o.type === 'status') {
    const state = StreamState.safeParse(o.state);
    if (!state.success) return null;
    const kind = StreamErrorKind.safeParse(o.errorKind);
    return {
      type: 'status',
      state: state.data,
      errorKind: kind.success ? kind.data : null,
      since: typeof o.since === 'number' ? o.since : Date.now(),
      retryAt: typeof o.retryAt === 'number' ? o.retryAt : null,
    };
  }
  return null;
}

export function liveUrl(
  mediaBaseUrl: string,
  token: string,
  session: string,
  cameraId: string,
  stream: StreamKind,
  format: LiveFormat,
): string {
  const base = mediaBaseUrl.replace(/^http/, 'ws').replace(/\/+$/, '');
  const q = new URLSearchParams({ camera: cameraId, stream, format, token, session });
  return `${base}/live?${q.toString()}`;
}

/** Reconnect delays for the media socket: 1 s doubling to a 10 s ceiling. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(10_000, 1000 * 2 ** Math.max(0, attempt));
}

export interface LivePlayerStats {
  player: 'mse' | 'jsmpeg';
  currentTime: number;
  decodedFrames: number;
  droppedFrames: number;
  latencySec: number;
}

export interface LivePlayer {
  stats(): LivePlayerStats;
  destroy(): void;
}
