// Fallback for codecs MSE cannot play here (e.g. H.265 without HEVC): the
// media server transcodes to MPEG-1 in MPEG-TS and JSMpeg decodes it onto a
// canvas. WebGL is off because browsers cap WebGL contexts well below 36 tiles.
import JSMpeg, {
  type JsmpegDestination,
  type JsmpegPlayerOptions,
  type JsmpegSource,
  type Player,
} from '@cycjimmy/jsmpeg-player';
import { encodeLiveClientFrame, type LiveStatusFrame } from '../../electron/contract/live-stream';
import {
  parseLiveTextFrame,
  reconnectDelayMs,
  type LivePlayer,
  type LivePlayerStats,
} from './live-protocol';

export interface JsmpegLivePlayerOptions {
  canvas: HTMLCanvasElement;
  url: string;
  onStatus?: (status: LiveStatusFrame) => void;
  onPlaying?: () => void;
  onDisconnected?: () => void;
}

interface SourceHooks {
  /** The source JSMpeg constructed, so the player can pause and resume it. */
  onCreated(source: { setActive(active: boolean): void }): void;
  onStatus(status: LiveStatusFrame): void;
  onFirstData(): void;
  onDisconnected(): void;
}

/**
 * A JSMpeg source over our media socket: status text frames are routed to the
 * tile instead of the demuxer, and reconnects back off like the MSE path.
 */
function makeSourceClass(hooks: SourceHooks) {
  return class LiveSocketSource implements JsmpegSource {
    streaming = true;
    established = false;
    completed = false;
    progress = 0;
    private destination: JsmpegDestination | null = null;
    private ws: WebSocket | null = null;
    private stopped = false;
    private attempt = 0;
    private timer: ReturnType<typeof setTimeout> | null = null;
    private active = true;

    constructor(private readonly url: string) {
      hooks.onCreated(this);
    }

    setActive(active: boolean): void {
      if (this.active === active) return;
      this.active = active;
      this.sendControl();
    }

    private sendControl(): void {
      // JSMpeg resyncs on the next sequence header after a resume: no init needed.
      if (this.ws?.readyState !== WebSocket.OPEN) return;
      this.ws.send(encodeLiveClientFrame({ type: this.active ? 'resume' : 'pause' }));
    }

    connect(destination: JsmpegDestination): void {
      this.destination = destination;
    }

    start(): void {
      if (this.stopped) return;
      const ws = new WebSocket(this.url);
      ws.binaryType = 'arraybuffer';
      this.ws = ws;
      ws.onopen = () => {
        this.progress = 1;
        if (this.ws === ws && !this.active) this.sendControl();
      };
      ws.onmessage = (ev: MessageEvent<string | ArrayBuffer>) => {
        if (typeof ev.data === 'string') {
          const frame = parseLiveTextFrame(ev.data);
          if (frame?.type === 'status') hooks.onStatus(frame);
          return;
        }
        if (!this.established) {
          this.established = true;
          this.attempt = 0;
          hooks.onFirstData();
        }
        this.destination?.write(ev.data);
      };
      ws.onclose = () => {
        if (this.ws !== ws || this.stopped) return;
        this.ws = null;
        this.established = false;
        hooks.onDisconnected();
        this.timer = setTimeout(() => this.start(), reconnectDelayMs(this.attempt++));
      };
    }

    resume(): void {
      // live: nothing to request
    }

    destroy(): void {
      this.stopped = true;
      if (this.timer) clearTimeout(this.timer);
      const ws = this.ws;
      this.ws = null;
      if (ws) {
        ws.onclose = null;
        ws.onmessage = null;
        ws.close();
      }
    }
  };
}

export class JsmpegLivePlayer implements LivePlayer {
  private player: Player | null = null;
  private source: { setActive(active: boolean): void } | null = null;
  private active = true;
  private frames = 0;

  constructor(private readonly opts: JsmpegLivePlayerOptions) {}

  start(): void {
    const source = makeSourceClass({
      onCreated: (s) => {
        this.source = s;
        s.setActive(this.active);
      },
      onStatus: (s) => this.opts.onStatus?.(s),
      onFirstData: () => this.opts.onPlaying?.(),
      onDisconnected: () => this.opts.onDisconnected?.(),
    });
    const options: JsmpegPlayerOptions = {
      canvas: this.opts.canvas,
      source,
      audio: false,
      disableGl: true,
      autoplay: true,
      // A duty-room screen must keep decoding even when another window is in front.
      pauseWhenHidden: false,
      videoBufferSize: 1024 * 1024,
      onVideoDecode: () => {
        this.frames++;
      },
    };
    this.player = new JSMpeg.Player(this.opts.url, options);
  }

  stats(): LivePlayerStats {
    return {
      player: 'jsmpeg',
      currentTime: this.player?.currentTime ?? 0,
      decodedFrames: this.frames,
      droppedFrames: 0,
      // JSMpeg decodes everything it has on each animation frame, so it holds no backlog.
      latencySec: 0,
      active: this.active,
    };
  }

  setActive(active: boolean): void {
    this.active = active;
    this.source?.setActive(active);
  }

  destroy(): void {
    this.player?.destroy();
    this.player = null;
  }
}
