// Plays segments this renderer cannot decode (H.265 without an HEVC decoder)
// through the core's H.264 transcode: one streamed transcode per camera tile at
// a time, from the keyframe at or before the point asked, its fragments appended
// as they arrive. The output keeps the recorded file's timestamps, so it goes in
// with the same timestampOffset as the file itself would (time-map.ts).
import type { PlaybackSegment } from '../../../electron/contract/playback-schemas';
import { readFmp4Layout } from './fmp4-layout';
import { Fmp4StreamSplitter } from './fmp4-stream-splitter';
import type { PlaybackErrorKey } from './types';

export interface TranscodeHost {
  /** The streamed transcode of `segmentId` from `fromMs` ms after its start; rejects with FetchStatusError. */
  open(segmentId: number, fromMs: number, signal: AbortSignal): Promise<ReadableStream<Uint8Array>>;
  /** The SourceBuffer for the output's codec (may open a new MediaSource and origin). */
  sourceBufferFor(seg: PlaybackSegment, codec: string): Promise<SourceBuffer | null>;
  append(sb: SourceBuffer, offsetSec: number, bytes: Uint8Array): Promise<boolean>;
  /** timestampOffset of `seg`'s file, whose own time starts at `firstDecodeSec`. */
  offsetFor(seg: PlaybackSegment, firstDecodeSec: number): number;
  mediaSec(wallMs: number): number;
  buffered(): TimeRanges | null;
  /** A transcode stopped before the end of its segment: what it left is not the whole segment. */
  incomplete(segmentId: number): void;
}

export type TranscodeLoad = { ok: true } | { ok: false; key: PlaybackErrorKey | null };

interface Feed {
  seg: PlaybackSegment;
  /** Media seconds the transcode was asked from (its first frame is the keyframe at or before). */
  fromSec: number;
  ctrl: AbortController;
  finished: boolean;
  /** Finished at the end of the segment (not stopped, not failed). */
  complete: boolean;
  error: PlaybackErrorKey | null;
  /** Media fragments appended so far. */
  fragments: number;
  done: Promise<void>;
  wake: (() => void)[];
}

/** A new request is cheaper than waiting when the point asked is this far past what has arrived. */
const REUSE_AHEAD_SEC = 3;
/** While playing, a transcode this far (media s) behind the clock is restarted at the clock. */
export const TRANSCODE_LAG_SEC = 3;

export class TranscodedSegments {
  private feed: Feed | null = null;

  constructor(private readonly host: TranscodeHost) {}

  /**
   * Makes the media at `fromMs` of `seg` buffered. In the background (buffering ahead) it waits
   * for the running transcode to end before starting the next: one transcode per tile.
   */
  async load(
    seg: PlaybackSegment,
    fromMs: number,
    firstDecodeSec: number,
    background: boolean,
    signal: AbortSignal,
  ): Promise<TranscodeLoad> {
    const running = this.feed;
    if (background && running && !running.finished && running.seg.id !== seg.id) {
      await untilAborted(running.done, signal);
      if (signal.aborted) return { ok: false, key: null };
    }
    const target = this.host.mediaSec(fromMs);
    const f = this.feed;
    const reached = this.reachedSec();
    // A stopped or failed transcode is never waited on again: its media ends where it stopped.
    // A finished one only covers what is still buffered (eviction may have removed some) and
    // the last frame's interval at the end of the file.
    const justShort = Number.isFinite(reached) && target >= reached - 0.1 && target < reached + 1;
    const covered = isBuffered(this.host.buffered(), target) || justShort;
    const reuse =
      f &&
      f.seg.id === seg.id &&
      f.fromSec - 1.5 <= target &&
      (f.finished ? f.complete && covered : target <= reached + REUSE_AHEAD_SEC);
    const feed = reuse && f ? f : this.start(seg, fromMs, firstDecodeSec);
    // Bounded by the feed: every append wakes this loop, and the feed's end ends it.
    for (;;) {
      if (signal.aborted) return { ok: false, key: null };
      if (isBuffered(this.host.buffered(), target)) return { ok: true };
      // Reached the end just short of the point (an index end a frame past the media): played.
      if (feed.finished && feed.complete && feed.fragments > 0) return { ok: true };
      // Stopped (a seek elsewhere, lagging at high speed): no error, the caller asks again.
      if (feed.finished && !feed.complete && !feed.error) return { ok: false, key: null };
      if (feed.finished) return { ok: false, key: feed.error ?? 'playback.error.decode' };
      await untilAborted(new Promise<void>((r) => feed.wake.push(r)), signal);
    }
  }

  /** Whether the running transcode of the segment under the clock has fallen behind it. */
  lagging(segmentId: number, clockMs: number): boolean {
    const f = this.feed;
    if (!f || f.finished || f.seg.id !== segmentId) return false;
    return this.host.mediaSec(clockMs) > Math.max(f.fromSec, this.reachedSec()) + TRANSCODE_LAG_SEC;
  }

  /** Stops the running transcode (its ffmpeg ends with the request). */
  stop(): void {
    this.feed?.ctrl.abort();
  }

  private reachedSec(): number {
    const f = this.feed;
    const r = this.host.buffered();
    if (!f || !r) return -Infinity;
    for (let i = 0; i < r.length; i++)
      if (r.start(i) <= f.fromSec + 0.05 && r.end(i) >= f.fromSec - 1.5) return r.end(i);
    return -Infinity;
  }

  private start(seg: PlaybackSegment, fromMs: number, firstDecodeSec: number): Feed {
    this.feed?.ctrl.abort();
    const feed: Feed = {
      seg,
      fromSec: this.host.mediaSec(fromMs),
      ctrl: new AbortController(),
      finished: false,
      complete: false,
      error: null,
      fragments: 0,
      done: Promise.resolve(),
      wake: [],
    };
    this.feed = feed;
    feed.done = this.run(feed, fromMs, firstDecodeSec)
      .catch((e: unknown) => {
        if (!feed.ctrl.signal.aborted) feed.error = errorKeyOf(e);
        return false;
      })
      .then((complete) => {
        feed.complete = complete;
        feed.finished = true;
        for (const w of feed.wake.splice(0)) w();
        const replacedBySameSegment = this.feed !== feed && this.feed?.seg.id === seg.id;
        if (!complete && !replacedBySameSegment) this.host.incomplete(seg.id);
      });
    return feed;
  }

  /** Streams one transcode into the SourceBuffer; true when it reached the end of the segment. */
  private async run(feed: Feed, fromMs: number, firstDecodeSec: number): Promise<boolean> {
    const { seg, ctrl } = feed;
    const body = await this.host.open(seg.id, Math.max(0, fromMs - seg.startMs), ctrl.signal);
    const reader = body.getReader();
    const splitter = new Fmp4StreamSplitter();
    let sb: SourceBuffer | null = null;
    let offset = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return true;
        for (const piece of splitter.push(value)) {
          if (ctrl.signal.aborted) return false;
          if (piece.kind === 'init') {
            const codec = readFmp4Layout(piece.bytes).codec;
            sb = codec ? await this.host.sourceBufferFor(seg, codec) : null;
            if (!sb) throw new Error('transcode_init');
            // After sourceBufferFor: a new MediaSource brings a new origin.
            offset = this.host.offsetFor(seg, firstDecodeSec);
          }
          if (!sb || !(await this.host.append(sb, offset, piece.bytes))) {
            throw new Error('transcode_append');
          }
          if (piece.kind === 'media') feed.fragments++;
          for (const w of feed.wake.splice(0)) w();
        }
      }
    } finally {
      reader.cancel().catch(() => undefined);
    }
  }
}

function errorKeyOf(e: unknown): PlaybackErrorKey {
  const status = e instanceof Error && /^http_(\d+)$/.exec(e.message)?.[1];
  if (status === '403') return 'playback.error.forbidden';
  if (status === '503') return 'playback.error.transcodeBusy';
  if (e instanceof Error && e.message === 'transcode_append') return 'playback.error.decode';
  return 'playback.error.transcode';
}

function untilAborted(p: Promise<unknown>, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const quit = () => resolve();
    signal.addEventListener('abort', quit, { once: true });
    void p.finally(() => {
      signal.removeEventListener('abort', quit);
      resolve();
    });
  });
}

function isBuffered(r: TimeRanges | null, t: number): boolean {
  if (!r) return false;
  for (let i = 0; i < r.length; i++) if (t >= r.start(i) && t < r.end(i) - 0.02) return true;
  return false;
}
