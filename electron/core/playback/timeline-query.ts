// The timeline overview of playback (up to 16 cameras × 8 days): per camera the
// recorded ranges, gaps and activity, plus incident markers. Bounded, indexed
// SQL only; see recorded-ranges.ts and activity-buckets.ts for how each part
// stays cheap over ~160 k segment rows.
import type {
  CameraTimeline,
  CoverageRange,
  PlaybackTimeline,
  PlaybackTimelineRequest,
} from '../../contract/playback-schemas';
import { incidentMarkers } from '../incidents/incident-markers';
import { alarmMarkers } from '../outages/camera-alarm-log';
import { activityBuckets, bucketMsOf, type BucketGrid } from '../recording/activity-buckets';
import { gapsOverlapping, type PlaybackQueryDeps } from '../recording/footage-rows';
import { MERGE_GAP_MS, recordedRanges } from '../recording/recorded-ranges';
import type { OpenSegmentSource } from '../recording/segments-query';

export async function playbackTimeline(
  deps: PlaybackQueryDeps & { open?: OpenSegmentSource },
  req: PlaybackTimelineRequest,
): Promise<PlaybackTimeline> {
  const { fromMs, toMs } = req;
  const grid: BucketGrid = { fromMs, toMs, count: req.buckets };
  // Unknown ids are answered too (empty): footage outlives a camera removed from the registry.
  const cameraIds = [...new Set(req.cameraIds)];
  const cameras: CameraTimeline[] = [];
  for (const cameraId of cameraIds) {
    const ranges = await recordedRanges(deps.db, cameraId, fromMs, toMs);
    const open = await deps.open?.openSegment(cameraId);
    cameras.push({
      cameraId,
      ranges: open ? withOpenSegment(ranges, open, fromMs, toMs) : ranges,
      gaps: await gapsOverlapping(deps.db, cameraId, fromMs, toMs),
      activity: await activityBuckets(deps.db, cameraId, grid),
      // Picture and clock alarms (black, frozen, covered, turned; clock off).
      alarms: await alarmMarkers(deps.db, cameraId, fromMs, toMs),
    });
  }
  return {
    fromMs,
    toMs,
    bucketMs: bucketMsOf(grid),
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
