// Slows password guessing at the duty-room PC: after a run of wrong passwords an
// officer's account refuses every attempt (even a right one) for a while. An
// attempt counts from the moment it starts, before its password is hashed, so a
// burst of parallel guesses gets no more checks than the limit. Kept in memory: a
// restart of the app is slower than the wait itself.
export interface ThrottleOptions {
  maxFailures: number;
  lockMs: number;
}

export const DEFAULT_THROTTLE: Readonly<ThrottleOptions> = { maxFailures: 5, lockMs: 60_000 };

interface State {
  failures: number;
  /** Attempts started and not yet settled: they count as failures until they succeed. */
  pending: number;
  lockedUntil: number;
}

export class SignInThrottle {
  private readonly states = new Map<string, State>();

  constructor(private readonly opts: ThrottleOptions = DEFAULT_THROTTLE) {}

  /** Milliseconds until `key` may try again; 0 when it may try now. */
  retryAfterMs(key: string, now: number): number {
    const state = this.states.get(key);
    if (!state) return 0;
    if (state.lockedUntil !== 0 && now >= state.lockedUntil) {
      // The wait is over: a fresh run of attempts.
      state.failures = 0;
      state.lockedUntil = 0;
    }
    if (state.lockedUntil !== 0) return state.lockedUntil - now;
    // Attempts in flight already fill the run: refuse until one of them settles.
    if (state.failures + state.pending >= this.opts.maxFailures) return this.opts.lockMs;
    return 0;
  }

  /**
   * Starts an attempt: 0 when it may go ahead (it is then counted until settled with
   * failed() or succeeded()), otherwise the milliseconds to wait.
   */
  begin(key: string, now: number): number {
    const wait = this.retryAfterMs(key, now);
    if (wait > 0) return wait;
    const state = this.states.get(key) ?? { failures: 0, pending: 0, lockedUntil: 0 };
    state.pending += 1;
    this.states.set(key, state);
    return 0;
  }

  failed(key: string, now: number): void {
    const state = this.states.get(key) ?? { failures: 0, pending: 0, lockedUntil: 0 };
    state.pending = Math.max(0, state.pending - 1);
    state.failures += 1;
    if (state.failures >= this.opts.maxFailures) state.lockedUntil = now + this.opts.lockMs;
    this.states.set(key, state);
  }

  succeeded(key: string): void {
    const state = this.states.get(key);
    if (!state || state.pending <= 1) this.states.delete(key);
    else {
      // Other attempts are still in flight: they settle on their own.
      state.pending -= 1;
      state.failures = 0;
      state.lockedUntil = 0;
    }
  }
}
