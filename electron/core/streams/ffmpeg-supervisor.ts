// One supervised ffmpeg process: spawns it, watches its output, classifies why
// it died and brings it back with backoff, forever, until stop().
//
// States: idle → connecting → live; a live stream that drops goes to
// reconnecting (one quick retry), then offline (backoff 1 s, 2 s, 4 s … 30 s;
// at most 2 s for a camera that dropped a little while ago, so footage resumes
// within ~2 s of it answering again). With a probe, a camera whose port refuses
// is not spawned against: it is probed four times a second and retried the moment it
// accepts. A wrong password is auth_failed with a long wait instead of a retry storm.
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { ChildProcess } from 'node:child_process';
import type { StreamErrorKind, StreamState } from '../../contract/schemas';
import { classifyStreamError, redactCredentials } from '../cameras/stream-error-classifier';
import { hasExited, interruptTree, killTree, spawnTree } from './process-tree';
import { StreamStartError, type StateChange } from './types';

export interface SupervisorTimings {
  /** First retry delay; doubles per failure. */
  backoffInitialMs: number;
  backoffMaxMs: number;
  /** Wait after a 401 before trying the password again. */
  authRetryMs: number;
  /** Live this long and the backoff starts again from backoffInitialMs (0: at the first data). */
  resetAfterLiveMs: number;
  /** Backoff cap while the stream dropped less than fastRetryForMs ago (connection failures only). */
  backoffMaxAfterLiveMs: number;
  /** How long after a drop the low cap applies; then the normal backoff (no spawn every 2 s for days). */
  fastRetryForMs: number;
  /** Interval of the reachability probe while a retry waits (with `probe`). */
  probeIntervalMs: number;
  /** Kill a live process that sends nothing for this long (camera frozen, network gone). */
  noDataTimeoutMs: number;
  /** Kill a starting process that produced nothing for this long. */
  connectTimeoutMs: number;
  /** SIGINT → SIGKILL grace period in stop(). */
  stopTimeoutMs: number;
  /**
   * Longest time a dropped stream shows "reconnecting" before it is called offline,
   * even while its quick retry is still hanging (a half-dead camera that accepts TCP
   * but never answers): the officer must see "offline since HH:mm" within 10 s.
   */
  reconnectGraceMs: number;
}

export const DEFAULT_TIMINGS: SupervisorTimings = {
  backoffInitialMs: 1000,
  backoffMaxMs: 30_000,
  authRetryMs: 30_000,
  // Every good connect resets the backoff: a camera that power-cycles every 20 s is up
  // for 12 s, and waiting for 10 s of live before the reset let the backoff grow to 30 s.
  resetAfterLiveMs: 0,
  backoffMaxAfterLiveMs: 2000,
  fastRetryForMs: 5 * 60_000,
  probeIntervalMs: 250,
  // Below ffmpeg's own 5 s socket timeout (-timeout 5000000): when that fires, ffmpeg
  // flushes its last fragment, which would otherwise look like fresh data and push
  // offline detection to ~10 s (seen in 1 of 8 freezes).
  noDataTimeoutMs: 4000,
  connectTimeoutMs: 10_000,
  stopTimeoutMs: 3000,
  reconnectGraceMs: 4000,
};

export interface FfmpegSupervisorOptions {
  ffmpegPath: string;
  /** Built before every spawn, so a changed password or URL is picked up. May contain credentials. */
  args: (attempt: SpawnAttempt) => string[] | Promise<string[]>;
  timings?: Partial<SupervisorTimings>;
  /** Wall clock for the reported `since`/`retryAt` values (UTC ms). */
  now?: () => number;
  /**
   * Monotonic clock for intervals (watchdog, backoff reset): an NTP step of the
   * wall clock must not kill a healthy process. Default performance.now.
   */
  monotonicNow?: () => number;
  /**
   * Keep emitting 'data' after stop() until the process has exited, so a recorder
   * gets ffmpeg's last segment-list line. Live viewers leave it off: after they
   * stop they must not receive a stale tail.
   */
  dataUntilExit?: boolean;
  /** Lines of stderr kept for diagnosis (credentials removed). */
  stderrLines?: number;
  /**
   * Cheap reachability test (TCP connect to the camera), run between retries after a
   * connection failure: see the header. Without it every retry spawns ffmpeg.
   */
  probe?: () => Promise<boolean>;
}

export interface SpawnAttempt {
  /** Failures counted by the backoff (0 on the first try; reset after being live a while). */
  failures: number;
  lastError: StreamErrorKind | null;
}

export interface FfmpegSupervisorEvents {
  state: [StateChange];
  data: [Buffer];
  /** A new ffmpeg process was started (pid). */
  spawn: [number];
}

const WATCHDOG_TICK_MS = 500;

/** Failures a reachability probe can tell apart; others (password, codec, path) cannot. */
const CONNECTION_FAILURES: ReadonlySet<StreamErrorKind> = new Set<StreamErrorKind>([
  'unreachable',
  'timeout',
  'no_data',
  'unknown',
]);

export class FfmpegSupervisor extends EventEmitter<FfmpegSupervisorEvents> {
  private readonly timings: SupervisorTimings;
  private readonly now: () => number;
  private readonly mono: () => number;
  private readonly maxStderrLines: number;
  private current: StateChange;
  private child: ChildProcess | null = null;
  private childExited: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private graceTimer: NodeJS.Timeout | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private running = false;
  /** Bumped on stop() so late callbacks of an old run are ignored. */
  private generation = 0;
  private failures = 0;
  /** Monotonic ms (this.mono). */
  private lastDataAt = 0;
  /** Monotonic ms (this.mono) the current process went live. */
  private liveSince: number | null = null;
  /** A stopped process still flushing its output (dataUntilExit). */
  private draining: ChildProcess | null = null;
  private lostAt: number | null = null;
  /** Monotonic ms (this.mono) the last live stream dropped; null if it never was live. */
  private droppedAt: number | null = null;
  /** Bumped per scheduled retry, so a probe loop of an older one stops. */
  private retryToken = 0;
  private watchdogFired = false;
  private stderrRing: string[] = [];
  private stderrPartial = '';
  private spawns = 0;

  constructor(private readonly opts: FfmpegSupervisorOptions) {
    super();
    this.timings = { ...DEFAULT_TIMINGS, ...opts.timings };
    this.now = opts.now ?? Date.now;
    this.mono = opts.monotonicNow ?? (() => performance.now());
    this.maxStderrLines = opts.stderrLines ?? 40;
    this.current = { state: 'idle', errorKind: null, since: this.now(), retryAt: null };
  }

  get status(): StateChange {
    return this.current;
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  /** Number of processes spawned so far (tests check there is no retry storm). */
  get spawnCount(): number {
    return this.spawns;
  }

  /** Recent stderr lines, credentials removed. */
  recentStderr(): string[] {
    return [...this.stderrRing];
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.failures = 0;
    this.lostAt = null;
    this.droppedAt = null;
    this.setState('connecting', null, null);
    void this.spawnOnce(this.generation);
  }

  /** Kills the current process; the supervisor treats it as a failure and retries. */
  kick(): void {
    if (this.child && !hasExited(this.child)) killTree(this.child);
  }

  /** Stops the process (SIGINT, then SIGKILL) and resolves once it has exited and been reaped. */
  async stop(): Promise<void> {
    this.generation++;
    this.running = false;
    this.clearTimers();
    const child = this.child;
    const exited = this.childExited;
    if (child && exited && !hasExited(child)) {
      if (this.opts.dataUntilExit) this.draining = child;
      interruptTree(child);
      const killer = setTimeout(() => killTree(child), this.timings.stopTimeoutMs);
      await exited;
      clearTimeout(killer);
      if (this.draining === child) this.draining = null;
    } else if (exited) {
      await exited;
    }
    this.child = null;
    this.childExited = null;
    if (this.current.state !== 'idle') this.setState('idle', null, null);
  }

  private async spawnOnce(gen: number): Promise<void> {
    let args: string[];
    try {
      args = await this.opts.args({ failures: this.failures, lastError: this.current.errorKind });
    } catch (err) {
      if (gen !== this.generation) return;
      this.onFailure(err instanceof StreamStartError ? err.errorKind : 'unknown');
      return;
    }
    if (gen !== this.generation || !this.running) return;

    let child: ChildProcess;
    try {
      child = spawnTree(this.opts.ffmpegPath, args);
    } catch (err) {
      // spawn() throws at once on arguments it cannot pass (a NUL in a stored URL, say):
      // that camera fails, slowly retried; the process and every other camera go on.
      this.stderrRing = [redactCredentials(String(err)).slice(0, 500)];
      this.onFailure(spawnErrorKind(err));
      return;
    }
    this.child = child;
    this.spawns++;
    this.lastDataAt = this.mono();
    this.liveSince = null;
    this.watchdogFired = false;
    this.stderrRing = [];
    this.stderrPartial = '';
    this.childExited = new Promise<void>((resolve) => {
      // 'close' fires after 'exit' and after stdio is drained: the child is reaped by then.
      child.once('close', () => resolve());
      child.once('error', () => resolve());
    });

    child.stdout?.on('data', (chunk: Buffer) => this.onData(gen, child, chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.onStderr(chunk));
    child.once('error', () => this.onExit(gen, child, true));
    child.once('close', () => this.onExit(gen, child, false));
    if (child.pid !== undefined) this.emit('spawn', child.pid);

    this.watchdog = setInterval(() => this.checkWatchdog(gen, child), WATCHDOG_TICK_MS);
  }

  private onData(gen: number, child: ChildProcess, chunk: Buffer): void {
    if (gen !== this.generation) {
      // A stopped process's tail: passed on (no state change) only to who asked for it.
      if (child === this.draining) this.emit('data', chunk);
      return;
    }
    this.lastDataAt = this.mono();
    if (this.current.state !== 'live') {
      this.liveSince = this.lastDataAt;
      if (this.timings.resetAfterLiveMs <= 0) this.failures = 0;
      this.lostAt = null;
      if (this.graceTimer) clearTimeout(this.graceTimer);
      this.graceTimer = null;
      this.setState('live', null, null);
    }
    this.emit('data', chunk);
  }

  private onStderr(chunk: Buffer): void {
    const text = this.stderrPartial + chunk.toString('utf8');
    const lines = text.split(/\r?\n|\r/);
    this.stderrPartial = (lines.pop() ?? '').slice(-2000);
    for (const line of lines) {
      if (!line.trim()) continue;
      this.stderrRing.push(redactCredentials(line).slice(0, 500));
      if (this.stderrRing.length > this.maxStderrLines) this.stderrRing.shift();
    }
  }

  private checkWatchdog(gen: number, child: ChildProcess): void {
    if (gen !== this.generation || hasExited(child)) return;
    const silentFor = this.mono() - this.lastDataAt;
    const limit =
      this.liveSince === null ? this.timings.connectTimeoutMs : this.timings.noDataTimeoutMs;
    if (silentFor >= limit && !this.watchdogFired) {
      this.watchdogFired = true;
      killTree(child);
    }
  }

  private onExit(gen: number, child: ChildProcess, spawnError: boolean): void {
    if (this.child === child) {
      if (this.watchdog) clearInterval(this.watchdog);
      this.watchdog = null;
    }
    if (gen !== this.generation || !this.running || this.child !== child) return;
    this.child = null;
    if (this.stderrPartial.trim()) this.onStderr(Buffer.from('\n'));

    const wasLive = this.liveSince !== null;
    if (wasLive && this.mono() - (this.liveSince ?? 0) >= this.timings.resetAfterLiveMs)
      this.failures = 0;
    if (wasLive) this.droppedAt = this.mono();

    let kind: StreamErrorKind;
    if (spawnError) kind = 'ffmpeg_missing';
    else {
      kind = classifyStreamError(this.stderrRing.join('\n'));
      if (kind === 'unknown' && (this.watchdogFired || wasLive)) kind = 'no_data';
    }
    this.onFailure(kind, wasLive);
  }

  private onFailure(kind: StreamErrorKind, wasLive = false): void {
    const now = this.now();
    if (kind === 'auth') {
      this.scheduleRetry(this.timings.authRetryMs, kind);
      this.setState('auth_failed', kind, now + this.timings.authRetryMs);
      return;
    }
    const delay = this.backoffDelay(kind);
    this.failures++;
    if (wasLive) {
      // One quick retry before we call it offline: RTSP servers drop sessions now and then.
      this.lostAt = now;
      this.scheduleRetry(delay, kind);
      // `since` = when the picture was lost, the same instant the offline that may follow
      // reports, so a viewer comparing reports by `since` sees offline win the tie.
      this.setState('reconnecting', kind, now + delay, now);
      this.startReconnectGrace();
      return;
    }
    this.lostAt ??= now;
    this.scheduleRetry(delay, kind);
    this.setState('offline', kind, now + delay, this.lostAt);
  }

  private backoffDelay(kind: StreamErrorKind): number {
    const t = this.timings;
    const recentlyLive = this.droppedAt !== null && this.mono() - this.droppedAt < t.fastRetryForMs;
    const cap =
      recentlyLive && CONNECTION_FAILURES.has(kind)
        ? Math.min(t.backoffMaxAfterLiveMs, t.backoffMaxMs)
        : t.backoffMaxMs;
    return Math.min(t.backoffInitialMs * 2 ** this.failures, cap);
  }

  private scheduleRetry(delayMs: number, kind: StreamErrorKind): void {
    const gen = this.generation;
    const token = ++this.retryToken;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const probe = this.opts.probe;
    if (probe && CONNECTION_FAILURES.has(kind)) {
      void this.retryWhenReachable(gen, token, probe, this.mono() + delayMs);
      return;
    }
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.spawnOnce(gen);
    }, delayMs);
  }

  /**
   * Probes every probeIntervalMs: spawns as soon as a camera seen refusing accepts
   * again, or at `dueAt` if it accepts then; a camera that still refuses is not
   * spawned against. Ends with stop() or the next scheduled retry.
   */
  private async retryWhenReachable(
    gen: number,
    token: number,
    probe: () => Promise<boolean>,
    dueAt: number,
  ): Promise<void> {
    const current = () => gen === this.generation && this.running && token === this.retryToken;
    let sawDown = false;
    while (current()) {
      const untilDue = dueAt - this.mono();
      const wait =
        untilDue > 0
          ? Math.min(this.timings.probeIntervalMs, untilDue)
          : this.timings.probeIntervalMs;
      await new Promise<void>((resolve) => {
        this.retryTimer = setTimeout(resolve, wait);
      });
      if (!current()) return;
      this.retryTimer = null;
      const up = await probe().catch(() => true);
      if (!current()) return;
      if (!up) sawDown = true;
      else if (sawDown || this.mono() >= dueAt) {
        void this.spawnOnce(gen);
        return;
      }
    }
  }

  private startReconnectGrace(): void {
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.graceTimer = setTimeout(() => {
      this.graceTimer = null;
      const cur = this.current;
      if (this.running && cur.state === 'reconnecting')
        this.setState('offline', cur.errorKind, cur.retryAt, this.lostAt ?? cur.since);
    }, this.timings.reconnectGraceMs);
  }

  private clearTimers(): void {
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.graceTimer = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.watchdog) clearInterval(this.watchdog);
    this.retryTimer = null;
    this.watchdog = null;
  }

  /**
   * `since` of offline is when the picture was lost (kept across retries), so the
   * badge can say "offline since HH:mm" and outages get a true start time.
   */
  private setState(
    state: StreamState,
    errorKind: StreamErrorKind | null,
    retryAt: number | null,
    since?: number,
  ): void {
    const prev = this.current;
    const sameState = prev.state === state;
    const next: StateChange = {
      state,
      errorKind,
      since: since ?? (sameState ? prev.since : this.now()),
      retryAt,
    };
    if (
      sameState &&
      prev.errorKind === errorKind &&
      prev.retryAt === retryAt &&
      prev.since === next.since
    )
      return;
    this.current = next;
    this.emit('state', next);
  }
}

/** ENOENT/EACCES: no usable ffmpeg; anything else spawn() refuses is in the arguments. */
function spawnErrorKind(err: unknown): StreamErrorKind {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'EACCES' ? 'ffmpeg_missing' : 'bad_config';
}
