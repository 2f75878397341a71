// A held PTZ control: the move goes out at once and is repeated every 300 ms while
// the key or button stays down (the station stops the camera 0.7 s after the last
// one), and one Stop goes out when it is let go. Repeats keep a console that
// crashes mid-hold from leaving the dome turning: the station's stop is the backstop.
import { isStill, type PtzSpeeds } from './ptz-keys';

export interface PtzHoldCalls {
  move(speeds: PtzSpeeds): Promise<unknown>;
  stop(): Promise<unknown>;
}

export const PTZ_REPEAT_MS = 300;

export class PtzHold {
  private current: PtzSpeeds | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly calls: PtzHoldCalls,
    private readonly onError: (err: unknown) => void,
    private readonly repeatMs = PTZ_REPEAT_MS,
  ) {}

  get holding(): boolean {
    return this.current !== null;
  }

  /** Moves at these speeds until `release`; new speeds replace the old at once. */
  hold(speeds: PtzSpeeds): void {
    if (isStill(speeds)) {
      this.release();
      return;
    }
    const same =
      this.current !== null &&
      this.current.pan === speeds.pan &&
      this.current.tilt === speeds.tilt &&
      this.current.zoom === speeds.zoom;
    this.current = speeds;
    if (same) return;
    this.send();
    if (this.timer) clearInterval(this.timer);
    this.timer = setInterval(() => this.send(), this.repeatMs);
  }

  /** Lets go: one Stop, and only if something was held. */
  release(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.current === null) return;
    this.current = null;
    this.calls.stop().catch(this.onError);
  }

  private send(): void {
    const speeds = this.current;
    if (speeds) this.calls.move(speeds).catch(this.onError);
  }
}
