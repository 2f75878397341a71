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

  it('counts an attempt when it starts: a parallel burst gets no more checks than the limit', () => {
    const t = new SignInThrottle({ maxFailures: 5, lockMs: 60_000 });
    const started = Array.from({ length: 40 }, () => t.begin('a', 100));
    expect(started.filter((w) => w === 0)).toHaveLength(5);
    for (let i = 0; i < 5; i++) t.failed('a', 200);
    expect(t.retryAfterMs('a', 300)).toBe(59_900);
    expect(t.begin('a', 300)).toBe(59_900);
  });

  it('lets a right password through when wrong ones were under the limit', () => {
    const t = new SignInThrottle({ maxFailures: 3, lockMs: 1000 });
    expect(t.begin('a', 1)).toBe(0);
    t.failed('a', 1);
    expect(t.begin('a', 2)).toBe(0);
    t.succeeded('a');
    expect(t.begin('a', 3)).toBe(0);
  });
});
