import { describe, expect, it } from 'vitest';
import {
  followWindow,
  initialWindow,
  MAX_SPAN_MS,
  MIN_SPAN_MS,
  panWindow,
  planTicks,
  timeToX,
  windowAround,
  xToTime,
  zoomWindow,
} from './timeline-scale';

const HOUR = 3_600_000;
const VN = 7 * HOUR;
// 01/06/2025 00:00 in Vietnam.
const MIDNIGHT_VN = Date.UTC(2025, 5, 1) - VN;

describe('pixel mapping', () => {
  const w = { fromMs: 1_000_000, toMs: 1_600_000 };
  it('maps time to x linearly and back', () => {
    expect(timeToX(w, 600, 1_300_000)).toBe(300);
    expect(xToTime(w, 600, 150)).toBe(1_150_000);
  });
});

describe('zoom and pan', () => {
  const w = { fromMs: 0, toMs: HOUR };
  it('keeps the anchor time at the same place on screen', () => {
    const anchor = HOUR / 4;
    const z = zoomWindow(w, 0.5, anchor);
    expect(z.toMs - z.fromMs).toBe(HOUR / 2);
    expect((anchor - z.fromMs) / (z.toMs - z.fromMs)).toBeCloseTo(0.25, 9);
  });

  it('stops at one minute and at seven days', () => {
    expect(zoomWindow(w, 1e-6, 0).toMs - zoomWindow(w, 1e-6, 0).fromMs).toBe(MIN_SPAN_MS);
    const wide = zoomWindow(w, 1e6, HOUR);
    expect(wide.toMs - wide.fromMs).toBe(MAX_SPAN_MS);
    expect(windowAround(5 * HOUR, 1).toMs - windowAround(5 * HOUR, 1).fromMs).toBe(MIN_SPAN_MS);
  });

  it('opens near "now" without showing mostly future', () => {
    const now = 100 * HOUR;
    const w = initialWindow(now - 3 * 60_000, HOUR, now);
    expect(w.toMs).toBe(now + HOUR * 0.1);
    expect(w.toMs - w.fromMs).toBe(HOUR);
    expect(initialWindow(50 * HOUR, HOUR, now)).toEqual({ fromMs: 49.5 * HOUR, toMs: 50.5 * HOUR });
  });

  it('pans by a time delta', () => {
    expect(panWindow(w, 1000)).toEqual({ fromMs: 1000, toMs: HOUR + 1000 });
  });

  it('follows the playhead only once it reaches an edge', () => {
    expect(followWindow(w, HOUR / 2)).toBe(w);
    const moved = followWindow(w, HOUR);
    expect(moved.fromMs).toBeCloseTo(HOUR - 0.2 * HOUR, 6);
    expect(moved.toMs - moved.fromMs).toBe(HOUR);
  });
});

describe('planTicks', () => {
  it('labels whole hours in station time for a day-wide view', () => {
    const w = { fromMs: MIDNIGHT_VN, toMs: MIDNIGHT_VN + 24 * HOUR };
    const plan = planTicks(w, 1600, VN);
    expect(plan.label).toBe('minutes');
    const majors = plan.ticks.filter((t) => t.major);
    expect(majors.length).toBeGreaterThan(5);
    for (const t of majors) expect((t.ms + VN) % plan.stepMs).toBe(0);
    expect(majors[0]?.dayStart).toBe(true);
    // Labels at least 90 px apart.
    expect((plan.stepMs / (24 * HOUR)) * 1600).toBeGreaterThanOrEqual(90);
  });

  it('switches to seconds at one minute and to days at seven days', () => {
    expect(planTicks({ fromMs: 0, toMs: 60_000 }, 1600, VN).label).toBe('seconds');
    expect(
      planTicks({ fromMs: MIDNIGHT_VN, toMs: MIDNIGHT_VN + 7 * 24 * HOUR }, 600, VN).label,
    ).toBe('days');
  });

  it('puts minor ticks between majors and stays bounded', () => {
    const plan = planTicks({ fromMs: MIDNIGHT_VN, toMs: MIDNIGHT_VN + HOUR }, 1200, VN);
    expect(plan.minorMs).toBeLessThan(plan.stepMs);
    expect(plan.stepMs % plan.minorMs).toBe(0);
    expect(plan.ticks.some((t) => !t.major)).toBe(true);
    expect(plan.ticks.length).toBeLessThanOrEqual(1200 / 8 + 2);
  });
});
