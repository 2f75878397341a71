// The one wall clock every camera of a playback follows: position = anchor +
// elapsed × rate while running. Each change re-anchors at the current
// position, so pausing, a new rate or a hold never jumps the position.

export class SharedClock {
  private anchorMs: number;
  private anchorAt: number;
  private running = false;
  private currentRate = 1;

  /** `now` is a monotonic ms source (performance.now in the browser). */
  constructor(
    startMs: number,
    private readonly now: () => number,
  ) {
    this.anchorMs = startMs;
    this.anchorAt = now();
  }

  position(): number {
    return this.positionAt(this.now());
  }

  /** The position at another reading of the same monotonic source (e.g. a frame's display time). */
  positionAt(nowValue: number): number {
    if (!this.running) return this.anchorMs;
    return this.anchorMs + (nowValue - this.anchorAt) * this.currentRate;
  }

  get rate(): number {
    return this.currentRate;
  }

  get isRunning(): boolean {
    return this.running;
  }

  set(positionMs: number): void {
    this.anchorMs = positionMs;
    this.anchorAt = this.now();
  }

  start(): void {
    if (this.running) return;
    this.anchorAt = this.now();
    this.running = true;
  }

  stop(): void {
    if (!this.running) return;
    this.anchorMs = this.position();
    this.running = false;
  }

  setRate(rate: number): void {
    if (!(rate > 0)) throw new RangeError('rate must be positive');
    this.anchorMs = this.position();
    this.anchorAt = this.now();
    this.currentRate = rate;
  }
}
