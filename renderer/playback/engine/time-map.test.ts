import { describe, expect, it } from 'vitest';
import { mediaSecOf, ORIGIN_LEAD_MS, originFor, timestampOffsetFor, wallMsOf } from './time-map';

describe('time map', () => {
  const start = Date.UTC(2026, 10, 27, 13, 24, 5, 123);

  it('round-trips wall-clock ms through media seconds', () => {
    const origin = originFor(start);
    expect(origin).toBe(start - ORIGIN_LEAD_MS);
    expect(mediaSecOf(start, origin)).toBe(ORIGIN_LEAD_MS / 1000);
    expect(wallMsOf(mediaSecOf(start + 40, origin), origin)).toBeCloseTo(start + 40, 6);
  });

  it('places a file starting at t=0 at its start, and corrects a non-zero first decode time', () => {
    const origin = originFor(start);
    expect(timestampOffsetFor(start + 60_000, origin, 0)).toBe(3660);
    expect(timestampOffsetFor(start + 60_000, origin, 1.5)).toBe(3658.5);
  });

  it('never puts the origin before the epoch', () => {
    expect(originFor(1000)).toBe(0);
  });
});
