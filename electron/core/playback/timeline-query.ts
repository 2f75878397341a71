// The timeline overview of playback (up to 16 cameras × 8 days): per camera the
// recorded ranges, gaps and activity, plus incident markers. Bounded, indexed
// SQL only. Windows up to 36 h are exact (recorded-ranges.ts, activity-buckets.ts);
// longer ones read the hourly summary (hour-summary.ts), because merging a week of
// 60 s segments for 16 cameras is ~160 k rows (hundreds of ms) where the summary
// is ~2 700, and at that zoom a pixel is wider than the hour the summary rounds to.
import type {
  CameraTimeline,
  CoverageRange,
  PlaybackTimeline,
  PlaybackTimelineRequest,
} from '../../contract/playback-schemas';
import { incidentMarkers } from '../incidents/incident-markers';
import { alarmMarkers } from '../outages/camera-alarm-log';
import { activityBuckets, bucketMsOf, type BucketGrid } from '../recording/activity-buckets';
import { gapsOverlappingEach, type PlaybackQueryDeps } from '../recording/footage-rows';
import { HOUR_MS, hourlyFootage, type HourlyFootage } from '../recording/hour-summary';
import { MERGE_GAP_MS, recordedRanges } from '../recording/recorded-ranges';
import type { OpenSegmentSource } from '../recording/segments-query';

/** Windows longer than this are answered from the hourly summary. */
export const SUMMARY_MIN_WINDOW_MS = 36 * HOUR_MS;

export async function playbackTimeline(
  deps: PlaybackQueryDeps & { open?: OpenSegmentSource },
  req: PlaybackTimelineRequest,
  /** summary: false forces the exact reads (the benchmark's baseline). */
  opts: { summary?: boolean } = {},
): Promise<PlaybackTimeline> {
  const { fromMs, toMs } = req;
  const grid: BucketGrid = { fromMs, toMs, count: req.buckets };
  // Unknown ids are answered too (empty): footage outlives a camera removed from the registry.
  const cameraIds = [...new Set(req.cameraIds)];
  const hourly =
    opts.summary !== false && toMs - fromMs > SUMMARY_MIN_WINDOW_MS
      ? await hourlyFootage(deps.db, cameraIds, grid)
      : null;
  const gaps = await gapsOverlappingEach(deps.db, cameraIds, fromMs, toMs);
  const cameras: CameraTimeline[] = [];
  for (const cameraId of cameraIds) {
    const footage: HourlyFootage = hourly
      ? (hourly.get(cameraId) ?? { ranges: [], activity: new Array<number>(grid.count).fill(0) })
      : {
          ranges: await recordedRanges(deps.db, cameraId, fromMs, toMs),
          activity: await activityBuckets(deps.db, cameraId, grid),
        };
    const open = await deps.open?.openSegment(cameraId);
    cameras.push({
      cameraId,
      ranges: open ? withOpenSegment(footage.ranges, open, fromMs, toMs) : footage.ranges,
      gaps: gaps.get(cameraId) ?? [],
      activity: footage.activity,
      // Picture and clock alarms (black, frozen, covered, turned; clock off).
      alarms: await alarmMarkers(deps.db, cameraId, fromMs, toMs),
    });
  }
  return {
    fromMs,
    toMs,
    bucketMs: bucketMsOf(grid),
    resolutionMs: hourly ? HOUR_MS : 0,
    cameras,
    incidents: await incidentMarkers(deps.db, cameraIds, fromMs, toMs),
  };
}

/** The segment being recorded plays too: its span joins the ranges, clipped to the window. */
function withOpenSegment(
  ranges: CoverageRange[],
  open: { startMs: number; endMs: number },
  fromMs: number,
  toMs: number,
): CoverageRange[] {
  const startMs = Math.max(open.startMs, fromMs);
  const endMs = Math.min(open.endMs, toMs);
  if (endMs <= startMs) return ranges;
  const last = ranges[ranges.length - 1];
  if (last && startMs - last.endMs < MERGE_GAP_MS && startMs >= last.startMs)
    return [...ranges.slice(0, -1), { startMs: last.startMs, endMs: Math.max(last.endMs, endMs) }];
  return [...ranges, { startMs, endMs }];
}
