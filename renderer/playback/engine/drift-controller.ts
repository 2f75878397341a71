// Keeps one camera's video on the shared clock: inside half a frame it plays at
// the clock's rate, a small drift is absorbed by nudging playbackRate (smooth,
// no visible jump), a large one is corrected by a seek. Two cameras each held
// within half a frame of the clock are within one frame of each other.

export type DriftAction = { kind: 'rate'; playbackRate: number } | { kind: 'seek' };

/** Drift above this (ms of wall time, scaled by the rate) is corrected by a seek. */
export const SEEK_DRIFT_MS = 300;
/** A nudge changes the rate by at most this fraction. */
const MAX_NUDGE = 0.1;
/** The nudge removes the drift over about this much wall time. */
const CORRECT_OVER_MS = 1000;

/**
 * `driftMs`: the video's wall position minus the clock (positive = ahead).
 * `frameMs`: the stream's frame interval.
 */
export function driftAction(driftMs: number, rate: number, frameMs: number): DriftAction {
  // At high rates the decoder lags by more wall time per frame; scale the limits with it.
  const scale = Math.max(1, rate);
  if (Math.abs(driftMs) > SEEK_DRIFT_MS * scale) return { kind: 'seek' };
  if (Math.abs(driftMs) <= (frameMs / 2) * scale) return { kind: 'rate', playbackRate: rate };
  const nudge = Math.max(-MAX_NUDGE, Math.min(MAX_NUDGE, -driftMs / (CORRECT_OVER_MS * scale)));
  return { kind: 'rate', playbackRate: rate * (1 + nudge) };
}
