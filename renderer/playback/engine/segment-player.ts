// Plays one camera's recorded segments through one MediaSource/SourceBuffer
// and keeps its <video> on the engine's shared clock. Every segment file has
// its own init segment and restarts its timestamps, so each is appended with a
// timestampOffset that puts it at its wall-clock start (time-map.ts). Appends
// run ahead of the playhead and old media is evicted behind it; a seek aborts
// what the previous one was fetching (latest wins). With ranged seeks a segment is
// fetched from the keyframe before the point asked (ranged-load.ts), and a seek
// shows its frame once the fragments up to it are in, while the rest goes on loading.
import type {
  PlaybackSegment,
  PlaybackSegments,
} from '../../../electron/contract/playback-schemas';
import { driftAction, SEEK_DRIFT_MS } from './drift-controller';
import { appendChunks, readFmp4Layout, type Fmp4Layout } from './fmp4-layout';
import {
  AHEAD_MS,
  BEHIND_MS,
  evictionRanges,
  mergeSegments,
  segmentAt,
  segmentsAhead,
  windowAround,
  windowCovers,
  type IndexWindow,
} from './segment-plan';
import { replyBatches, type KeyframeReply } from './ranged-load';
import { mediaSecOf, originFor, timestampOffsetFor, wallMsOf } from './time-map';
import { canDecode } from './decode-support';
import { TranscodedSegments } from './transcoded-segments';
import type { PlaybackCameraStats, PlaybackCameraStatus, PlaybackErrorKey } from './types';

export interface SegmentSource {
  list(cameraId: string, fromMs: number, toMs: number): Promise<PlaybackSegments>;
  /**
   * The segment file's bytes (from byte `from` on, for the new fragments of a growing
   * segment); rejects with FetchStatusError on an HTTP error.
   */
  bytes(segmentId: number, signal: AbortSignal, from?: number): Promise<ArrayBuffer>;
  /** The first bytes of the segment file (its init and first fragment). */
  head(segmentId: number, signal: AbortSignal): Promise<ArrayBuffer>;
  /**
   * The segment's init and its file from the keyframe at or before `atMs` (ms after its
   * start), streamed; rejects with FetchStatusError. Absent: whole files are fetched.
   */
  fromKeyframe?(segmentId: number, atMs: number, signal: AbortSignal): Promise<KeyframeReply>;
  /** The segment transcoded to H.264 from `fromMs` after its start, streamed (TranscodeHost.open). */
  transcoded(
    segmentId: number,
    fromMs: number,
    signal: AbortSignal,
  ): Promise<ReadableStream<Uint8Array>>;
}

export class FetchStatusError extends Error {
  constructor(readonly status: number) {
    super(`http_${status}`);
  }
}

const DEFAULT_FRAME_MS = 40;
/** A segment that failed to load is tried again after this long. */
const RETRY_FAILED_MS = 5000;
/** Longest wait for a decoded frame after a seek (a broken file must not hang the engine). */
const FRAME_WAIT_MS = 3000;
/** Media duration set on a new MediaSource: the element never "ends" at the buffered edge. */
const OPEN_DURATION_SEC = 30 * 86_400;
/** Media kept ahead of the playhead when evicting (more than AHEAD_MS: nothing useful is cut). */
const KEEP_AHEAD_SEC = AHEAD_MS / 1000 + 60;
/**
 * Media behind the limit is removed once this much has piled up: one remove every
 * 15 s of playback rather than a sliver every half second (each remove costs the
 * media pipeline work while it plays).
 */
const EVICT_SLACK_SEC = 15;
/** Appends are split at fragment boundaries into pieces of about this size (a 60 s main-stream segment is tens of MB). */
const APPEND_CHUNK_BYTES = 1 << 20;
/** Pieces are appended this far apart while more than PACE_WHEN_AHEAD_SEC is buffered ahead. */
const PACE_APPEND_MS = 250;
const PACE_WHEN_AHEAD_SEC = 10;
/** Near the live edge the index is asked this often, for the growing segment's new end. */
const LIVE_LIST_EVERY_MS = 1000;
/** Footage ending this close to now is live: the clock waits at its end instead of running on. */
const LIVE_EDGE_RECENT_MS = 10_000;
/** The clock is held this far before the known end of live footage (a tick or two at 1×). */
const LIVE_EDGE_MARGIN_MS = 150;
/** The longest the clock waits for a lagging decoder before it is sought to the clock. */
const MAX_CATCH_UP_MS = 3000;

interface Appended {
  startSec: number;
  endSec: number;
  /** The timestampOffset it was appended with: later fragments go at the same offset. */
  offset: number;
  /** Bytes of the file appended so far (to the end of a complete fragment). */
  bytesDone: number;
  /** More of the file may follow: it was growing when appended (or when last extended). */
  partial: boolean;
  /**
   * Played through the H.264 transcode: its buffered media is not the file's bytes, so
   * it is never extended by range requests (a filed segment is transcoded anew).
   */
  transcoded?: true;
}

/** A segment being fetched and appended. */
interface Loading {
  promise: Promise<boolean>;
  /** Aborted by a seek: it stops between pieces, and a seek that needs it starts it anew. */
  ctrl: AbortController;
  /**
   * A seek waits for it: its pieces go in back to back. Only a background load ahead of
   * a playhead with plenty buffered is paced (a seek must never wait for pacing).
   */
  foreground: boolean;
}

/** performance.now() times of the last seek's stages (bench:playback prints them). */
export interface SeekStages {
  startAt: number;
  listedAt?: number;
  firstByteAt?: number;
  appendedAt?: number;
  frameAt?: number;
}

export class SegmentPlayer {
  private video: HTMLVideoElement | null = null;
  private mediaSource: MediaSource | null = null;
  private sourceBuffer: SourceBuffer | null = null;
  private objectUrl: string | null = null;
  private originMs = 0;
  private codec: string | null = null;
  /** Serialises every SourceBuffer operation. */
  private sbChain: Promise<unknown> = Promise.resolve();

  private segments: PlaybackSegment[] = [];
  private windows: IndexWindow[] = [];
  private indexing: Promise<void> | null = null;
  private readonly appended = new Map<number, Appended>();
  private readonly loading = new Map<number, Loading>();
  private readonly failed = new Map<number, { at: number; key: PlaybackErrorKey }>();
  private aborts = new Set<AbortController>();
  private pumping: Promise<void> | null = null;
  private lastListAt = 0;
  /** Called after each piece a ranged load appends: a seek waits for the media under it. */
  private readonly appendListeners = new Set<() => void>();
  /** The stages of the last seek, for bench:playback. */
  seekStages: SeekStages | null = null;
  /** When this camera's decoder fell behind the clock (null when it keeps up). */
  private lagSince: number | null = null;

  private status: PlaybackCameraStatus = 'loading';
  private errorKey: PlaybackErrorKey | undefined;
  private frameMedia: number | null = null;
  /** performance.now() time at which that frame was (expected to be) displayed. */
  private frameShownAt: number | null = null;
  private frameCallback: number | null = null;
  private gen = 0;
  private busy = 0;
  private scrubTarget: number | null = null;
  private scrubRun: Promise<void> | null = null;
  private disposed = false;
  /** The last codec this camera recorded in cannot be decoded here: segments come transcoded. */
  private undecodable = false;
  private readonly transcoded = new TranscodedSegments({
    open: (id, fromMs, signal) => this.source.transcoded(id, fromMs, signal),
    sourceBufferFor: (seg, codec) => this.sourceBufferFor(seg, codec),
    append: (sb, offset, bytes) => this.append(sb, offset, bytes),
    offsetFor: (seg, first) => timestampOffsetFor(seg.startMs, this.originMs, first),
    mediaSec: (wallMs) => mediaSecOf(wallMs, this.originMs),
    buffered: () => (this.sourceBuffer ? this.sourceBuffer.buffered : null),
    incomplete: (id) => this.appended.delete(id),
  });
  frameMs = DEFAULT_FRAME_MS;

  constructor(
    readonly cameraId: string,
    private readonly source: SegmentSource,
    private readonly now: () => number = Date.now,
  ) {}

  attach(video: HTMLVideoElement): void {
    if (this.video === video) return;
    this.detach();
    this.video = video;
    video.muted = true;
    video.playsInline = true;
    video.disablePictureInPicture = true;
    video.preload = 'auto';
    this.watchFrames();
  }

  detach(): void {
    if (!this.video) return;
    this.transcoded.stop(); // its ffmpeg ends with the request
    this.releaseMedia();
    if (this.frameCallback !== null) this.video.cancelVideoFrameCallback(this.frameCallback);
    this.frameCallback = null;
    this.video = null;
  }

  get attached(): boolean {
    return this.video !== null;
  }

  /** Shows the frame at `wallMs`; resolves when it is on screen (or there is no footage there). */
  async seek(wallMs: number, exact = true): Promise<void> {
    const gen = ++this.gen;
    // A load that has already appended the media at the target goes on (a frame step, a
    // click just after a ranged seek): everything else in flight stops.
    this.abortFetches(this.loadCovering(wallMs)?.ctrl);
    this.busy++;
    const stages: SeekStages = { startAt: performance.now() };
    this.seekStages = stages;
    try {
      await this.ensureIndex(wallMs);
      stages.listedAt = performance.now();
      if (gen !== this.gen || !this.video) return;
      const seg = this.playableAt(wallMs);
      if (!seg) {
        this.video.pause();
        this.setGapStatus(wallMs);
        return;
      }
      // What is appended of it starts later (a ranged load, an evicted head): loaded anew from here.
      if (this.appended.has(seg.id) && !this.appendedFrom(seg, wallMs))
        this.appended.delete(seg.id);
      if (!this.appended.has(seg.id)) this.status = 'loading';
      const ok = await this.untilBuffered(seg, wallMs);
      stages.appendedAt = performance.now();
      if (gen !== this.gen || !this.video || !ok) return;
      // An eviction queued before this seek (around the old playhead) may have removed
      // the segment since it was found appended: let queued buffer work finish, check
      // the media under the target is really there, and append it again if not.
      await this.onBuffer(async () => undefined);
      if (gen !== this.gen || !this.video) return;
      if (!isBuffered(this.video.buffered, mediaSecOf(wallMs, this.originMs))) {
        this.appended.delete(seg.id);
        if (!(await this.ensureAppended(seg, wallMs)) || gen !== this.gen || !this.video) return;
      }
      await this.showFrameAt(wallMs, exact);
      stages.frameAt = performance.now();
      if (gen !== this.gen) return;
      if (this.status !== 'error') this.status = this.video.paused ? 'ready' : 'playing';
      // The frame is up: the rest of a ranged load goes on like a background one.
      const rest = this.loading.get(seg.id);
      if (rest) rest.foreground = false;
      this.pump(wallMs);
    } finally {
      this.busy--;
    }
  }

  /** Latest-wins keyframe seeks while the playhead is dragged. */
  scrub(wallMs: number): void {
    this.scrubTarget = wallMs;
    this.video?.pause();
    if (this.scrubRun) return;
    this.scrubRun = (async () => {
      // Bounded: each pass consumes the target; a new one only comes from a later drag event.
      for (let pass = 0; pass < 10_000 && this.scrubTarget !== null && !this.disposed; pass++) {
        const t = this.scrubTarget;
        this.scrubTarget = null;
        await this.seek(t, false);
      }
    })().finally(() => {
      this.scrubRun = null;
    });
  }

  /** Called on every engine tick: keeps the video on the clock, plays or pauses it, buffers ahead. */
  follow(clockMs: number, playing: boolean, rate: number, waitingForLag = false): void {
    const video = this.video;
    if (!video || this.disposed || this.busy > 0 || this.scrubRun) return;
    if (!this.indexing && !windowCovers(this.windows, clockMs, this.now())) {
      void this.ensureIndex(clockMs);
    } else if (!this.indexing && this.nearLiveEdge(clockMs)) {
      void this.ensureIndex(clockMs, true);
    }
    const seg = this.playableAt(clockMs);
    if (!seg) {
      if (!video.paused) video.pause();
      this.setGapStatus(clockMs);
      this.pump(clockMs);
      return;
    }
    if (!this.playableFrom(seg, clockMs) || !this.sourceBuffer) {
      if (!video.paused) video.pause();
      const failed = this.failed.get(seg.id);
      if (failed) {
        this.status = 'error';
        this.errorKey = failed.key;
      } else this.status = 'loading';
      this.pump(clockMs);
      return;
    }
    // A transcode slower than the playback rate is restarted at the clock (pictures in jumps).
    if (playing && this.transcoded.lagging(seg.id, clockMs)) this.transcoded.stop();
    const clockSec = mediaSecOf(clockMs, this.originMs);
    const offClock =
      !isBuffered(video.buffered, video.currentTime) && isBuffered(video.buffered, clockSec);
    const drift = wallMsOf(video.currentTime, this.originMs) - clockMs;
    const action = driftAction(drift, playing ? rate : 1, this.frameMs);
    if (this.catchUp(drift, playing, rate, waitingForLag, offClock)) {
      this.pump(clockMs);
      return;
    }
    if (offClock || action.kind === 'seek' || (!playing && Math.abs(drift) > this.frameMs)) {
      // Entering footage after a gap, a hole between segments, or drift beyond a nudge.
      video.currentTime = clockSec;
    } else if (playing && action.kind === 'rate') {
      setRate(video, action.playbackRate);
    }
    if (playing && video.paused) void video.play().catch(() => undefined);
    if (!playing && !video.paused) video.pause();
    this.status = playing ? 'playing' : 'paused';
    this.errorKey = undefined;
    this.pump(clockMs);
  }

  /** The video plays but its decoder fell behind the clock: the engine holds the clock for it. */
  get lagging(): boolean {
    return this.lagSince !== null;
  }

  /**
   * A decoder that falls behind (a loaded machine) is waited for rather than sought
   * forward: with a 4 s GOP a seek decodes up to 50 frames before the target, which
   * makes it fall further behind, and every seek skips what it had not shown. While it
   * catches up the engine holds the clock (`waitingForLag`) and the other cameras wait
   * where they are. Returns true when it handled this tick.
   */
  private catchUp(
    drift: number,
    playing: boolean,
    rate: number,
    waitingForLag: boolean,
    offClock: boolean,
  ): boolean {
    const video = this.video!;
    const decoding =
      !offClock &&
      !video.paused &&
      !video.seeking &&
      isBuffered(video.buffered, video.currentTime) &&
      (this.lagSince === null || this.now() - this.lagSince < MAX_CATCH_UP_MS);
    if (!decoding || drift >= -this.frameMs / 2) {
      this.lagSince = null;
      if (!waitingForLag) return false;
      // Another camera is catching up: this one waits where it is.
      if (!video.paused) video.pause();
      return true;
    }
    const behind = -drift > SEEK_DRIFT_MS * Math.max(1, rate);
    if (this.lagSince === null && !((playing && behind) || waitingForLag)) return false;
    this.lagSince ??= this.now();
    setRate(video, rate);
    this.status = 'playing';
    return true;
  }

  /** Whether the clock should wait for this camera: footage exists at `clockMs` but is not buffered. */
  waitingAt(clockMs: number): boolean {
    if (!this.video || this.status === 'error') return false;
    const seg = this.playableAt(clockMs);
    if (!seg) return false;
    if (!this.playableFrom(seg, clockMs)) return true;
    return this.video.readyState < HTMLMediaElement.HAVE_FUTURE_DATA && !this.video.seeking
      ? !isBuffered(this.video.buffered, mediaSecOf(clockMs, this.originMs))
      : false;
  }

  /**
   * Whether the clock has caught up with live footage: the newest footage ends within
   * seconds of now (the segment being written) and the clock is at its end. The engine
   * then holds the clock until more is written, instead of running into "no footage".
   */
  atLiveEdge(clockMs: number): boolean {
    const newest = this.newestSegment();
    if (!this.video || !newest || newest.endMs < this.now() - LIVE_EDGE_RECENT_MS) return false;
    return clockMs >= newest.endMs - LIVE_EDGE_MARGIN_MS && clockMs < this.now();
  }

  private newestSegment(): PlaybackSegment | null {
    let newest: PlaybackSegment | null = null;
    for (const s of this.segments) if (!newest || s.endMs > newest.endMs) newest = s;
    return newest;
  }

  /** Within the appended-ahead span of footage that is still being written. */
  private nearLiveEdge(clockMs: number): boolean {
    const newest = this.newestSegment();
    return (
      newest !== null &&
      (newest.growing === true || newest.endMs > this.now() - LIVE_EDGE_RECENT_MS) &&
      clockMs > newest.endMs - AHEAD_MS &&
      this.now() - this.lastListAt >= LIVE_LIST_EVERY_MS
    );
  }

  frameWallMs(): number | null {
    if (this.status === 'gap' || this.status === 'no_footage' || this.frameMedia === null) {
      return null;
    }
    return wallMsOf(this.frameMedia, this.originMs);
  }

  /**
   * `clockAt` maps a performance.now() time to the shared clock: drift is measured at the
   * moment the frame was displayed, so it does not depend on when the stats are read.
   */
  stats(clockMs: number, clockAt: (perfMs: number) => number): PlaybackCameraStats {
    const frame = this.frameWallMs();
    const shownClock = this.frameShownAt === null ? clockMs : clockAt(this.frameShownAt);
    const q = this.video?.getVideoPlaybackQuality?.();
    const v = this.video;
    return {
      cameraId: this.cameraId,
      state: this.status,
      frameWallMs: frame,
      driftMs: frame === null ? null : Math.round(frame - shownClock),
      ...(this.status === 'error' && this.errorKey ? { errorKey: this.errorKey } : {}),
      decodedFrames: q?.totalVideoFrames ?? 0,
      droppedFrames: q?.droppedVideoFrames ?? 0,
      bufferedAheadSec: v ? bufferedAhead(v.buffered, v.currentTime) : 0,
      segmentId: this.playableAt(clockMs)?.id ?? null,
      ...(this.seekStages ? { lastSeek: stagesAfterStart(this.seekStages) } : {}),
    };
  }

  get videoElement(): HTMLVideoElement | null {
    return this.video;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.gen++;
    this.transcoded.stop();
    this.detach();
    this.abortFetches();
  }

  // ---- index -------------------------------------------------------------

  private ensureIndex(t: number, fresh = false): Promise<void> {
    if (!fresh && windowCovers(this.windows, t, this.now())) return Promise.resolve();
    if (this.indexing) return this.indexing;
    const askedAt = this.now();
    this.lastListAt = askedAt;
    const w = windowAround(t, askedAt);
    this.indexing = this.source
      .list(this.cameraId, w.fromMs, w.toMs)
      .then((res) => {
        this.segments = mergeSegments(this.segments, res.segments, w);
        this.carryOverGrown(res.segments);
        this.windows = [
          ...this.windows.filter((x) => x.askedAt > askedAt - 600_000),
          { ...w, askedAt },
        ];
        if (this.status === 'error' && this.errorKey === 'playback.error.index')
          this.errorKey = undefined;
      })
      .catch(() => {
        this.status = 'error';
        this.errorKey = 'playback.error.index';
        // Count the window as asked so a failing core is not asked on every tick.
        this.windows.push({ ...w, askedAt });
      })
      .finally(() => {
        this.indexing = null;
      });
    return this.indexing;
  }

  /**
   * A segment that was growing when appended and has since been filed is listed under
   * its row's id, naming the id it grew under: its bytes so far are the same, so the
   * player keeps what it appended and fetches only the rest.
   */
  private carryOverGrown(fetched: readonly PlaybackSegment[]): void {
    for (const s of fetched) {
      const grown = s.openId !== undefined ? this.appended.get(s.openId) : undefined;
      if (!grown || s.openId === undefined || this.appended.has(s.id)) continue;
      this.appended.delete(s.openId);
      if (grown.transcoded) continue;
      // The same record: a fetch of its new fragments in flight updates it under either id.
      grown.partial = true;
      this.appended.set(s.id, grown);
    }
  }

  /** The segment at `t`, unless it failed recently (then it is retried after a pause). */
  private playableAt(t: number): PlaybackSegment | null {
    const seg = segmentAt(this.segments, t);
    if (!seg) return null;
    const f = this.failed.get(seg.id);
    if (f && this.now() - f.at > RETRY_FAILED_MS) this.failed.delete(seg.id);
    return seg;
  }

  private setGapStatus(t: number): void {
    this.errorKey = undefined;
    if (!windowCovers(this.windows, t, this.now())) this.status = 'loading';
    // No footage anywhere in the windows asked (about half an hour around the playhead).
    else this.status = this.segments.length > 0 ? 'gap' : 'no_footage';
  }

  // ---- loading and appending ---------------------------------------------

  /** Appends the segments ahead of `t` one at a time in the background, then evicts. */
  private pump(t: number): void {
    if (this.pumping || this.disposed || !this.video) return;
    const gen = this.gen;
    this.pumping = (async () => {
      for (const seg of segmentsAhead(this.segments, t)) {
        if (gen !== this.gen || this.disposed) return;
        // Listed again meanwhile (grown, or filed under its row's id): the next pump has it.
        if (!this.segments.includes(seg)) return;
        const done = this.appended.get(seg.id);
        // Its head was evicted (played past, then a seek back): appended again before the
        // playhead gets there. The part behind the playhead never is.
        if (done && !this.appendedFrom(seg, t)) this.appended.delete(seg.id);
        else if (done?.partial) await this.appendMore(seg, done);
        if (!this.segments.includes(seg)) return;
        if (this.appended.has(seg.id) || this.failed.has(seg.id)) continue;
        if (!(await this.ensureAppended(seg, Math.max(seg.startMs, t), true))) return;
      }
      await this.evict(BEHIND_MS / 1000, KEEP_AHEAD_SEC, EVICT_SLACK_SEC);
    })()
      .catch(() => undefined)
      .finally(() => {
        this.pumping = null;
      });
  }

  /**
   * Whether what is appended of `seg` reaches back to `t` (or to its start, when it
   * starts later) and on to its end (a tail evicted far ahead after a seek back is not).
   */
  private appendedFrom(seg: PlaybackSegment, t: number): boolean {
    const done = this.appended.get(seg.id);
    if (!done) return false;
    const head = done.startSec <= mediaSecOf(Math.max(seg.startMs, t), this.originMs) + 0.05;
    const tail = done.partial || done.endSec >= mediaSecOf(seg.endMs, this.originMs) - 0.05;
    return head && tail;
  }

  /**
   * Whether the clock can play `seg` at `t`: appended from there, or a ranged load of it
   * still running has already appended the media at `t`.
   */
  private playableFrom(seg: PlaybackSegment, t: number): boolean {
    return this.appendedFrom(seg, t) || this.loadCovering(t) !== null;
  }

  /** The running load of the segment at `t`, if the media at `t` is already buffered. */
  private loadCovering(t: number): Loading | null {
    const seg = segmentAt(this.segments, t);
    const running = seg ? this.loading.get(seg.id) : undefined;
    const v = this.video;
    return running &&
      !running.ctrl.signal.aborted &&
      v &&
      isBuffered(v.buffered, mediaSecOf(t, this.originMs))
      ? running
      : null;
  }

  /**
   * Appends `seg` from `wallMs` and resolves once the media at `wallMs` is buffered: a
   * ranged load resolves it after the fragments up to there, a whole-file load when done.
   * False when the load failed or was stopped before.
   */
  private untilBuffered(seg: PlaybackSegment, wallMs: number): Promise<boolean> {
    const whole = this.ensureAppended(seg, wallMs);
    if (!this.source.fromKeyframe) return whole;
    return new Promise<boolean>((resolve) => {
      const check = () => {
        const v = this.video;
        if (v && isBuffered(v.buffered, mediaSecOf(wallMs, this.originMs))) finish(true);
      };
      const finish = (ok: boolean) => {
        this.appendListeners.delete(check);
        resolve(ok);
      };
      this.appendListeners.add(check);
      whole.then(finish, () => finish(false));
    });
  }

  /**
   * `fromMs` is where a ranged or transcoded load starts (whole files start at 0); `background` loads
   * are paced and queued behind a seek's. A load a seek aborted is not joined: it is let
   * end (it stops at its next piece) and started again.
   */
  private async ensureAppended(
    seg: PlaybackSegment,
    fromMs = seg.startMs,
    background = false,
  ): Promise<boolean> {
    // Bounded: each pass either returns or waits for an aborted load to end.
    for (let pass = 0; pass < 4; pass++) {
      if (this.appended.has(seg.id)) return true;
      const running = this.loading.get(seg.id);
      if (!running) break;
      if (!running.ctrl.signal.aborted) {
        if (!background) running.foreground = true;
        return running.promise;
      }
      await running.promise;
    }
    if (this.appended.has(seg.id)) return true;
    if (this.loading.has(seg.id)) return false;
    const entry: Loading = {
      ctrl: new AbortController(),
      foreground: !background,
      promise: Promise.resolve(false),
    };
    entry.promise = this.load(seg, fromMs, entry).finally(() => {
      if (this.loading.get(seg.id) === entry) this.loading.delete(seg.id);
    });
    this.loading.set(seg.id, entry);
    return entry.promise;
  }

  private async load(seg: PlaybackSegment, fromMs: number, entry: Loading): Promise<boolean> {
    const ctrl = entry.ctrl;
    // Held for the whole load (fetch, transcode wait and appends): a seek stops all of it.
    this.aborts.add(ctrl);
    try {
      return await this.loadUnder(seg, fromMs, entry);
    } finally {
      this.aborts.delete(ctrl);
    }
  }

  private async loadUnder(seg: PlaybackSegment, fromMs: number, entry: Loading): Promise<boolean> {
    const ctrl = entry.ctrl;
    const background = !entry.foreground;
    let buf: ArrayBuffer;
    try {
      if (this.undecodable) {
        // Only the head: the codec may have changed back to one this renderer decodes.
        const head = readFmp4Layout(new Uint8Array(await this.source.head(seg.id, ctrl.signal)));
        if (head.codec && !(await canDecode(head.codec))) {
          return await this.loadTranscoded(seg, fromMs, head, background, ctrl.signal);
        }
        this.undecodable = false;
      }
      if (this.source.fromKeyframe) {
        const reply = await this.source.fromKeyframe(
          seg.id,
          Math.max(0, fromMs - seg.startMs),
          ctrl.signal,
        );
        if (this.seekStages && entry.foreground) this.seekStages.firstByteAt ??= performance.now();
        return await this.loadReply(seg, fromMs, entry, reply);
      }
      buf = await this.source.bytes(seg.id, ctrl.signal);
      if (this.seekStages && entry.foreground) this.seekStages.firstByteAt ??= performance.now();
    } catch (e) {
      if (!ctrl.signal.aborted) this.fail(seg, fetchErrorKey(e));
      return false;
    }
    if (ctrl.signal.aborted || this.disposed || !this.video) return false;
    const bytes = new Uint8Array(buf);
    const layout = readFmp4Layout(bytes);
    if (!layout.codec || layout.mediaEnd === 0) {
      this.fail(seg, 'playback.error.decode');
      return false;
    }
    if (!(await canDecode(layout.codec))) {
      this.undecodable = true;
      return await this.loadTranscoded(seg, fromMs, layout, background, ctrl.signal);
    }
    const sb = await this.sourceBufferFor(seg, layout.codec);
    if (!sb) return false;
    if (layout.frameSec) this.frameMs = layout.frameSec * 1000;
    const offset = timestampOffsetFor(seg.startMs, this.originMs, layout.firstDecodeSec);
    const media = bytes.subarray(0, layout.mediaEnd);
    const appended = await this.append(sb, offset, media, {
      paced: () => !entry.foreground && this.busy === 0,
      signal: ctrl.signal,
    });
    // Stopped by a seek part-way: not a fault of the segment (it is appended again when needed).
    if (ctrl.signal.aborted) return false;
    if (!appended) {
      this.fail(seg, 'playback.error.decode');
      return false;
    }
    const startSec = mediaSecOf(seg.startMs, this.originMs);
    this.appended.set(seg.id, {
      startSec,
      endSec: mediaSecOf(seg.endMs, this.originMs),
      offset,
      bytesDone: layout.mediaEnd,
      partial: seg.growing === true,
    });
    this.failed.delete(seg.id);
    return true;
  }

  /**
   * Appends a ranged reply as it arrives: the init with the first fragment at once, the
   * rest in pieces (paced like any background load once the seek's frame is up).
   */
  private async loadReply(
    seg: PlaybackSegment,
    fromMs: number,
    entry: Loading,
    reply: KeyframeReply,
  ): Promise<boolean> {
    const ctrl = entry.ctrl;
    let sb: SourceBuffer | null = null;
    let offset = 0;
    let startSec = 0;
    let bytesDone = 0;
    let broken = false;
    let undecodable: Fmp4Layout | null = null;
    // Fragment by fragment until the media at `fromMs` is in (the seek's frame), then in pieces.
    const chunkBytes = () => {
      const v = this.video;
      return v && isBuffered(v.buffered, mediaSecOf(fromMs, this.originMs))
        ? APPEND_CHUNK_BYTES
        : 0;
    };
    try {
      for await (const batch of replyBatches(reply.body, chunkBytes)) {
        if (ctrl.signal.aborted || this.disposed || !this.video) return false;
        if (batch.init) {
          const layout = readFmp4Layout(batch.bytes);
          if (!layout.codec || layout.timescale === 0) {
            broken = true;
            break;
          }
          // The file's own first decode time: the partial file goes where the whole would.
          const fileFirstSec =
            reply.firstDecodeTime === null
              ? layout.firstDecodeSec
              : reply.firstDecodeTime / layout.timescale;
          if (!(await canDecode(layout.codec))) {
            undecodable = { ...layout, firstDecodeSec: fileFirstSec };
            break; // the reply is closed before the transcode starts
          }
          sb = await this.sourceBufferFor(seg, layout.codec);
          if (!sb) return false;
          if (layout.frameSec) this.frameMs = layout.frameSec * 1000;
          // After sourceBufferFor: a new MediaSource brings a new origin.
          offset = timestampOffsetFor(seg.startMs, this.originMs, fileFirstSec);
          startSec = offset + layout.firstDecodeSec;
          bytesDone = reply.mediaOffset ?? layout.initEnd;
        }
        if (!sb) {
          broken = true;
          break;
        }
        const paced = () => !entry.foreground && this.busy === 0;
        if (!batch.init) await this.pace(paced);
        const appended = await this.append(sb, offset, batch.bytes, { paced, signal: ctrl.signal });
        if (ctrl.signal.aborted) return false;
        if (!appended) {
          broken = true;
          break;
        }
        bytesDone += batch.mediaBytes;
        for (const notify of [...this.appendListeners]) notify();
      }
    } catch (e) {
      if (!ctrl.signal.aborted) this.fail(seg, fetchErrorKey(e));
      return false;
    }
    if (ctrl.signal.aborted) return false;
    if (undecodable) {
      this.undecodable = true;
      return await this.loadTranscoded(seg, fromMs, undecodable, !entry.foreground, ctrl.signal);
    }
    if (broken || !sb || bytesDone === 0) {
      this.fail(seg, 'playback.error.decode');
      return false;
    }
    this.appended.set(seg.id, {
      startSec,
      endSec: mediaSecOf(seg.endMs, this.originMs),
      offset,
      bytesDone,
      partial: seg.growing === true,
    });
    this.failed.delete(seg.id);
    return true;
  }

  private async loadTranscoded(
    seg: PlaybackSegment,
    fromMs: number,
    source: Fmp4Layout,
    background: boolean,
    signal: AbortSignal,
  ): Promise<boolean> {
    if (source.frameSec) this.frameMs = source.frameSec * 1000;
    const r = await this.transcoded.load(seg, fromMs, source.firstDecodeSec, background, signal);
    if (r.ok) {
      const startSec = mediaSecOf(seg.startMs, this.originMs);
      this.appended.set(seg.id, {
        startSec,
        endSec: mediaSecOf(seg.endMs, this.originMs),
        offset: 0,
        bytesDone: 0,
        partial: false,
        transcoded: true,
      });
      this.failed.delete(seg.id);
    } else if (r.key && !signal.aborted) this.fail(seg, r.key);
    return r.ok;
  }

  /**
   * Appends the fragments written since (a growing segment, or the rest of one that was
   * growing and is now filed): a range request from the last appended byte, at the same
   * timestampOffset. Fragments follow the file's one init segment, so they append as is.
   * A failure is not the segment's: it is tried again on a later pump.
   */
  private async appendMore(seg: PlaybackSegment, done: Appended): Promise<void> {
    if (seg.growing && mediaSecOf(seg.endMs, this.originMs) <= done.endSec + 0.01) return;
    const sb = this.sourceBuffer;
    const ctrl = new AbortController();
    this.aborts.add(ctrl);
    let tail: Uint8Array;
    try {
      tail = new Uint8Array(await this.source.bytes(seg.id, ctrl.signal, done.bytesDone));
    } catch {
      return;
    } finally {
      this.aborts.delete(ctrl);
    }
    if (!sb || sb !== this.sourceBuffer || !this.appendedHas(done)) return;
    const end = readFmp4Layout(tail).mediaEnd;
    if (end > 0 && !(await this.append(sb, done.offset, tail.subarray(0, end)))) return;
    // Updated in place: it may have been carried over to the filed row's id meanwhile.
    done.endSec = Math.max(done.endSec, mediaSecOf(seg.endMs, this.originMs));
    done.bytesDone += end;
    if (!seg.growing) done.partial = false;
  }

  private appendedHas(record: Appended): boolean {
    for (const a of this.appended.values()) if (a === record) return true;
    return false;
  }

  private fail(seg: PlaybackSegment, key: PlaybackErrorKey): void {
    this.failed.set(seg.id, { at: this.now(), key });
  }

  /**
   * Appends with one retry after freeing space when the buffer is full, in pieces cut at
   * fragment boundaries: one appendBuffer of a whole minute makes the browser parse it
   * in one go while the element is playing, which showed as dropped frames on a loaded
   * machine. Each piece is its own queued buffer operation.
   */
  private async append(
    sb: SourceBuffer,
    offset: number,
    media: Uint8Array,
    opts: { paced?: () => boolean; signal?: AbortSignal } = {},
  ): Promise<boolean> {
    for (const [i, [from, to]] of appendChunks(media, APPEND_CHUNK_BYTES).entries()) {
      if (opts.signal?.aborted) return false;
      if (i > 0) await this.pace(opts.paced);
      if (opts.signal?.aborted) return false;
      if (!(await this.appendPiece(sb, offset, media.subarray(from, to)))) return false;
    }
    return true;
  }

  /** A background load ahead of a playhead with plenty buffered spreads its pieces out. */
  private async pace(paced: (() => boolean) | undefined): Promise<void> {
    const v = this.video;
    if (v && paced?.() && bufferedAhead(v.buffered, v.currentTime) > PACE_WHEN_AHEAD_SEC)
      await new Promise((r) => setTimeout(r, PACE_APPEND_MS));
  }

  private appendPiece(sb: SourceBuffer, offset: number, media: Uint8Array): Promise<boolean> {
    return this.onBuffer(async () => {
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          sb.timestampOffset = offset;
          await bufferOp(sb, () => sb.appendBuffer(media as Uint8Array<ArrayBuffer>));
          return true;
        } catch (e) {
          if (!(e instanceof DOMException && e.name === 'QuotaExceededError') || attempt > 0) {
            return false;
          }
          // Full: keep only a few seconds behind and the next minute ahead, then retry once.
          await this.removeRanges(sb, 5, 60);
        }
      }
      return false;
    });
  }

  private evict(behindSec: number, aheadSec: number, slackSec: number): Promise<void> {
    return this.onBuffer(async () => {
      const sb = this.sourceBuffer;
      if (sb) await this.removeRanges(sb, behindSec, aheadSec, slackSec);
    });
  }

  /**
   * Inside the buffer chain: removes media far from the playhead. A segment is forgotten
   * only when all of it is gone; one cut partly (the one playing, 30 s in, with 60 s
   * segments) keeps its record with the remaining span, so it is not fetched and
   * appended again under the playhead. A seek into its evicted part appends it again.
   */
  private async removeRanges(
    sb: SourceBuffer,
    behindSec: number,
    aheadSec: number,
    slackSec?: number,
  ): Promise<void> {
    const video = this.video;
    if (!video || this.mediaSource?.readyState !== 'open') return;
    const ranges = evictionRanges(
      toPairs(sb.buffered),
      video.currentTime,
      behindSec,
      aheadSec,
      slackSec,
    );
    for (const [a, b] of ranges) {
      try {
        await bufferOp(sb, () => sb.remove(a, b));
      } catch {
        return;
      }
      for (const [id, span] of this.appended) {
        const left = spanAfterRemoval(span, a, b);
        if (!left) this.appended.delete(id);
        // In place: a fetch of a growing segment's new fragments may hold this record.
        else Object.assign(span, left);
      }
    }
  }

  private onBuffer<T>(op: () => Promise<T>): Promise<T> {
    const next = this.sbChain.then(op, op);
    this.sbChain = next.catch(() => undefined);
    return next;
  }

  /** The SourceBuffer to append `seg` to: a new MediaSource when none or the segment lies before its origin. */
  private async sourceBufferFor(seg: PlaybackSegment, codec: string): Promise<SourceBuffer | null> {
    const mime = `video/mp4; codecs="${codec}"`;
    if (!MediaSource.isTypeSupported(mime)) {
      this.status = 'error';
      this.errorKey = 'playback.error.codec';
      this.fail(seg, 'playback.error.codec');
      return null;
    }
    if (this.sourceBuffer && seg.startMs >= this.originMs) {
      if (codec !== this.codec) {
        // A camera changed codec between segments (replaced or reconfigured).
        const sb = this.sourceBuffer;
        await this.onBuffer(async () => sb.changeType(mime));
        this.codec = codec;
      }
      return this.sourceBuffer;
    }
    return this.openMedia(originFor(seg.startMs), mime, codec);
  }

  private async openMedia(
    originMs: number,
    mime: string,
    codec: string,
  ): Promise<SourceBuffer | null> {
    const video = this.video;
    if (!video) return null;
    this.releaseMedia();
    const ms = new MediaSource();
    this.mediaSource = ms;
    this.objectUrl = URL.createObjectURL(ms);
    video.src = this.objectUrl;
    await new Promise<void>((resolve) =>
      ms.addEventListener('sourceopen', () => resolve(), { once: true }),
    );
    if (this.mediaSource !== ms) return null;
    try {
      const sb = ms.addSourceBuffer(mime);
      sb.mode = 'segments';
      ms.duration = OPEN_DURATION_SEC;
      this.sourceBuffer = sb;
      this.originMs = originMs;
      this.codec = codec;
      this.frameMedia = null;
      this.frameShownAt = null;
      return sb;
    } catch {
      this.status = 'error';
      this.errorKey = 'playback.error.codec';
      return null;
    }
  }

  private releaseMedia(): void {
    const ms = this.mediaSource;
    const sb = this.sourceBuffer;
    this.mediaSource = null;
    this.sourceBuffer = null;
    this.appended.clear();
    this.sbChain = Promise.resolve();
    if (ms && sb && ms.readyState === 'open') {
      try {
        if (sb.updating) sb.abort();
        ms.removeSourceBuffer(sb);
      } catch {
        // the element is being reset anyway
      }
    }
    if (this.objectUrl) {
      URL.revokeObjectURL(this.objectUrl);
      this.objectUrl = null;
    }
    if (this.video) {
      // Detaching and load() make Chromium free the player now, not at GC.
      this.video.removeAttribute('src');
      this.video.load();
    }
  }

  private abortFetches(except?: AbortController): void {
    for (const c of this.aborts) if (c !== except) c.abort();
    this.aborts.clear();
    if (except) this.aborts.add(except);
  }

  // ---- frames --------------------------------------------------------------

  private watchFrames(): void {
    const video = this.video;
    if (!video) return;
    const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
      if (this.video !== video) return;
      this.frameMedia = meta.mediaTime;
      this.frameShownAt = meta.expectedDisplayTime;
      this.frameCallback = video.requestVideoFrameCallback(onFrame);
    };
    this.frameCallback = video.requestVideoFrameCallback(onFrame);
  }

  /** Seeks the element and waits until the frame at `wallMs` has been presented. */
  private async showFrameAt(wallMs: number, exact: boolean): Promise<void> {
    const video = this.video;
    if (!video) return;
    const target = mediaSecOf(wallMs, this.originMs);
    // The frame shown for `target` is the one whose display interval contains it.
    const near = (t: number) => t <= target + 0.0005 && t > target - this.frameMs / 1000 + 0.0005;
    if (exact && this.frameMedia !== null && near(this.frameMedia) && !video.seeking) return;
    await new Promise<void>((resolve) => {
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(finish, FRAME_WAIT_MS);
      const watch = () =>
        video.requestVideoFrameCallback((_n, meta) => {
          // A keyframe seek may land up to a GOP before the target: any new frame will do.
          if (!exact || near(meta.mediaTime)) finish();
          else if (!done) watch();
        });
      watch();
      const fast = (video as Partial<Pick<HTMLMediaElement, 'fastSeek'>>).fastSeek;
      if (!exact && typeof fast === 'function') fast.call(video, target);
      else video.currentTime = target;
    });
  }
}

function stagesAfterStart(s: SeekStages): NonNullable<PlaybackCameraStats['lastSeek']> {
  const after = (t: number | undefined) => (t === undefined ? undefined : t - s.startAt);
  return {
    listedMs: after(s.listedAt),
    firstByteMs: after(s.firstByteAt),
    appendedMs: after(s.appendedAt),
    frameMs: after(s.frameAt),
  };
}

function fetchErrorKey(e: unknown): PlaybackErrorKey {
  return e instanceof FetchStatusError && e.status === 403
    ? 'playback.error.forbidden'
    : 'playback.error.fetch';
}

function bufferOp(sb: SourceBuffer, start: () => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = () => {
      sb.removeEventListener('updateend', done);
      sb.removeEventListener('error', failed);
      resolve();
    };
    const failed = () => {
      sb.removeEventListener('updateend', done);
      sb.removeEventListener('error', failed);
      reject(new Error('source_buffer_error'));
    };
    sb.addEventListener('updateend', done);
    sb.addEventListener('error', failed);
    try {
      start();
    } catch (e) {
      sb.removeEventListener('updateend', done);
      sb.removeEventListener('error', failed);
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}

/** What remains of an appended span after [a, b) is removed; null when nothing does. */
function spanAfterRemoval(
  span: { startSec: number; endSec: number },
  a: number,
  b: number,
): { startSec: number; endSec: number } | null {
  const { startSec, endSec } = span;
  if (b <= startSec || a >= endSec) return { startSec, endSec };
  const headLeft = a - startSec;
  const tailLeft = endSec - b;
  if (headLeft <= 0.05 && tailLeft <= 0.05) return null;
  // A cut from the middle (never made: evictions start or end at the buffer's edge) keeps the larger part.
  return tailLeft >= headLeft ? { startSec: b, endSec } : { startSec, endSec: a };
}

function setRate(video: HTMLVideoElement, rate: number): void {
  if (Math.abs(video.playbackRate - rate) > 1e-4) video.playbackRate = rate;
}

function toPairs(r: TimeRanges): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < r.length; i++) out.push([r.start(i), r.end(i)]);
  return out;
}

function isBuffered(r: TimeRanges, t: number): boolean {
  for (let i = 0; i < r.length; i++) if (t >= r.start(i) && t < r.end(i) - 0.02) return true;
  return false;
}

function bufferedAhead(r: TimeRanges, t: number): number {
  for (let i = 0; i < r.length; i++)
    if (t >= r.start(i) - 0.05 && t <= r.end(i)) return r.end(i) - t;
  return 0;
}
