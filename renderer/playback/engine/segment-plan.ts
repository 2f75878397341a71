// Which recorded segments a camera's player needs around the playhead: the one
// under the clock, the next ones to append ahead, where the next footage starts
// after a gap, and which index windows to ask the core for. Pure functions over
// the segment list of `playback.segments` (sorted by start, then id).
import type { PlaybackSegment } from '../../../electron/contract/playback-schemas';

/** A hole between consecutive segments shorter than this is anchor jitter, not a gap. */
export const JOIN_TOLERANCE_MS = 1000;
/** Media appended ahead of the playhead. */
export const AHEAD_MS = 75_000;
/** Media kept behind the playhead (stepping and small seeks back stay instant). */
export const BEHIND_MS = 30_000;
/** Index window asked around the playhead, and how close to its edge a new one is asked. */
export const INDEX_BEFORE_MS = 10 * 60_000;
export const INDEX_AFTER_MS = 20 * 60_000;
export const INDEX_REFILL_MARGIN_MS = 3 * 60_000;
/** A window ending this close to "now" may gain segments (the open segment closes): re-ask. */
const LIVE_EDGE_MS = 2 * 60_000;
const LIVE_EDGE_REFRESH_MS = 15_000;

/** The segment whose span contains `t` (the earliest by start and id when rows overlap). */
export function segmentAt(segments: readonly PlaybackSegment[], t: number): PlaybackSegment | null {
  for (const s of segments) {
    if (s.startMs > t) break;
    if (t < s.endMs) return s;
  }
  // Inside a hole shorter than the tolerance: the next segment carries on.
  const next = nextSegmentAfter(segments, t);
  const prev = previousSegmentBefore(segments, t);
  if (next && prev && next.startMs - prev.endMs < JOIN_TOLERANCE_MS) return next;
  return null;
}

export function nextSegmentAfter(
  segments: readonly PlaybackSegment[],
  t: number,
): PlaybackSegment | null {
  return segments.find((s) => s.startMs > t) ?? null;
}

function previousSegmentBefore(
  segments: readonly PlaybackSegment[],
  t: number,
): PlaybackSegment | null {
  let found: PlaybackSegment | null = null;
  for (const s of segments) {
    if (s.startMs > t) break;
    if (s.endMs <= t) found = s;
  }
  return found;
}

/** Segments to have appended for playback from `t`, in play order: the current one first. */
export function segmentsAhead(
  segments: readonly PlaybackSegment[],
  t: number,
  aheadMs = AHEAD_MS,
): PlaybackSegment[] {
  const current = segmentAt(segments, t);
  const from = current ? current.startMs : t;
  const seen = new Set<number>();
  const out: PlaybackSegment[] = [];
  if (current) {
    out.push(current);
    seen.add(current.id);
  }
  for (const s of segments) {
    if (s.startMs < from || seen.has(s.id)) continue;
    if (s.startMs >= t + aheadMs) break;
    if (s.endMs > t) {
      out.push(s);
      seen.add(s.id);
    }
  }
  return out;
}

export interface IndexWindow {
  fromMs: number;
  toMs: number;
  /** When it was asked (wall clock ms of the console). */
  askedAt: number;
}

/**
 * Whether the known windows answer for [t − margin, t + margin] (never beyond now). A window
 * that reached the live edge when it was asked covers up to now while it is fresh; after that it
 * is asked again, since the open segment has closed and been indexed meanwhile.
 */
export function windowCovers(windows: readonly IndexWindow[], t: number, nowMs: number): boolean {
  const needFrom = Math.max(0, t - INDEX_REFILL_MARGIN_MS);
  const needTo = Math.min(t + INDEX_REFILL_MARGIN_MS, nowMs);
  return windows.some((w) => {
    const atLiveEdge = w.toMs > w.askedAt - LIVE_EDGE_MS;
    const fresh = nowMs - w.askedAt <= LIVE_EDGE_REFRESH_MS;
    const to = atLiveEdge && fresh ? Number.POSITIVE_INFINITY : w.toMs;
    return w.fromMs <= needFrom && to >= needTo;
  });
}

/**
 * The index window to ask around `t` (never beyond now: nothing is recorded there yet), in
 * whole ms: the contract takes integers, and the running clock is fractional.
 */
export function windowAround(t: number, nowMs: number): { fromMs: number; toMs: number } {
  const toMs = Math.max(Math.min(t + INDEX_AFTER_MS, nowMs), t + 1000);
  return { fromMs: Math.max(0, Math.floor(t - INDEX_BEFORE_MS)), toMs: Math.ceil(toMs) };
}

/**
 * Adds a fetched window's segments to the known list, sorted by (start, id), without
 * duplicates. A growing segment known from before is replaced by what the window says
 * now: its newer self, or the row it was filed as (which names it as `openId`).
 */
export function mergeSegments(
  known: readonly PlaybackSegment[],
  fetched: readonly PlaybackSegment[],
  window?: { fromMs: number; toMs: number },
): PlaybackSegment[] {
  const filed = new Set(fetched.map((s) => s.openId));
  const stale = (s: PlaybackSegment) =>
    filed.has(s.id) ||
    (s.growing === true &&
      window !== undefined &&
      s.endMs > window.fromMs &&
      s.startMs < window.toMs);
  const byId = new Map<number, PlaybackSegment>();
  for (const s of known) if (!stale(s)) byId.set(s.id, s);
  for (const s of fetched) byId.set(s.id, s);
  return [...byId.values()].sort((a, b) => a.startMs - b.startMs || a.id - b.id);
}

/**
 * Media ranges (seconds) to remove from a SourceBuffer: more than `behindSec`
 * behind the playhead and more than `aheadSec` ahead of it (left by a seek back),
 * once more than `slackSec` has piled up beyond those limits.
 */
export function evictionRanges(
  buffered: readonly (readonly [number, number])[],
  currentSec: number,
  behindSec: number,
  aheadSec: number,
  slackSec = 0.5,
): [number, number][] {
  const out: [number, number][] = [];
  const cutBefore = currentSec - behindSec;
  const cutAfter = currentSec + aheadSec;
  for (const [start, end] of buffered) {
    if (start < cutBefore - slackSec) out.push([start, Math.min(end, cutBefore)]);
    if (end > cutAfter + slackSec) out.push([Math.max(start, cutAfter), end]);
  }
  return out.filter(([a, b]) => b - a > 0.1);
}
