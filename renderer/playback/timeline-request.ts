// What to ask `playback.timeline` for: the visible window plus a margin on each
// side (so a pan shows data at once), with about one activity bucket per 3 px,
// and when the data on hand no longer fits the view.
import { MAX_TIMELINE_WINDOW_MS } from '../../electron/contract/playback-schemas';
import { spanOf, type TimeWindow } from './timeline-scale';

/** Pixels per activity bucket. */
export const PX_PER_BUCKET = 3;
/** Extra time fetched on each side, as a share of the visible span. */
export const MARGIN_RATIO = 0.5;
const MIN_BUCKETS = 10;
const MAX_BUCKETS = 4000;
/** The resolution of the recorded byte counts. */
export const MIN_BUCKET_MS = 1000;

export interface TimelineQuery {
  fromMs: number;
  toMs: number;
  buckets: number;
}

export function timelineQuery(visible: TimeWindow, widthPx: number): TimelineQuery {
  const span = spanOf(visible);
  // The margin shrinks when the visible span is near the contract's longest window.
  const margin = Math.max(0, Math.min(span * MARGIN_RATIO, (MAX_TIMELINE_WINDOW_MS - span) / 2));
  const fromMs = Math.max(0, Math.floor(visible.fromMs - margin));
  const toMs = Math.min(fromMs + MAX_TIMELINE_WINDOW_MS, Math.ceil(visible.toMs + margin));
  const fetchedPx = (widthPx * (toMs - fromMs)) / span;
  // Activity is recorded per second: finer buckets would only comb it.
  const finest = Math.floor((toMs - fromMs) / MIN_BUCKET_MS);
  const buckets = Math.round(
    Math.min(MAX_BUCKETS, finest, Math.max(MIN_BUCKETS, fetchedPx / PX_PER_BUCKET)),
  );
  return { fromMs, toMs, buckets };
}

/**
 * True when the data fetched for `have` no longer serves `visible`: part of the view
 * is outside it, or the zoom changed enough that its buckets are too coarse or too fine.
 */
export function needsRefetch(
  have: TimelineQuery | null,
  visible: TimeWindow,
  widthPx: number,
): boolean {
  if (!have) return true;
  if (visible.fromMs < have.fromMs || visible.toMs > have.toMs) return true;
  const ideal = timelineQuery(visible, widthPx);
  const ratio =
    (have.toMs - have.fromMs) / have.buckets / ((ideal.toMs - ideal.fromMs) / ideal.buckets);
  return ratio > 2 || ratio < 0.5;
}
