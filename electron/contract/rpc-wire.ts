// Frames of the WebSocket RPC transport. Shared by the Node server and the
// browser client, so no Node imports here.
import type { ApiErrorBody } from './errors';

export type CallId = number | string;

/** client → server */
export interface CallFrame {
  id: CallId;
  channel: string;
  payload?: unknown;
}

/** server → client */
export type ReplyFrame =
  | { id: CallId | null; ok: true; result: unknown }
  | { id: CallId | null; ok: false; error: ApiErrorBody };

/** server → client, pushed without a request */
export interface EventFrame {
  event: string;
  payload: unknown;
}

/**
 * Both ways: the client sends one every few seconds and the server echoes it at
 * once, outside dispatch. A service whose event loop is stuck (or a process
 * stopped by SIGSTOP) keeps its socket open but stops echoing: the client's only sign.
 */
export interface HeartbeatFrame {
  heartbeat: number;
}

export type ServerFrame = ReplyFrame | EventFrame | HeartbeatFrame;

export const RPC_PATH = '/rpc';
/** Larger frames are refused: no contract request comes near this. */
export const MAX_FRAME_CHARS = 4_200_000;

export function isCallId(v: unknown): v is CallId {
  return (
    (typeof v === 'number' && Number.isFinite(v)) ||
    (typeof v === 'string' && v.length > 0 && v.length <= 64)
  );
}

export function isHeartbeat(
  v: Record<string, unknown>,
): v is Record<string, unknown> & HeartbeatFrame {
  return typeof v.heartbeat === 'number' && Number.isFinite(v.heartbeat) && !('channel' in v);
}
