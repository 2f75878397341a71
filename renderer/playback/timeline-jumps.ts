// Where "previous/next incident" and "previous/next activity peak" go, from the
// timeline data on hand (the visible window plus its margin).
//
// An activity peak is a bucket where the cameras' recorded bytes, each camera scaled
// by its own median so a high-bitrate camera does not drown the others, are
// (a) the largest within PEAK_RADIUS buckets either side and (b) at least
// PEAK_FACTOR times the median of the window. Encoders spend more bytes when the
// picture changes, so this finds motion without decoding anything. A steady scene
// has no peaks.
import type { IncidentMarker, PlaybackTimeline } from '../../electron/contract/playback-schemas';

export const PEAK_RADIUS = 3;
export const PEAK_FACTOR = 2;
/** A jump must move at least this far, so pressing again goes to the next one. */
const MIN_STEP_MS = 500;

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Per bucket: the sum over cameras of bytes / that camera's median non-zero bucket. */
export function activityScore(timeline: Pick<PlaybackTimeline, 'cameras'>): number[] {
  const length = Math.max(0, ...timeline.cameras.map((c) => c.activity.length));
  const score = new Array<number>(length).fill(0);
  for (const cam of timeline.cameras) {
    const m = median(cam.activity.filter((v) => v > 0));
    if (m <= 0) continue;
    cam.activity.forEach((v, i) => {
      score[i] = (score[i] ?? 0) + v / m;
    });
  }
  return score;
}

/** Start times (ms) of the activity peaks, in order. */
export function activityPeaks(
  timeline: Pick<PlaybackTimeline, 'cameras' | 'fromMs' | 'bucketMs'>,
): number[] {
  const score = activityScore(timeline);
  const threshold = PEAK_FACTOR * median(score.filter((v) => v > 0));
  if (threshold <= 0) return [];
  const peaks: number[] = [];
  for (let i = 0; i < score.length; i++) {
    const v = score[i] ?? 0;
    if (v < threshold) continue;
    let isMax = true;
    for (
      let j = Math.max(0, i - PEAK_RADIUS);
      j <= Math.min(score.length - 1, i + PEAK_RADIUS);
      j++
    ) {
      const o = score[j] ?? 0;
      // Ties go to the earliest bucket of a plateau.
      if (o > v || (o === v && j < i)) {
        isMax = false;
        break;
      }
    }
    if (isMax) peaks.push(Math.round(timeline.fromMs + i * timeline.bucketMs));
  }
  return peaks;
}

/** The first time after (direction 1) or the last before (-1) `positionMs`; null if none. */
export function nextTime(
  times: readonly number[],
  positionMs: number,
  direction: 1 | -1,
): number | null {
  let best: number | null = null;
  for (const t of times) {
    if (direction === 1 && t > positionMs + MIN_STEP_MS && (best === null || t < best)) best = t;
    if (direction === -1 && t < positionMs - MIN_STEP_MS && (best === null || t > best)) best = t;
  }
  return best;
}

export function nextIncident(
  incidents: readonly IncidentMarker[],
  positionMs: number,
  direction: 1 | -1,
): IncidentMarker | null {
  const t = nextTime(
    incidents.map((i) => i.startMs),
    positionMs,
    direction,
  );
  return t === null ? null : (incidents.find((i) => i.startMs === t) ?? null);
}
