// Plays a live fragmented-MP4 WebSocket through Media Source Extensions and
// keeps the picture at the live edge (the approach of go2rtc's video-rtc.js):
// a bounded buffer, catch-up when behind, and a full release of the media
// element on destroy because Chromium caps the number of live media players.
import { encodeLiveClientFrame, type LiveStatusFrame } from '../../electron/contract/live-stream';
import {
  parseLiveTextFrame,
  reconnectDelayMs,
  type LivePlayer,
  type LivePlayerStats,
} from './live-protocol';

export interface MsePlayerOptions {
  video: HTMLVideoElement;
  url: string;
  onStatus?: (status: LiveStatusFrame) => void;
  /** The stream's codec cannot play here; the caller switches to the fallback player. */
  onUnsupportedCodec?: (codec: string) => void;
  /** First media bytes appended after a (re)connect. */
  onPlaying?: () => void;
  /** The socket closed and a reconnect is scheduled. */
  onDisconnected?: () => void;
  isTypeSupported?: (mime: string) => boolean;
}

/** Seconds of media kept behind the playhead. */
const KEEP_BEHIND_SEC = 10;
/** Behind the live edge by more than this: jump. */
const JUMP_LAG_SEC = 2.5;
/** Behind by more than this: play slightly faster until caught up. */
const CATCHUP_LAG_SEC = 1.0;
const TICK_MS = 500;

export class MsePlayer implements LivePlayer {
  private ws: WebSocket | null = null;
  private mediaSource: MediaSource | null = null;
  private objectUrl: string | null = null;
  private sourceBuffer: SourceBuffer | null = null;
  private queue: ArrayBuffer[] = [];
  private destroyed = false;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private tickTimer: ReturnType<typeof setInterval> | null = null;
  private gotMedia = false;
  private active = true;
  private readonly video: HTMLVideoElement;

  constructor(private readonly opts: MsePlayerOptions) {
    this.video = opts.video;
    this.video.muted = true;
    this.video.autoplay = true;
    this.video.playsInline = true;
    this.video.disablePictureInPicture = true;
  }

  start(): void {
    this.connect();
    this.tickTimer = setInterval(() => this.keepLive(), TICK_MS);
  }

  stats(): LivePlayerStats {
    const q = this.video.getVideoPlaybackQuality?.();
    return {
      player: 'mse',
      currentTime: this.video.currentTime,
      decodedFrames: q?.totalVideoFrames ?? 0,
      droppedFrames: q?.droppedVideoFrames ?? 0,
      latencySec: Math.max(0, this.bufferedEnd() - this.video.currentTime),
      active: this.active,
    };
  }

  /**
   * Paused, the server sends nothing and the element holds no media, so nothing is
   * decoded; resumed, the server starts over with an init segment and its cached GOP.
   */
  setActive(active: boolean): void {
    if (this.active === active) return;
    this.active = active;
    this.sendControl();
    if (!active) this.releaseMedia();
  }

  private sendControl(): void {
    const ws = this.ws;
    if (ws?.readyState !== WebSocket.OPEN) return; // onopen sends a pause if still needed
    ws.send(encodeLiveClientFrame({ type: this.active ? 'resume' : 'pause' }));
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.tickTimer) clearInterval(this.tickTimer);
    this.closeSocket();
    this.releaseMedia();
  }

  private connect(): void {
    if (this.destroyed) return;
    const ws = new WebSocket(this.opts.url);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onopen = () => {
      if (this.ws === ws && !this.active) this.sendControl();
    };
    ws.onmessage = (ev: MessageEvent<string | ArrayBuffer>) => {
      if (this.ws !== ws) return;
      if (typeof ev.data === 'string') this.onText(ev.data);
      else this.onMedia(ev.data);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.scheduleReconnect();
    };
  }

  private onText(text: string): void {
    const frame = parseLiveTextFrame(text);
    if (!frame) return;
    if (frame.type === 'status') {
      this.opts.onStatus?.(frame);
      return;
    }
    // A codec the server could not name leaves nothing to open Media Source with.
    // Paused: an init sent before the server saw the pause; resume brings a new one.
    if (frame.codec === null || !this.active) return;
    const mime = `video/mp4; codecs="${frame.codec}"`;
    const supported = this.opts.isTypeSupported ?? ((m: string) => MediaSource.isTypeSupported(m));
    if (!supported(mime)) {
      // No retry: this camera needs the fallback path.
      this.destroy();
      this.opts.onUnsupportedCodec?.(frame.codec);
      return;
    }
    // Each connection starts a new timeline (ffmpeg may have restarted), so start a fresh MediaSource.
    this.releaseMedia();
    this.openMedia(mime);
  }

  private onMedia(data: ArrayBuffer): void {
    if (!this.mediaSource) return; // bytes before an init frame are meaningless
    this.queue.push(data);
    this.pump();
  }

  private openMedia(mime: string): void {
    const ms = new MediaSource();
    this.mediaSource = ms;
    this.objectUrl = URL.createObjectURL(ms);
    this.video.src = this.objectUrl;
    ms.addEventListener(
      'sourceopen',
      () => {
        if (this.mediaSource !== ms) return;
        try {
          const sb = ms.addSourceBuffer(mime);
          sb.mode = 'segments';
          sb.addEventListener('updateend', () => this.pump());
          this.sourceBuffer = sb;
          this.pump();
        } catch {
          this.closeSocket();
          this.scheduleReconnect();
        }
      },
      { once: true },
    );
  }

  /** Appends queued fragments one batch at a time; never while the buffer is updating. */
  private pump(): void {
    const sb = this.sourceBuffer;
    if (!sb || sb.updating || this.mediaSource?.readyState !== 'open') return;
    if (this.trim(sb, KEEP_BEHIND_SEC)) return; // remove() runs first; updateend calls pump again
    if (this.queue.length === 0) return;
    const batch = concat(this.queue);
    this.queue = [];
    try {
      sb.appendBuffer(batch);
      this.attempt = 0;
      if (!this.gotMedia) {
        this.gotMedia = true;
        this.opts.onPlaying?.();
      }
      if (this.video.paused) void this.video.play().catch(() => undefined);
    } catch (e) {
      if (e instanceof DOMException && e.name === 'QuotaExceededError') {
        this.queue.unshift(batch);
        this.trim(sb, 2);
      } else {
        // The SourceBuffer is broken (e.g. decode error): start over on a new connection.
        this.closeSocket();
        this.scheduleReconnect();
      }
    }
  }

  /** Removes media more than `keepSec` behind the playhead. Returns true if a removal started. */
  private trim(sb: SourceBuffer, keepSec: number): boolean {
    const b = this.video.buffered;
    if (b.length === 0) return false;
    const start = b.start(0);
    const cut = this.video.currentTime - keepSec;
    if (cut - start < 1) return false;
    try {
      sb.remove(start, cut);
      return true;
    } catch {
      return false;
    }
  }

  private bufferedEnd(): number {
    const b = this.video.buffered;
    return b.length ? b.end(b.length - 1) : this.video.currentTime;
  }

  /** Stays at the live edge: jump when far behind, speed up a little when slightly behind. */
  private keepLive(): void {
    if (!this.active) return;
    const b = this.video.buffered;
    if (b.length === 0) return;
    const end = b.end(b.length - 1);
    const first = b.start(0);
    const t = this.video.currentTime;
    if (t < first) {
      this.video.currentTime = first; // a gap before the first fragment would stall playback
      return;
    }
    const lag = end - t;
    if (lag > JUMP_LAG_SEC) {
      this.video.currentTime = Math.max(first, end - 0.3);
      this.video.playbackRate = 1;
    } else if (lag > CATCHUP_LAG_SEC) {
      this.video.playbackRate = 1.25;
    } else if (lag < 0.4) {
      this.video.playbackRate = 1;
    }
    if (this.video.paused && lag > 0.1) void this.video.play().catch(() => undefined);
  }

  private scheduleReconnect(): void {
    if (this.destroyed || this.reconnectTimer) return;
    this.opts.onDisconnected?.();
    const delay = reconnectDelayMs(this.attempt++);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
  }

  private closeSocket(): void {
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onopen = null;
      ws.onmessage = null;
      ws.onclose = null;
      try {
        ws.close();
      } catch {
        // already closed
      }
    }
  }

  private releaseMedia(): void {
    this.queue = [];
    this.gotMedia = false;
    const ms = this.mediaSource;
    const sb = this.sourceBuffer;
    this.mediaSource = null;
    this.sourceBuffer = null;
    if (ms && sb && ms.readyState === 'open') {
      try {
        if (sb.updating) sb.abort();
        ms.removeSourceBuffer(sb);
      } catch {
        // the element is going away anyway
      }
    }
    if (this.objectUrl) {
      URL.revokeObjectURL(this.objectUrl);
      this.objectUrl = null;
    }
    // Detaching and load() makes Chromium free the player slot now, not at GC.
    this.video.removeAttribute('src');
    this.video.load();
  }
}

function concat(chunks: ArrayBuffer[]): ArrayBuffer {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  let size = 0;
  for (const c of chunks) size += c.byteLength;
  const out = new Uint8Array(size);
  let off = 0;
  for (const c of chunks) {
    out.set(new Uint8Array(c), off);
    off += c.byteLength;
  }
  return out.buffer;
}
