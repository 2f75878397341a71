// The timeline's visible window and its mapping to pixels: zoom anchored at a
// point, pan, limits (one minute to seven days), and axis ticks aligned to
// station time that adapt to the zoom.

export const MIN_SPAN_MS = 60_000;
export const MAX_SPAN_MS = 7 * 86_400_000;

export interface TimeWindow {
  fromMs: number;
  toMs: number;
}

export function spanOf(w: TimeWindow): number {
  return w.toMs - w.fromMs;
}

export function timeToX(w: TimeWindow, widthPx: number, ms: number): number {
  return ((ms - w.fromMs) / spanOf(w)) * widthPx;
}

export function xToTime(w: TimeWindow, widthPx: number, x: number): number {
  return w.fromMs + (x / widthPx) * spanOf(w);
}

function clampSpan(span: number): number {
  return Math.min(MAX_SPAN_MS, Math.max(MIN_SPAN_MS, span));
}

/** A window of `span` centred on `ms` (the span clamped to the limits). */
export function windowAround(ms: number, span: number): TimeWindow {
  const s = clampSpan(span);
  return { fromMs: ms - s / 2, toMs: ms + s / 2 };
}

/**
 * The first window of a playback: `span` centred on `ms`, moved back when that
 * would show more than a tenth of the span in the future (nothing to see there).
 */
export function initialWindow(ms: number, span: number, nowMs: number): TimeWindow {
  const w = windowAround(ms, span);
  const s = spanOf(w);
  const latestTo = Math.max(nowMs + s * 0.1, ms + s * 0.05);
  return w.toMs <= latestTo ? w : { fromMs: latestTo - s, toMs: latestTo };
}

/**
 * Zoom by `factor` (>1 widens, <1 narrows) keeping the time under `anchorMs`
 * where it is on screen, as map viewers do.
 */
export function zoomWindow(w: TimeWindow, factor: number, anchorMs: number): TimeWindow {
  const span = spanOf(w);
  const next = clampSpan(span * factor);
  const ratio = (anchorMs - w.fromMs) / span;
  const fromMs = anchorMs - ratio * next;
  return { fromMs, toMs: fromMs + next };
}

export function panWindow(w: TimeWindow, deltaMs: number): TimeWindow {
  return { fromMs: w.fromMs + deltaMs, toMs: w.toMs + deltaMs };
}

/**
 * Keeps `ms` on screen: unchanged when it is inside the window with `marginRatio`
 * to spare, else the window moves so `ms` sits at `placeRatio` of the width.
 */
export function followWindow(
  w: TimeWindow,
  ms: number,
  marginRatio = 0.02,
  placeRatio = 0.2,
): TimeWindow {
  const span = spanOf(w);
  if (ms >= w.fromMs + span * marginRatio && ms <= w.toMs - span * marginRatio) return w;
  const fromMs = ms - span * placeRatio;
  return { fromMs, toMs: fromMs + span };
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Label steps, each a divisor of the next larger unit so ticks land on round times. */
const STEPS = [
  SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
] as const;

export type TickLabel = 'seconds' | 'minutes' | 'days';

export interface Tick {
  ms: number;
  /** Major ticks carry a label; minor ones are short marks between them. */
  major: boolean;
  /** The first major tick of a station-time day (gets the date in its label). */
  dayStart: boolean;
}

export interface TickPlan {
  stepMs: number;
  minorMs: number;
  label: TickLabel;
  ticks: Tick[];
}

/**
 * Ticks for the window, at least `minLabelPx` apart, aligned to the station's
 * wall clock (`zoneOffsetMs`: +7 h for Vietnam, which has no DST).
 */
export function planTicks(
  w: TimeWindow,
  widthPx: number,
  zoneOffsetMs: number,
  minLabelPx = 90,
): TickPlan {
  const msPerPx = spanOf(w) / Math.max(1, widthPx);
  const stepMs = STEPS.find((s) => s / msPerPx >= minLabelPx) ?? DAY;
  const minorIndex = STEPS.indexOf(stepMs as (typeof STEPS)[number]);
  // A minor step a few times smaller that still divides the major one.
  let minorMs = stepMs;
  for (let i = minorIndex - 1; i >= 0; i--) {
    const s = STEPS[i] ?? stepMs;
    if (stepMs % s === 0 && stepMs / s <= 6 && s / msPerPx >= 8) minorMs = s;
  }
  const label: TickLabel = stepMs >= DAY ? 'days' : stepMs >= MINUTE ? 'minutes' : 'seconds';
  const ticks: Tick[] = [];
  const first = Math.ceil((w.fromMs + zoneOffsetMs) / minorMs) * minorMs - zoneOffsetMs;
  // Bounded: a window never holds more than widthPx / 8 minor ticks (+2).
  const maxTicks = Math.ceil(widthPx / 8) + 2;
  for (let i = 0, ms = first; ms <= w.toMs && i < maxTicks; i++, ms += minorMs) {
    const local = ms + zoneOffsetMs;
    const major = local % stepMs === 0;
    ticks.push({ ms, major, dayStart: major && local % DAY === 0 });
  }
  return { stepMs, minorMs, label, ticks };
}
