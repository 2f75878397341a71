import { describe, expect, it } from 'vitest';
import { MAX_EXPORT_SPAN_MS } from '../../electron/contract/export-schemas';
import {
  exportableRange,
  hasMarks,
  markEnd,
  markStart,
  MIN_RANGE_MS,
  moveEdge,
  NO_RANGE,
  rangeBetween,
  rangeProblem,
  spanParts,
} from './export-range';

const T = Date.UTC(2025, 5, 1, 7, 0, 0);
const MIN = 60_000;

describe('marks set at the playhead', () => {
  it('builds a range from a start then an end, or an end then a start', () => {
    expect(markEnd(markStart(NO_RANGE, T), T + 5 * MIN)).toEqual({
      startMs: T,
      endMs: T + 5 * MIN,
    });
    expect(markStart(markEnd(NO_RANGE, T + 5 * MIN), T)).toEqual({
      startMs: T,
      endMs: T + 5 * MIN,
    });
  });

  it('moves a mark that is set again', () => {
    const r = { startMs: T, endMs: T + 5 * MIN };
    expect(markStart(r, T + MIN)).toEqual({ startMs: T + MIN, endMs: T + 5 * MIN });
    expect(markEnd(r, T + 9 * MIN)).toEqual({ startMs: T, endMs: T + 9 * MIN });
  });

  it('drops the other mark when the new one would turn the range inside out', () => {
    const r = { startMs: T, endMs: T + 5 * MIN };
    expect(markStart(r, T + 5 * MIN)).toEqual({ startMs: T + 5 * MIN, endMs: null });
    expect(markStart(r, T + 6 * MIN)).toEqual({ startMs: T + 6 * MIN, endMs: null });
    expect(markEnd(r, T)).toEqual({ startMs: null, endMs: T });
    expect(markEnd(r, T - MIN)).toEqual({ startMs: null, endMs: T - MIN });
  });

  it('knows when nothing is marked', () => {
    expect(hasMarks(NO_RANGE)).toBe(false);
    expect(hasMarks(markStart(NO_RANGE, T))).toBe(true);
    expect(hasMarks(markEnd(NO_RANGE, T))).toBe(true);
  });
});

describe('dragging', () => {
  it('Shift+drag selects between the press and the pointer in either direction', () => {
    expect(rangeBetween(T + MIN, T)).toEqual({ startMs: T, endMs: T + MIN });
    expect(rangeBetween(T, T + MIN)).toEqual({ startMs: T, endMs: T + MIN });
  });

  it('an edge follows the pointer but stops short of the other edge', () => {
    const r = { startMs: T, endMs: T + 5 * MIN };
    expect(moveEdge(r, 'start', T - MIN)).toEqual({ startMs: T - MIN, endMs: T + 5 * MIN });
    expect(moveEdge(r, 'start', T + 9 * MIN)).toEqual({
      startMs: T + 5 * MIN - MIN_RANGE_MS,
      endMs: T + 5 * MIN,
    });
    expect(moveEdge(r, 'end', T + 7 * MIN)).toEqual({ startMs: T, endMs: T + 7 * MIN });
    expect(moveEdge(r, 'end', T - 3 * MIN)).toEqual({ startMs: T, endMs: T + MIN_RANGE_MS });
  });

  it('a lone mark moves freely', () => {
    expect(moveEdge({ startMs: T, endMs: null }, 'start', T + 9 * MIN)).toEqual({
      startMs: T + 9 * MIN,
      endMs: null,
    });
    expect(moveEdge({ startMs: null, endMs: T }, 'end', T - 9 * MIN)).toEqual({
      startMs: null,
      endMs: T - 9 * MIN,
    });
  });
});

describe('validation against the export contract', () => {
  it('needs both marks, the end after the start, at most 24 h', () => {
    expect(rangeProblem(NO_RANGE)).toBe('incomplete');
    expect(rangeProblem({ startMs: T, endMs: null })).toBe('incomplete');
    expect(rangeProblem({ startMs: null, endMs: T })).toBe('incomplete');
    expect(rangeProblem({ startMs: T, endMs: T })).toBe('endBeforeStart');
    expect(rangeProblem({ startMs: T, endMs: T - 1 })).toBe('endBeforeStart');
    expect(rangeProblem({ startMs: T, endMs: T + 1 })).toBeNull();
    expect(rangeProblem({ startMs: T, endMs: T + MAX_EXPORT_SPAN_MS })).toBeNull();
    expect(rangeProblem({ startMs: T, endMs: T + MAX_EXPORT_SPAN_MS + 1 })).toBe('tooLong');
  });

  it('hands over whole milliseconds, and nothing while invalid', () => {
    expect(exportableRange({ startMs: T + 0.4, endMs: T + MIN + 0.6 })).toEqual({
      fromMs: T,
      toMs: T + MIN + 1,
    });
    expect(exportableRange({ startMs: T, endMs: null })).toBeNull();
    expect(exportableRange({ startMs: T, endMs: T + 25 * 60 * MIN })).toBeNull();
  });
});

describe('spanParts', () => {
  it('splits a span into hours, minutes and seconds, rounded to the second', () => {
    expect(spanParts(0)).toEqual({ h: 0, m: 0, s: 0 });
    expect(spanParts(45_400)).toEqual({ h: 0, m: 0, s: 45 });
    expect(spanParts(3 * MIN + 20_600)).toEqual({ h: 0, m: 3, s: 21 });
    expect(spanParts(MAX_EXPORT_SPAN_MS)).toEqual({ h: 24, m: 0, s: 0 });
    expect(spanParts(60 * MIN + 5_000)).toEqual({ h: 1, m: 0, s: 5 });
  });
});
