// How the renderer reads the media server's /live text frames; the frames and the
// URL are the contract's (electron/contract/live-stream.ts).
import { LiveTextFrame } from '../../electron/contract/live-stream';

/** Parses a text frame; unknown or malformed frames give null (ignored, not fatal). */
export function parseLiveTextFrame(text: string): LiveTextFrame | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = text;
  }
  const frame = LiveTextFrame.safeParse(raw);
  if (frame.success) return frame.data;
  console.warn('live: ignored a text frame outside the contract:', text.slice(0, 200));
  return null;
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
  /** False while paused: the picture is hidden or covered, the server sends nothing. */
  active: boolean;
}

export interface LivePlayer {
  stats(): LivePlayerStats;
  /** Pauses (false) or resumes (true) the stream; starts active. Callable before start(). */
  setActive(active: boolean): void;
  destroy(): void;
}
