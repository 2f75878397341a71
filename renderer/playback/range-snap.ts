// Where a dragged range edge lands: on a nearby time worth aligning to (the
// playhead, an incident's start or end, the start or end of a recording), else on
// a whole second, since the officer reads and the report prints whole seconds.
import type { PlaybackTimeline } from '../../electron/contract/playback-schemas';

/** How close, in CSS pixels, the pointer must come to a target to stick to it. */
export const SNAP_RADIUS_PX = 6;

/** The times an edge sticks to, for the cameras and period on screen. */
export function snapTargets(data: PlaybackTimeline | null, positionMs: number): number[] {
  const out = [positionMs];
  for (const m of data?.incidents ?? []) out.push(m.startMs, m.endMs);
  for (const cam of data?.cameras ?? []) for (const r of cam.ranges) out.push(r.startMs, r.endMs);
  return out;
}

/**
 * The nearest target within `radiusPx` of `ms` (at `msPerPx` on screen), else
 * `ms` rounded to the second.
 */
export function snapTime(
  ms: number,
  targets: readonly number[],
  msPerPx: number,
  radiusPx = SNAP_RADIUS_PX,
): number {
  const reach = radiusPx * msPerPx;
  let best: number | null = null;
  for (const t of targets) {
    const d = Math.abs(t - ms);
    if (d <= reach && (best === null || d < Math.abs(best - ms))) best = t;
  }
  return best ?? Math.round(ms / 1000) * 1000;
}
