// Paces one camera's continuous moves. The console repeats `move` every 300 ms
// while a key or button is held; the camera gets at most one ContinuousMove per
// `minIntervalMs` (the latest speeds win), calls never overlap, and a Stop follows
// by itself `deadManMs` after the last move: a console that crashes, loses its
// connection or misses a keyup must not leave a dome spinning.
import type { PtzVelocity } from './ptz-device';

export interface PacedCalls {
  move(v: PtzVelocity): Promise<void>;
  stop(): Promise<void>;
}

export interface PacerOptions {
  /** Shortest time between two ContinuousMove calls (200 ms = 5 calls/s). */
  minIntervalMs: number;
  /** Stop this long after the last move. */
  deadManMs: number;
  now?: () => number;
  /** A failed dead-man stop has no caller to tell. */
  onDeadManError?: (err: unknown) => void;
}

interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class PtzMovePacer {
  private readonly now: () => number;
  /** Speeds not yet sent, and the callers waiting for them to go out. */
  private pending: PtzVelocity | null = null;
  private waiters: Waiter[] = [];
  private lastMoveAt = -Infinity;
  private sendTimer: ReturnType<typeof setTimeout> | null = null;
  private deadMan: ReturnType<typeof setTimeout> | null = null;
  /** Calls run one after another, so a Stop is never overtaken by a move. */
  private chain: Promise<void> = Promise.resolve();
  private sending = false;
  /** Whether the camera may be moving: a Stop is owed. */
  private moving = false;

  constructor(
    private readonly calls: PacedCalls,
    private readonly opts: PacerOptions,
  ) {
    this.now = opts.now ?? Date.now;
  }

  get isMoving(): boolean {
    return this.moving || this.pending !== null;
  }

  /** Resolves once the ContinuousMove carrying these speeds (or later ones) is answered. */
  move(v: PtzVelocity): Promise<void> {
    this.armDeadMan();
    this.pending = v;
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.schedule();
    return done;
  }

  /** Drops any move not yet sent and stops the camera after the call in flight. */
  stop(): Promise<void> {
    this.disarm();
    this.pending = null;
    // Superseded: their speeds will never go out, and that is what the caller wants.
    for (const w of this.waiters.splice(0)) w.resolve();
    this.moving = false;
    return this.enqueue(() => this.calls.stop());
  }

  /** Stops the timers; a camera still moving gets its Stop. */
  async close(): Promise<void> {
    if (this.isMoving) await this.stop().catch(() => undefined);
    this.disarm();
  }

  private armDeadMan(): void {
    if (this.deadMan) clearTimeout(this.deadMan);
    this.deadMan = setTimeout(() => {
      this.deadMan = null;
      this.stop().catch((err: unknown) => this.opts.onDeadManError?.(err));
    }, this.opts.deadManMs);
  }

  private disarm(): void {
    if (this.deadMan) clearTimeout(this.deadMan);
    if (this.sendTimer) clearTimeout(this.sendTimer);
    this.deadMan = null;
    this.sendTimer = null;
  }

  private schedule(): void {
    if (this.sending || this.sendTimer || this.pending === null) return;
    const wait = this.lastMoveAt + this.opts.minIntervalMs - this.now();
    if (wait <= 0) {
      this.sendPending();
      return;
    }
    this.sendTimer = setTimeout(() => {
      this.sendTimer = null;
      this.schedule();
    }, wait);
  }

  private sendPending(): void {
    const v = this.pending;
    if (v === null) return;
    const waiters = this.waiters.splice(0);
    this.pending = null;
    this.sending = true;
    this.moving = true;
    this.lastMoveAt = this.now();
    this.enqueue(() => this.calls.move(v)).then(
      () => {
        for (const w of waiters) w.resolve();
      },
      (err: unknown) => {
        for (const w of waiters) w.reject(err);
      },
    );
    void this.chain.finally(() => {
      this.sending = false;
      this.schedule();
    });
  }

  private enqueue(call: () => Promise<void>): Promise<void> {
    const run = this.chain.then(call);
    this.chain = run.catch(() => undefined);
    return run;
  }
}
