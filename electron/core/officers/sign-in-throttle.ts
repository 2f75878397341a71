// Slows password guessing at the duty-room PC: after a run of wrong passwords an
// officer's account refuses every attempt (even a right one) for a while. Kept in
// memory: a restart of the app is slower than the wait itself.
export interface ThrottleOptions {
  maxFailures: number;
  lockMs: number;
}

export const DEFAULT_THROTTLE: Readonly<ThrottleOptions> = { maxFailures: 5, lockMs: 60_000 };

interface State {
  failures: number;
  lockedUntil: number;
}

export class SignInThrottle {
  private readonly states = new Map<string, State>();

  constructor(private readonly opts: ThrottleOptions = DEFAULT_THROTTLE) {}

  /** Milliseconds until `key` may try again; 0 when it may try now. */
  retryAfterMs(key: string, now: number): number {
    const state = this.states.get(key);
    if (!state || state.lockedUntil === 0) return 0;
    if (now >= state.lockedUntil) {
      // The wait is over: a fresh run of attempts.
      this.states.delete(key);
      return 0;
    }
    return state.lockedUntil - now;
  }

  failed(key: string, now: number): void {
    const state = this.states.get(key) ?? { failures: 0, lockedUntil: 0 };
    state.failures += 1;
    if (state.failures >= this.opts.maxFailures) state.lockedUntil = now + this.opts.lockMs;
    this.states.set(key, state);
  }

  succeeded(key: string): void {
    this.states.delete(key);
  }
}
