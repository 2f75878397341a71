// Each camera's reachability, watched all the time and not only while someone has its
// live tile open: a camera being recorded is watched by its recorder (its ffmpeg
// holds the RTSP session), any other camera by a probe (its RTSP port every round, its
// stream at a slower pace: see camera-reachability.ts). Changes go to one listener, which feeds the outage log and the consoles.
import { healthState, type CameraHealth } from '../../contract/outages';
import type { RecordingStatusInfo } from '../../contract/recording-schemas';
import type { StreamErrorKind, StreamKind, StreamStatus } from '../../contract/schemas';
import { silentLogger, type Logger } from '../logging/logger';

export interface CameraHealthDeps {
  /** Ids of the cameras registered now. */
  cameraIds: () => Promise<string[]>;
  /** Whether the camera answers; true for inputs with nothing to probe (demo cameras). */
  probe: (cameraId: string) => Promise<ProbeAnswer>;
  onChange: (health: CameraHealth, stream: StreamKind) => void;
  /** How often cameras not watched by a recorder are probed. */
  probeEveryMs?: number;
  logger?: Logger;
  now?: () => number;
}

/** A probe's answer: true when the camera answers, else why not (false: unreachable). */
export type ProbeAnswer = boolean | StreamErrorKind;

interface Watched {
  health: CameraHealth;
  stream: StreamKind;
}

const DEFAULT_PROBE_EVERY_MS = 10_000;

export class CameraHealthMonitor {
  private readonly cameras = new Map<string, Watched>();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> = Promise.resolve();
  /** A round asked for that has not started yet. */
  private queued: Promise<void> | null = null;
  private disposed = false;
  private readonly log: Logger;
  private readonly now: () => number;

  constructor(private readonly deps: CameraHealthDeps) {
    this.log = deps.logger ?? silentLogger;
    this.now = deps.now ?? Date.now;
  }

  start(): void {
    if (this.timer || this.disposed) return;
    this.timer = setInterval(() => void this.probeNow(), this.probeEvery());
    void this.probeNow();
  }

  list(): CameraHealth[] {
    return [...this.cameras.values()].map((w) => w.health);
  }

  /** Feed every recording.status here: a running recorder is the camera's watcher. */
  onRecordingStatus = (s: RecordingStatusInfo): void => {
    if (this.disposed) return;
    if (s.reason === 'unknown_camera') {
      this.cameras.delete(s.cameraId);
      return;
    }
    const prev = this.cameras.get(s.cameraId);
    if (s.recording) return this.set(s.cameraId, s.stream, 'recorder', 'up', s.since, null);
    if (s.reason === 'camera_offline' || s.reason === 'auth_failed') {
      const errorKind = s.errorKind ?? (s.reason === 'auth_failed' ? 'auth' : 'unreachable');
      return this.set(s.cameraId, s.stream, 'recorder', 'down', s.since, errorKind);
    }
    if (s.reason === 'connecting' || s.reason === 'service_stopped') {
      // Still the recorder's to say (connecting, or restarting for a changed URL or
      // password); until it does the last known state stands.
      const h = prev?.health;
      return this.set(
        s.cameraId,
        s.stream,
        'recorder',
        h?.reachable ?? 'unknown',
        h?.since ?? s.since,
        h?.errorKind ?? null,
      );
    }
    // Not recorded (disabled, disk error): the probe takes over.
    if (prev) prev.health = { ...prev.health, watchedBy: 'probe' };
    else this.set(s.cameraId, s.stream, 'probe', 'unknown', this.now(), null);
    void this.probeNow();
  };

  /** Probes every camera no recorder watches; resolves when done. */
  probeNow(): Promise<void> {
    // Many statuses at once (recording switched off for all) ask for one round, not one each.
    if (this.queued) return this.queued;
    const round = this.ticking
      .then(() => {
        this.queued = null;
        return this.probeUnwatched();
      })
      .catch((err: unknown) => {
        this.log.warn('camera probe round failed', { err: String(err) });
      });
    this.queued = round;
    this.ticking = round;
    return round;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
  }

  private probeEvery(): number {
    return this.deps.probeEveryMs ?? DEFAULT_PROBE_EVERY_MS;
  }

  private async probeUnwatched(): Promise<void> {
    if (this.disposed) return;
    const ids = new Set(await this.deps.cameraIds());
    for (const id of this.cameras.keys()) if (!ids.has(id)) this.cameras.delete(id);
    const unwatched = [...ids].filter(
      (id) => this.cameras.get(id)?.health.watchedBy !== 'recorder',
    );
    const answers = await Promise.all(
      unwatched.map(
        async (id) => [id, await this.deps.probe(id).catch((): ProbeAnswer => false)] as const,
      ),
    );
    if (this.disposed) return;
    // A camera removed while the probes ran is not brought back.
    const current = new Set(await this.deps.cameraIds());
    for (const id of this.cameras.keys()) if (!current.has(id)) this.cameras.delete(id);
    for (const [id, answer] of answers) {
      // A recorder may have reported while the probe ran; it knows better.
      if (this.disposed || !current.has(id)) continue;
      if (this.cameras.get(id)?.health.watchedBy === 'recorder') continue;
      const stream = this.cameras.get(id)?.stream ?? 'main';
      if (answer === true) this.set(id, stream, 'probe', 'up', this.now(), null);
      else this.set(id, stream, 'probe', 'down', this.now(), answer || 'unreachable');
    }
  }

  private set(
    cameraId: string,
    stream: StreamKind,
    watchedBy: CameraHealth['watchedBy'],
    reachable: CameraHealth['reachable'],
    since: number,
    errorKind: CameraHealth['errorKind'],
  ): void {
    const prev = this.cameras.get(cameraId)?.health;
    const changed =
      !prev ||
      prev.reachable !== reachable ||
      (reachable === 'down' && prev.errorKind !== errorKind);
    // A down camera's reason may sharpen (reconnecting → unreachable); it went down when it went down.
    const from = prev && prev.reachable === reachable ? prev.since : since;
    const health: CameraHealth = changed
      ? { cameraId, reachable, since: from, errorKind, watchedBy }
      : { ...prev, watchedBy };
    this.cameras.set(cameraId, { health, stream });
    if (changed || prev.watchedBy !== watchedBy) this.deps.onChange(health, stream);
  }
}

/** The outage log's input for a health change: down opens an outage, up closes it. */
export function healthAsStreamStatus(h: CameraHealth, stream: StreamKind): StreamStatus | null {
  const state = healthState(h);
  if (!state) return null;
  return {
    cameraId: h.cameraId,
    stream,
    state,
    since: h.since,
    errorKind: h.errorKind,
    retryAt: null,
  };
}
