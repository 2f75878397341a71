import { describe, expect, it } from 'vitest';
import { SharedClock } from './shared-clock';

function fakeNow() {
  let t = 1000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('SharedClock', () => {
  it('stands still until started, then advances with elapsed time × rate', () => {
    const n = fakeNow();
    const c = new SharedClock(5_000_000, n.now);
    n.advance(500);
    expect(c.position()).toBe(5_000_000);
    c.start();
    n.advance(250);
    expect(c.position()).toBe(5_000_250);
    c.setRate(4);
    n.advance(250);
    expect(c.position()).toBe(5_001_250);
    c.setRate(1 / 8);
    n.advance(800);
    expect(c.position()).toBe(5_001_350);
    expect(c.positionAt(n.now() + 80)).toBe(5_001_360);
  });

  it('keeps its position across stop, set and restart without jumping', () => {
    const n = fakeNow();
    const c = new SharedClock(0, n.now);
    c.start();
    n.advance(100);
    c.stop();
    n.advance(10_000);
    expect(c.position()).toBe(100);
    c.set(60_000);
    c.start();
    n.advance(40);
    expect(c.position()).toBe(60_040);
    expect(c.isRunning).toBe(true);
  });

  it('refuses a rate that is not positive', () => {
    const c = new SharedClock(0, () => 0);
    expect(() => c.setRate(0)).toThrow(RangeError);
    expect(() => c.setRate(Number.NaN)).toThrow(RangeError);
  });
});
