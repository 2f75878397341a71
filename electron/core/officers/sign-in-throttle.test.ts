import { describe, expect, it } from 'vitest';
import { SignInThrottle } from './sign-in-throttle';

describe('SignInThrottle', () => {
  it('locks a key after the run of failures, for the set time, then starts afresh', () => {
    const t = new SignInThrottle({ maxFailures: 3, lockMs: 10_000 });
    t.failed('a', 100);
    t.failed('a', 200);
    expect(t.retryAfterMs('a', 300)).toBe(0);
    t.failed('a', 1000);
    expect(t.retryAfterMs('a', 1000)).toBe(10_000);
    expect(t.retryAfterMs('a', 8000)).toBe(3000);
    expect(t.retryAfterMs('b', 8000)).toBe(0);
    expect(t.retryAfterMs('a', 11_000)).toBe(0);
    // A fresh run: one more failure does not lock again.
    t.failed('a', 11_500);
    expect(t.retryAfterMs('a', 11_600)).toBe(0);
  });

  it('forgets failures on success', () => {
    const t = new SignInThrottle({ maxFailures: 2, lockMs: 5000 });
    t.failed('a', 1);
    t.succeeded('a');
    t.failed('a', 2);
    expect(t.retryAfterMs('a', 3)).toBe(0);
  });
});
