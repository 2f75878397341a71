// How a camera no recorder watches is probed. Every round: does its RTSP port accept
// a TCP connection (cheap; the channels of one DVR share one connect)? At a slower
// pace, one at a time: does its stream open (ffprobe)? A DVR answers on its port while
// the camera behind a channel is unplugged, and a wrong password or path shows only in
// the stream. The stream check runs in the background; its verdict is the next
// round's answer, so a slow or hanging ffprobe never holds up a round. A camera whose
// stream already plays for a live viewer is not opened again: that stream is the answer,
// and a second session costs a DVR channel that allows one or two (and, on the test rig,
// halved the frames the 16-tile grid showed: docs/benchmarks.md, Live).
import type { ProbeResult, StreamErrorKind } from '../../contract/schemas';
import { rtspEndpoint } from '../streams/rtsp-reachability';
import type { StreamInput } from '../streams/types';
import type { ProbeAnswer } from './camera-health';

export interface CameraReachabilityDeps {
  resolveInput: (cameraId: string) => Promise<StreamInput>;
  tcpAccepts: (host: string, port: number) => Promise<boolean>;
  probeStream: (cameraId: string) => Promise<ProbeResult>;
  /** True while a live viewer's stream of the camera plays (main or sub). */
  streamPlaying?: (cameraId: string) => boolean;
  /** How often each camera's stream is opened. */
  streamEveryMs?: number;
  now?: () => number;
}

interface Verdict {
  at: number;
  /** The input it was about: a changed address or password is checked afresh. */
  url: string;
  errorKind: StreamErrorKind | null;
}

const DEFAULT_STREAM_EVERY_MS = 60_000;
/** A verdict this many periods old (the camera was its recorder's meanwhile) is not told. */
const STALE_AFTER_PERIODS = 5;

/** Failures that say nothing about the camera: it is not counted down for them. */
const NOT_THE_CAMERA: ReadonlySet<StreamErrorKind> = new Set([
  'ffmpeg_missing',
  'unsupported_codec',
]);

export class CameraReachability {
  /** TCP connects in flight, by host:port: a round's cameras on one port share one. */
  private readonly connects = new Map<string, Promise<boolean>>();
  private readonly verdicts = new Map<string, Verdict>();
  /** Cameras with a stream check queued or running. */
  private readonly checking = new Set<string>();
  private queue: Promise<void> = Promise.resolve();
  private disposed = false;
  private readonly now: () => number;

  constructor(private readonly deps: CameraReachabilityDeps) {
    this.now = deps.now ?? Date.now;
  }

  probe = async (cameraId: string): Promise<ProbeAnswer> => {
    const input = await this.deps.resolveInput(cameraId);
    const endpoint = rtspEndpoint(input);
    if (!endpoint || input.kind !== 'rtsp') return true;
    const every = this.deps.streamEveryMs ?? DEFAULT_STREAM_EVERY_MS;
    const known = this.verdicts.get(cameraId);
    const last = known?.url === input.url ? known : undefined;
    if (!(await this.connect(endpoint.host, endpoint.port))) {
      // Checked again as soon as the port answers, not a minute later.
      if (last) last.at = Math.min(last.at, this.now() - every);
      return false;
    }
    if (this.deps.streamPlaying?.(cameraId)) {
      this.verdicts.set(cameraId, { at: this.now(), url: input.url, errorKind: null });
      return true;
    }
    const age = last ? this.now() - last.at : Infinity;
    if (age >= every) this.checkStream(cameraId, input.url);
    return (age < STALE_AFTER_PERIODS * every && last?.errorKind) || true;
  };

  /** Stops new stream checks; resolves when the running one ends. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await this.queue;
  }

  private connect(host: string, port: number): Promise<boolean> {
    const key = `${host}:${port}`;
    let pending = this.connects.get(key);
    if (!pending) {
      pending = this.deps
        .tcpAccepts(host, port)
        .catch(() => false)
        .finally(() => this.connects.delete(key));
      this.connects.set(key, pending);
    }
    return pending;
  }

  private checkStream(cameraId: string, url: string): void {
    if (this.disposed || this.checking.has(cameraId)) return;
    this.checking.add(cameraId);
    this.queue = this.queue.then(async () => {
      try {
        if (this.disposed) return;
        const r = await this.deps
          .probeStream(cameraId)
          .catch((): ProbeResult => ({ ok: false, errorKind: 'unknown', detail: '' }));
        const errorKind = r.ok || NOT_THE_CAMERA.has(r.errorKind) ? null : r.errorKind;
        this.verdicts.set(cameraId, { at: this.now(), url, errorKind });
      } finally {
        this.checking.delete(cameraId);
      }
    });
  }
}
