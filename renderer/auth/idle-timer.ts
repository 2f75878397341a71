// Fires once after a quiet spell. Input only stamps a time; a single timer re-arms
// itself for the remainder, so a moving mouse costs no timer churn, and a machine
// that slept past the deadline locks as soon as it wakes.

export interface IdleClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface IdleTimer {
  /** The officer did something: the quiet spell starts again. */
  activity(): void;
  dispose(): void;
}

const systemClock: IdleClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** A timeout of 0 or less never fires (idle lock switched off). */
export function startIdleTimer(
  timeoutMs: number,
  onIdle: () => void,
  clock: IdleClock = systemClock,
): IdleTimer {
  if (!(timeoutMs > 0)) return { activity: () => undefined, dispose: () => undefined };
  let last = clock.now();
  let handle: unknown = null;
  let done = false;

  const check = () => {
    handle = null;
    if (done) return;
    const quiet = clock.now() - last;
    if (quiet >= timeoutMs) {
      done = true;
      onIdle();
    } else {
      handle = clock.setTimeout(check, timeoutMs - quiet);
    }
  };
  handle = clock.setTimeout(check, timeoutMs);

  return {
    activity: () => {
      if (!done) last = clock.now();
    },
    dispose: () => {
      done = true;
      if (handle !== null) clock.clearTimeout(handle);
      handle = null;
    },
  };
}
