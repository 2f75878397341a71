// The export range chosen on the playback timeline: its two marks, how
// keys and drags change them, and whether the range can be exported. Pure, so the
// timeline, the keys and the export button agree on one set of rules.
import { MAX_EXPORT_SPAN_MS } from '../../electron/contract/export-schemas';

/** Wall-clock ms of each mark; either may be unset while the officer is choosing. */
export interface RangeMarks {
  startMs: number | null;
  endMs: number | null;
}

export type RangeEdge = 'start' | 'end';

export const NO_RANGE: RangeMarks = { startMs: null, endMs: null };

/** A dragged edge stops this far from the other one, so a range never collapses to nothing. */
export const MIN_RANGE_MS = 1000;

export function hasMarks(r: RangeMarks): boolean {
  return r.startMs !== null || r.endMs !== null;
}

/** "Đặt điểm đầu": a start at or after the end drops the end (the officer starts over). */
export function markStart(r: RangeMarks, ms: number): RangeMarks {
  const endMs = r.endMs !== null && ms >= r.endMs ? null : r.endMs;
  return { startMs: ms, endMs };
}

/** "Đặt điểm cuối": an end at or before the start drops the start. */
export function markEnd(r: RangeMarks, ms: number): RangeMarks {
  const startMs = r.startMs !== null && ms <= r.startMs ? null : r.startMs;
  return { startMs, endMs: ms };
}

/** Shift+drag from `anchorMs` to `ms`, in either direction. */
export function rangeBetween(anchorMs: number, ms: number): RangeMarks {
  return { startMs: Math.min(anchorMs, ms), endMs: Math.max(anchorMs, ms) };
}

/**
 * Dragging one edge: it follows the pointer but stops MIN_RANGE_MS short of the
 * other edge rather than crossing it (swapping ends mid-drag reads as a jump).
 */
export function moveEdge(r: RangeMarks, edge: RangeEdge, ms: number): RangeMarks {
  if (edge === 'start') {
    const limit = r.endMs === null ? ms : r.endMs - MIN_RANGE_MS;
    return { ...r, startMs: Math.min(ms, limit) };
  }
  const limit = r.startMs === null ? ms : r.startMs + MIN_RANGE_MS;
  return { ...r, endMs: Math.max(ms, limit) };
}

export type RangeProblem = 'incomplete' | 'endBeforeStart' | 'tooLong';

/** Why the marks cannot be exported as they are, null when they can (the contract's rules). */
export function rangeProblem(r: RangeMarks, maxSpanMs = MAX_EXPORT_SPAN_MS): RangeProblem | null {
  if (r.startMs === null || r.endMs === null) return 'incomplete';
  if (r.endMs <= r.startMs) return 'endBeforeStart';
  if (r.endMs - r.startMs > maxSpanMs) return 'tooLong';
  return null;
}

/** The range to export (whole ms, as the contract wants), or null while it is not valid. */
export function exportableRange(r: RangeMarks): { fromMs: number; toMs: number } | null {
  if (rangeProblem(r) !== null || r.startMs === null || r.endMs === null) return null;
  return { fromMs: Math.round(r.startMs), toMs: Math.round(r.endMs) };
}

/** Hours, minutes and seconds of a span, rounded to the second, for the duration label. */
export function spanParts(ms: number): { h: number; m: number; s: number } {
  const total = Math.max(0, Math.round(ms / 1000));
  return { h: Math.floor(total / 3600), m: Math.floor((total % 3600) / 60), s: total % 60 };
}
