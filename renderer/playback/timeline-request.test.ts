import { describe, expect, it } from 'vitest';
import { MAX_TIMELINE_WINDOW_MS } from '../../electron/contract/playback-schemas';
import { needsRefetch, timelineQuery } from './timeline-request';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2025, 5, 1, 0, 0, 0);

describe('timelineQuery', () => {
  it('adds half a span on each side and one bucket per 3 px of the fetched range', () => {
    const q = timelineQuery({ fromMs: T0, toMs: T0 + HOUR }, 1200);
    expect(q).toEqual({ fromMs: T0 - HOUR / 2, toMs: T0 + HOUR + HOUR / 2, buckets: 800 });
  });

  it('keeps a 7-day view within the contract window by shrinking the margin', () => {
    const q = timelineQuery({ fromMs: T0, toMs: T0 + 7 * DAY }, 1600);
    expect(q.toMs - q.fromMs).toBeLessThanOrEqual(MAX_TIMELINE_WINDOW_MS);
    expect(q.fromMs).toBe(T0 - DAY / 2);
    expect(q.buckets).toBeLessThanOrEqual(4000);
  });

  it('never asks before the epoch and keeps buckets within 10..4000', () => {
    expect(timelineQuery({ fromMs: 1000, toMs: 61_000 }, 20).fromMs).toBe(0);
    expect(timelineQuery({ fromMs: T0, toMs: T0 + 60_000 }, 10).buckets).toBe(10);
    expect(timelineQuery({ fromMs: T0, toMs: T0 + 4 * HOUR }, 20_000).buckets).toBe(4000);
  });

  it('never asks for buckets finer than the per-second byte counts', () => {
    const q = timelineQuery({ fromMs: T0, toMs: T0 + 60_000 }, 1600);
    expect(q.buckets).toBe(120);
    // Zoomed all the way in, panning inside the margin does not refetch.
    expect(needsRefetch(q, { fromMs: T0 + 5_000, toMs: T0 + 65_000 }, 1600)).toBe(false);
  });
});

describe('needsRefetch', () => {
  const visible = { fromMs: T0, toMs: T0 + HOUR };
  const have = timelineQuery(visible, 1200);

  it('is true without data and false for the view it was fetched for', () => {
    expect(needsRefetch(null, visible, 1200)).toBe(true);
    expect(needsRefetch(have, visible, 1200)).toBe(false);
  });

  it('tolerates a pan inside the margin, not beyond it', () => {
    expect(needsRefetch(have, { fromMs: T0 + HOUR / 4, toMs: T0 + HOUR * 1.25 }, 1200)).toBe(false);
    expect(needsRefetch(have, { fromMs: T0 + HOUR, toMs: T0 + 2 * HOUR }, 1200)).toBe(true);
  });

  it('refetches when zooming in or out makes the buckets too coarse or too fine', () => {
    expect(needsRefetch(have, { fromMs: T0 + 20 * 60_000, toMs: T0 + 40 * 60_000 }, 1200)).toBe(
      true,
    );
    expect(needsRefetch(have, { fromMs: T0 + 10 * 60_000, toMs: T0 + 50 * 60_000 }, 1200)).toBe(
      false,
    );
  });
});
