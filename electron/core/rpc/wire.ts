// Frames of the WebSocket RPC transport. Shared by the Node server and the
// browser client, so no Node imports here.
import type { ApiErrorBody } from '../../contract/errors';

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

export type ServerFrame = ReplyFrame | EventFrame;

export const RPC_PATH = '/rpc';
/** Larger frames are refused: no contract request comes near this. */
export const MAX_FRAME_CHARS = 4_200_000;

export function isCallId(v: unknown): v is CallId {
  return (
    (typeof v === 'number' && Number.isFinite(v)) ||
    (typeof v === 'string' && v.length > 0 && v.length <= 64)
  );
}
