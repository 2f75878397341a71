// Cuts a ranged seek reply (GET /recordings/<id>?at=: the file's init segment, then
// the file from the keyframe at or before the seek target) into what the player
// appends: first the init with the first fragment alone, so the keyframe is in the
// decoder after one fragment, then one fragment at a time until the seek's frame is
// in, then the rest in pieces of about a given size (fewer appends).
import { Fmp4StreamSplitter } from './fmp4-stream-splitter';

export interface KeyframeReply {
  body: ReadableStream<Uint8Array>;
  /** Byte offset in the file where the reply's media part starts; null: the reply is the whole file. */
  mediaOffset: number | null;
  /** The file's first fragment's decode time (track timescale); null: the reply is the whole file. */
  firstDecodeTime: number | null;
}

export interface ReplyBatch {
  bytes: Uint8Array;
  /** The batch starts with the init segment (the first one only). */
  init: boolean;
  /** Bytes of whole fragments in the batch (the file's bytes it stands for, past the init). */
  mediaBytes: number;
}

/**
 * Batches of a reply in order; a reply without an init or a fragment yields nothing.
 * `chunkBytes()` is asked before each fragment: 0 yields it on its own.
 */
export async function* replyBatches(
  body: ReadableStream<Uint8Array>,
  chunkBytes: () => number,
): AsyncGenerator<ReplyBatch> {
  const reader = body.getReader();
  const splitter = new Fmp4StreamSplitter();
  let init: Uint8Array | null = null;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  try {
    // Bounded by the reply: every read consumes bytes until the body is done.
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (const piece of splitter.push(value)) {
        if (piece.kind === 'init') {
          init = piece.bytes;
        } else if (init) {
          yield { bytes: concat([init, piece.bytes]), init: true, mediaBytes: piece.bytes.length };
          init = null;
        } else {
          pending.push(piece.bytes);
          pendingBytes += piece.bytes.length;
          if (pendingBytes >= chunkBytes()) {
            yield { bytes: concat(pending), init: false, mediaBytes: pendingBytes };
            pending = [];
            pendingBytes = 0;
          }
        }
      }
    }
    if (pendingBytes > 0) yield { bytes: concat(pending), init: false, mediaBytes: pendingBytes };
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
