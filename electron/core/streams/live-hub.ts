// Live fan-out: one supervised ffmpeg per (camera, stream, format), however many
// clients watch it; started by the first subscriber, stopped a little after the last.
//
// fMP4 clients get an init frame (text, contract/live-stream.ts), the init segment (binary),
// then whole moof+mdat fragments starting at a keyframe. A client whose socket
// backs up skips to the next keyframe once it drains; nothing queues without bound.
// MPEG-1 clients get raw MPEG-TS bytes (JSMpeg), 188-byte aligned, and nothing
// else (status reaches the renderer through the camera.status event instead).
// A client that sends `pause` (its tile is hidden or covered) gets nothing until
// `resume`, which restarts it like a newcomer: init, then the cached GOP.
import { WebSocket } from 'ws';
import { encodeLiveTextFrame, parseLiveClientFrame } from '../../contract/live-stream';
import type { StreamErrorKind, StreamKind, StreamStatus } from '../../contract/schemas';
import { FfmpegSupervisor, type SpawnAttempt, type SupervisorTimings } from './ffmpeg-supervisor';
import { ffmpegVersionOf } from './ffmpeg-version';
import { Fmp4Splitter, type InitSegment, type MediaFragment } from './fmp4-splitter';
import { buildLiveArgs } from './live-args';
import { reachabilityProbe } from './rtsp-reachability';
import {
  StreamStartError,
  type InputResolver,
  type LiveFormat,
  type StateChange,
  type StatusListener,
  type StreamInput,
} from './types';

export interface LiveHubOptions {
  ffmpegPath: string;
  resolveInput: InputResolver;
  onStatus: StatusListener;
  now?: () => number;
  /** How long a stream keeps running after its last client leaves (tile swaps, tours). */
  idleStopMs?: number;
  /** Socket backlog allowed per client, in seconds of the stream's own bitrate. */
  maxBufferedSeconds?: number;
  /** Lower bound of that backlog in bytes (slow start, low-bitrate sub-streams). */
  minBufferedBytes?: number;
  timings?: Partial<SupervisorTimings>;
  /** fMP4 fragment cap in µs (default FRAG_DURATION_US); for benchmarks. */
  fragDurationUs?: number;
}

export interface LiveClientStats {
  key: string;
  bufferedAmount: number;
  sentFragments: number;
  droppedFragments: number;
  /** Times the client was resumed at a keyframe after dropping. */
  resumes: number;
  /** The client asked for nothing to be sent (its picture is not seen). */
  paused: boolean;
}

export interface LiveSessionInfo {
  key: string;
  cameraId: string;
  stream: StreamKind;
  format: LiveFormat;
  clients: number;
  pid: number | null;
  spawnCount: number;
  state: StateChange;
  codec: string | null;
}

interface Client {
  socket: WebSocket;
  /** True until the client gets (again) a keyframe: after joining, a new init, or a drop. */
  waitingKeyframe: boolean;
  sentInit: boolean;
  sent: number;
  dropped: number;
  resumes: number;
  droppedSinceResume: boolean;
  paused: boolean;
}

const TS_PACKET = 188;
/** Errors after which the next start keeps the short stream analysis. */
const QUICK_PROBE_AFTER: ReadonlySet<StreamErrorKind> = new Set<StreamErrorKind>([
  'auth',
  'unreachable',
  'timeout',
  'no_data',
]);
/** Cap of the cached current GOP sent to a joining client (first picture without waiting). */
const MAX_GOP_CACHE_BYTES = 4 * 1024 * 1024;

class ByteRate {
  private samples: Array<{ t: number; n: number }> = [];
  constructor(private readonly now: () => number) {}
  add(n: number): void {
    const t = this.now();
    this.samples.push({ t, n });
    while (this.samples.length > 0 && t - this.samples[0]!.t > 3000) this.samples.shift();
  }
  /** Bytes per second over the last ~3 s. */
  get perSecond(): number {
    if (this.samples.length < 2) return 0;
    const span = Math.max(500, this.now() - this.samples[0]!.t);
    return (this.samples.reduce((s, x) => s + x.n, 0) * 1000) / span;
  }
}

class LiveSession {
  readonly clients = new Set<Client>();
  readonly supervisor: FfmpegSupervisor;
  private readonly splitter = new Fmp4Splitter();
  private readonly rate: ByteRate;
  private init: InitSegment | null = null;
  private gop: MediaFragment[] = [];
  private gopBytes = 0;
  private tsRemainder: Buffer = Buffer.alloc(0);
  /** The input of the latest spawn: what the reachability probe connects to. */
  private lastInput: StreamInput | null = null;
  idleTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly key: string,
    readonly cameraId: string,
    readonly stream: StreamKind,
    readonly format: LiveFormat,
    private readonly hub: LiveHubOptions,
    now: () => number,
  ) {
    this.rate = new ByteRate(now);
    this.supervisor = new FfmpegSupervisor({
      ffmpegPath: hub.ffmpegPath,
      args: (attempt) => this.args(attempt),
      ...(hub.timings ? { timings: hub.timings } : {}),
      now,
      probe: reachabilityProbe(() => this.lastInput),
    });
    this.supervisor.on('spawn', () => this.onNewProcess());
    this.supervisor.on('data', (chunk) => {
      this.rate.add(chunk.length);
      if (format === 'fmp4') this.splitter.push(chunk);
      else this.onTs(chunk);
    });
    this.splitter.on('init', (seg) => this.onInit(seg));
    this.splitter.on('fragment', (frag) => this.onFragment(frag));
    this.splitter.on('error', () => {
      // Corrupt output: restart the process rather than feed clients garbage.
      this.supervisor.kick();
    });
  }

  get codec(): string | null {
    return this.init?.codec ?? null;
  }

  private async args(attempt: SpawnAttempt): Promise<string[]> {
    let input;
    try {
      input = await this.hub.resolveInput(this.cameraId, this.stream);
    } catch (err) {
      const code = (err as { code?: unknown } | null)?.code;
      throw new StreamStartError(code === 'not_found' ? 'not_found' : 'unknown');
    }
    this.lastInput = input;
    return buildLiveArgs({
      input,
      format: this.format,
      codec: input.kind === 'rtsp' ? (input.codec ?? null) : 'h264',
      // After a failed start, give ffmpeg the longer look at the stream; not after a lost
      // connection (camera rebooted, port refused): that would only delay the picture by 1 s.
      fullProbe: attempt.failures > 0 && !QUICK_PROBE_AFTER.has(attempt.lastError ?? 'auth'),
      ...(this.hub.fragDurationUs ? { fragDurationUs: this.hub.fragDurationUs } : {}),
      version: await ffmpegVersionOf(this.hub.ffmpegPath),
    });
  }

  private onNewProcess(): void {
    // A new process starts a new fMP4 stream: fresh init, timestamps from zero.
    this.splitter.reset();
    this.init = null;
    this.gop = [];
    this.gopBytes = 0;
    this.tsRemainder = Buffer.alloc(0);
  }

  private maxBuffered(): number {
    const seconds = this.hub.maxBufferedSeconds ?? 1.5;
    return Math.max(this.hub.minBufferedBytes ?? 256 * 1024, this.rate.perSecond * seconds);
  }

  addClient(socket: WebSocket): Client {
    const client: Client = {
      socket,
      waitingKeyframe: true,
      sentInit: false,
      sent: 0,
      dropped: 0,
      resumes: 0,
      droppedSinceResume: false,
      paused: false,
    };
    this.clients.add(client);
    this.sendStatus(client, this.status());
    if (this.format === 'fmp4' && this.init) {
      this.sendInit(client, this.init);
      // Start the newcomer at the cached keyframe so it shows a picture at once.
      for (const frag of this.gop) this.deliver(client, frag);
    }
    return client;
  }

  /** Stops or restarts delivery to one client; its socket stays open either way. */
  setPaused(client: Client, paused: boolean): void {
    if (client.paused === paused) return;
    client.paused = paused;
    if (paused || this.format !== 'fmp4' || !this.init) return;
    // The player dropped its media while paused: start it over like a newcomer.
    this.sendInit(client, this.init);
    for (const frag of this.gop) this.deliver(client, frag);
  }

  status(): StreamStatus {
    const s = this.supervisor.status;
    return { cameraId: this.cameraId, stream: this.stream, ...s };
  }

  sendStatusAll(status: StreamStatus): void {
    for (const c of this.clients) this.sendStatus(c, status);
  }

  private sendStatus(client: Client, status: StreamStatus): void {
    // JSMpeg's WebSocket source feeds every message to its TS demuxer: binary only.
    if (this.format === 'mpeg1' || client.socket.readyState !== WebSocket.OPEN) return;
    client.socket.send(encodeLiveTextFrame({ type: 'status', ...status }));
  }

  private sendInit(client: Client, seg: InitSegment): void {
    if (client.paused || client.socket.readyState !== WebSocket.OPEN) return;
    client.socket.send(encodeLiveTextFrame({ type: 'init', codec: seg.codec }));
    client.socket.send(seg.data, { binary: true });
    client.sentInit = true;
    client.waitingKeyframe = true;
  }

  private onInit(seg: InitSegment): void {
    this.init = seg;
    for (const c of this.clients) this.sendInit(c, seg);
  }

  private onFragment(frag: MediaFragment): void {
    if (frag.isKeyframe) {
      this.gop = [];
      this.gopBytes = 0;
    }
    if (this.gopBytes + frag.data.length <= MAX_GOP_CACHE_BYTES) {
      this.gop.push(frag);
      this.gopBytes += frag.data.length;
    }
    for (const c of this.clients) this.deliver(c, frag);
  }

  private deliver(client: Client, frag: MediaFragment): void {
    if (client.paused || !client.sentInit || client.socket.readyState !== WebSocket.OPEN) return;
    if (client.socket.bufferedAmount > this.maxBuffered()) {
      client.waitingKeyframe = true;
      client.dropped++;
      client.droppedSinceResume = true;
      return;
    }
    if (client.waitingKeyframe) {
      if (!frag.isKeyframe) {
        client.dropped++;
        return;
      }
      client.waitingKeyframe = false;
      if (client.droppedSinceResume) client.resumes++;
      client.droppedSinceResume = false;
    }
    client.socket.send(frag.data, { binary: true });
    client.sent++;
  }

  private onTs(chunk: Buffer): void {
    // JSMpeg parses whole 188-byte TS packets; never split one across messages.
    const data = this.tsRemainder.length ? Buffer.concat([this.tsRemainder, chunk]) : chunk;
    const whole = data.length - (data.length % TS_PACKET);
    this.tsRemainder = Buffer.from(data.subarray(whole));
    if (whole === 0) return;
    const out = data.subarray(0, whole);
    for (const c of this.clients) {
      if (c.paused || c.socket.readyState !== WebSocket.OPEN) continue;
      if (c.socket.bufferedAmount > this.maxBuffered()) {
        // JSMpeg resyncs on the next sequence header; dropping is better than a growing lag.
        c.dropped++;
        c.droppedSinceResume = true;
        continue;
      }
      if (c.droppedSinceResume) c.resumes++;
      c.droppedSinceResume = false;
      c.socket.send(out, { binary: true });
      c.sent++;
    }
  }

  stats(): LiveClientStats[] {
    return [...this.clients].map((c) => ({
      key: this.key,
      bufferedAmount: c.socket.bufferedAmount,
      sentFragments: c.sent,
      droppedFragments: c.dropped,
      resumes: c.resumes,
      paused: c.paused,
    }));
  }
}

export function liveKey(cameraId: string, stream: StreamKind, format: LiveFormat): string {
  return `${cameraId}|${stream}|${format}`;
}

export class LiveHub {
  private readonly sessions = new Map<string, LiveSession>();
  private readonly now: () => number;
  private disposed = false;

  constructor(private readonly opts: LiveHubOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Starts nothing by itself: streams start with their first subscriber. */
  start(): void {}

  /**
   * Attaches a client socket to a live stream. The client is detached when the socket
   * closes, or by calling the returned function.
   */
  subscribe(
    socket: WebSocket,
    cameraId: string,
    stream: StreamKind,
    format: LiveFormat,
  ): () => void {
    if (this.disposed) {
      socket.close(1001, 'shutting_down');
      return () => {};
    }
    const key = liveKey(cameraId, stream, format);
    let session = this.sessions.get(key);
    if (!session) {
      session = new LiveSession(key, cameraId, stream, format, this.opts, this.now);
      const s = session;
      s.supervisor.on('state', () => {
        const status = s.status();
        s.sendStatusAll(status);
        this.opts.onStatus(status);
      });
      this.sessions.set(key, session);
      session.supervisor.start();
    }
    if (session.idleTimer) {
      clearTimeout(session.idleTimer);
      session.idleTimer = null;
    }
    const client = session.addClient(socket);
    const s = session;
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const frame = parseLiveClientFrame(String(data));
      if (frame) s.setPaused(client, frame.type === 'pause');
    });
    let attached = true;
    const detach = () => {
      if (!attached) return;
      attached = false;
      s.clients.delete(client);
      if (s.clients.size === 0 && this.sessions.get(key) === s) this.scheduleStop(s);
    };
    socket.once('close', detach);
    socket.once('error', detach);
    return detach;
  }

  private scheduleStop(session: LiveSession): void {
    if (session.idleTimer) clearTimeout(session.idleTimer);
    session.idleTimer = setTimeout(() => {
      session.idleTimer = null;
      if (session.clients.size > 0) return;
      this.sessions.delete(session.key);
      void session.supervisor.stop();
    }, this.opts.idleStopMs ?? 5000);
  }

  statuses(): StreamStatus[] {
    return [...this.sessions.values()].map((s) => s.status());
  }

  sessionsInfo(): LiveSessionInfo[] {
    return [...this.sessions.values()].map((s) => ({
      key: s.key,
      cameraId: s.cameraId,
      stream: s.stream,
      format: s.format,
      clients: s.clients.size,
      pid: s.supervisor.pid,
      spawnCount: s.supervisor.spawnCount,
      state: s.supervisor.status,
      codec: s.codec,
    }));
  }

  clientStats(): LiveClientStats[] {
    return [...this.sessions.values()].flatMap((s) => s.stats());
  }

  /** Restarts the streams of a camera, e.g. after its URL or password changed. */
  async restartCamera(cameraId: string): Promise<void> {
    const affected = [...this.sessions.values()].filter((s) => s.cameraId === cameraId);
    await Promise.all(
      affected.map(async (s) => {
        await s.supervisor.stop();
        if (this.sessions.get(s.key) === s && s.clients.size > 0) s.supervisor.start();
      }),
    );
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const all = [...this.sessions.values()];
    this.sessions.clear();
    for (const s of all) {
      if (s.idleTimer) clearTimeout(s.idleTimer);
      for (const c of s.clients) c.socket.close(1001, 'shutting_down');
      s.clients.clear();
    }
    await Promise.all(all.map((s) => s.supervisor.stop()));
  }
}
