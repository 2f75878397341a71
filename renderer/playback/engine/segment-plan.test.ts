import { describe, expect, it } from 'vitest';
import type { PlaybackSegment } from '../../../electron/contract/playback-schemas';
import {
  AHEAD_MS,
  evictionRanges,
  mergeSegments,
  nextSegmentAfter,
  segmentAt,
  segmentsAhead,
  windowAround,
  windowCovers,
} from './segment-plan';

const T0 = Date.UTC(2026, 10, 27, 13, 0, 0);
const seg = (id: number, startS: number, endS: number): PlaybackSegment => ({
  id,
  startMs: T0 + startS * 1000,
  endMs: T0 + endS * 1000,
  bytes: 1000,
  codec: 'avc1',
});
// 0–60, 60.05–120 (jitter hole), gap, 300–360, 360–420.
const list = [seg(1, 0, 60), seg(2, 60.05, 120), seg(3, 300, 360), seg(4, 360, 420)];

describe('segmentAt / nextSegmentAfter', () => {
  it('finds the segment under the playhead, joins jitter holes, and reports real gaps', () => {
    expect(segmentAt(list, T0)?.id).toBe(1);
    expect(segmentAt(list, T0 + 59_999)?.id).toBe(1);
    expect(segmentAt(list, T0 + 60_020)?.id).toBe(2);
    expect(segmentAt(list, T0 + 150_000)).toBeNull();
    expect(nextSegmentAfter(list, T0 + 150_000)?.id).toBe(3);
    expect(segmentAt(list, T0 + 420_000)).toBeNull();
    expect(nextSegmentAfter(list, T0 + 420_000)).toBeNull();
    expect(segmentAt([], T0)).toBeNull();
  });

  it('prefers the earlier of two overlapping rows (a backward clock step)', () => {
    const overlapping = mergeSegments([seg(7, 0, 60)], [seg(5, 0, 60)]);
    expect(segmentAt(overlapping, T0 + 30_000)?.id).toBe(5);
  });
});

describe('segmentsAhead', () => {
  it('lists the current segment first, then what starts within the ahead window', () => {
    expect(segmentsAhead(list, T0 + 30_000).map((s) => s.id)).toEqual([1, 2]);
    expect(segmentsAhead(list, T0 + 100_000).map((s) => s.id)).toEqual([2]);
    // In a gap: the next footage is appended in time for the clock to reach it.
    expect(segmentsAhead(list, T0 + 250_000).map((s) => s.id)).toEqual([3]);
    expect(segmentsAhead(list, T0 + 250_000, 40_000)).toEqual([]);
    expect(segmentsAhead(list, T0 + 290_000).map((s) => s.id)).toEqual([3, 4]);
    expect(AHEAD_MS).toBeGreaterThanOrEqual(60_000);
  });
});

describe('index windows', () => {
  it('asks around the playhead, not beyond now', () => {
    const now = T0 + 5 * 60_000;
    const w = windowAround(T0, now);
    expect(w).toEqual({ fromMs: T0 - 10 * 60_000, toMs: now });
    // The running clock is fractional; the contract takes whole ms.
    const f = windowAround(T0 + 0.5, now + 0.25);
    expect(Number.isInteger(f.fromMs) && Number.isInteger(f.toMs)).toBe(true);
    expect(f.fromMs).toBeLessThanOrEqual(T0 + 0.5 - 10 * 60_000);
    expect(f.toMs).toBeGreaterThanOrEqual(now + 0.25);
  });

  it('covers the playhead until it nears the edge, and re-asks a window at the live edge', () => {
    const now = T0 + 3600_000;
    const old = [{ fromMs: T0, toMs: T0 + 30 * 60_000, askedAt: now - 60_000 }];
    expect(windowCovers(old, T0 + 10 * 60_000, now)).toBe(true);
    expect(windowCovers(old, T0 + 28 * 60_000, now)).toBe(false);
    expect(windowCovers(old, T0 + 60_000, now)).toBe(false);
    const live = [{ fromMs: now - 600_000, toMs: now, askedAt: now }];
    expect(windowCovers(live, now - 60_000, now + 5_000)).toBe(true);
    expect(windowCovers(live, now - 60_000, now + 20_000)).toBe(false);
  });

  it('merges fetched segments in (start, id) order without duplicates', () => {
    const merged = mergeSegments(list.slice(0, 2), [seg(2, 60.05, 120), seg(3, 300, 360)]);
    expect(merged.map((s) => s.id)).toEqual([1, 2, 3]);
  });

  it('replaces a growing segment with what a newer window says: grown, or filed as a row', () => {
    const open = { ...seg(9, 120, 130), growing: true };
    const grown = mergeSegments([seg(2, 60, 120), open], [{ ...open, endMs: T0 + 135_000 }], {
      fromMs: T0,
      toMs: T0 + 136_000,
    });
    expect(grown.map((s) => [s.id, s.endMs - T0])).toEqual([
      [2, 120_000],
      [9, 135_000],
    ]);
    // Filed: the row names the open id; the next segment is open in turn.
    const filed = mergeSegments(
      grown,
      [
        { ...seg(20, 120, 180), openId: 9 },
        { ...seg(10, 180, 182), growing: true },
      ],
      { fromMs: T0 + 100_000, toMs: T0 + 183_000 },
    );
    expect(filed.map((s) => s.id)).toEqual([2, 20, 10]);
    // Gone from a window that covers it (the recorder stopped and swept it): dropped.
    expect(mergeSegments([open], [], { fromMs: T0, toMs: T0 + 200_000 })).toEqual([]);
    // A window elsewhere leaves it alone.
    expect(mergeSegments([open], [], { fromMs: T0, toMs: T0 + 60_000 })).toEqual([open]);
  });
});

describe('evictionRanges', () => {
  it('cuts what lies far behind and far ahead, keeping the window around the playhead', () => {
    expect(
      evictionRanges(
        [
          [100, 200],
          [400, 500],
        ],
        180,
        30,
        120,
      ),
    ).toEqual([
      [100, 150],
      [400, 500],
    ]);
    expect(evictionRanges([[160, 250]], 180, 30, 120)).toEqual([]);
    // With slack, media behind is cut in one piece once enough has piled up, not in slivers.
    expect(evictionRanges([[100, 200]], 140, 30, 120, 15)).toEqual([]);
    expect(evictionRanges([[100, 200]], 146, 30, 120, 15)).toEqual([[100, 116]]);
    expect(evictionRanges([], 0, 30, 120)).toEqual([]);
  });
});
