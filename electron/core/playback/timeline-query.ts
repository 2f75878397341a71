// The timeline overview of playback (up to 16 cameras × 8 days): per camera the
// recorded ranges, gaps and activity, plus incident markers. Bounded, indexed
// SQL only; see recorded-ranges.ts and activity-buckets.ts for how each part
// stays cheap over ~160 k segment rows.
import type {
  CameraTimeline,
  PlaybackTimeline,
  PlaybackTimelineRequest,
} from '../../contract/playback-schemas';
import { activityBuckets, bucketMsOf, type BucketGrid } from './activity-buckets';
import { gapsOverlapping, type PlaybackQueryDeps } from './footage-rows';
import { incidentMarkers } from './incident-markers';
import { recordedRanges } from './recorded-ranges';

export async function playbackTimeline(
  deps: PlaybackQueryDeps,
  req: PlaybackTimelineRequest,
): Promise<PlaybackTimeline> {
  const { fromMs, toMs } = req;
  const grid: BucketGrid = { fromMs, toMs, count: req.buckets };
  // Unknown ids are answered too (empty): footage outlives a camera removed from the registry.
  const cameraIds = [...new Set(req.cameraIds)];
  const cameras: CameraTimeline[] = [];
  for (const cameraId of cameraIds) {
    cameras.push({
      cameraId,
      ranges: await recordedRanges(deps.db, cameraId, fromMs, toMs),
      gaps: await gapsOverlapping(deps.db, cameraId, fromMs, toMs),
      activity: await activityBuckets(deps.db, cameraId, grid),
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
