import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startIdleTimer } from './idle-timer';

describe('idle timer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires once after the timeout without activity', () => {
    const onIdle = vi.fn();
    startIdleTimer(60_000, onIdle);
    vi.advanceTimersByTime(59_999);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10 * 60_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('activity postpones the deadline by the full timeout', () => {
    const onIdle = vi.fn();
    const timer = startIdleTimer(60_000, onIdle);
    vi.advanceTimersByTime(50_000);
    timer.activity();
    vi.advanceTimersByTime(50_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(9_999);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('keeps a single pending timer however much input arrives', () => {
    const timer = startIdleTimer(60_000, () => undefined);
    for (let i = 0; i < 500; i++) {
      vi.advanceTimersByTime(10);
      timer.activity();
    }
    expect(vi.getTimerCount()).toBe(1);
    timer.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('locks at once when the clock jumped past the deadline (machine slept)', () => {
    const onIdle = vi.fn();
    let now = 0;
    const pending: { fn: () => void; at: number }[] = [];
    startIdleTimer(60_000, onIdle, {
      now: () => now,
      setTimeout: (fn, ms) => pending.push({ fn, at: now + ms }),
      clearTimeout: () => undefined,
    });
    now = 5 * 3600_000; // woke up hours later; the timer callback runs late
    pending.shift()?.fn();
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('never fires when switched off or disposed', () => {
    const off = vi.fn();
    startIdleTimer(0, off);
    const disposed = vi.fn();
    startIdleTimer(1000, disposed).dispose();
    vi.advanceTimersByTime(3600_000);
    expect(off).not.toHaveBeenCalled();
    expect(disposed).not.toHaveBeenCalled();
  });
});
