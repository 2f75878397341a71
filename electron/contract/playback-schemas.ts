// Contract schemas of playback: the timeline overview of one or more
// cameras over up to 8 days, and the list of indexed segments near the playhead.
// Segment bytes are served by the media server at /recordings/<id> (by id only).
import { z } from 'zod';
import { CameraAlarmKind } from './camera-alarms';
import { IncidentCategory, IncidentSeverity, IncidentStatus } from './incident-schemas';
import { Gap } from './recording-schemas';
import { Id } from './schemas';

const ms = z.number().int().min(0);

/** Longest window the timeline overview answers (7 days plus slack for panning). */
export const MAX_TIMELINE_WINDOW_MS = 8 * 86_400_000;
/** Longest window of individual segments (the player asks around its playhead). */
export const MAX_SEGMENT_WINDOW_MS = 6 * 3_600_000;

const windowIssues =
  (maxMs: number) =>
  (v: { fromMs: number; toMs: number }, ctx: z.RefinementCtx<{ fromMs: number; toMs: number }>) => {
    if (v.toMs <= v.fromMs)
      ctx.addIssue({ code: 'custom', path: ['toMs'], message: 'to_not_after_from' });
    else if (v.toMs - v.fromMs > maxMs)
      ctx.addIssue({ code: 'custom', path: ['toMs'], message: 'span_too_long' });
  };

export const PlaybackTimelineRequest = z
  .object({
    cameraIds: z.array(Id).min(1).max(16),
    fromMs: ms,
    toMs: ms,
    /** Activity buckets across the window (one per few pixels of the timeline). */
    buckets: z.number().int().min(10).max(4000).default(1000),
  })
  .strict()
  .superRefine(windowIssues(MAX_TIMELINE_WINDOW_MS));
export type PlaybackTimelineRequest = z.infer<typeof PlaybackTimelineRequest>;

export const CoverageRange = z.object({ startMs: ms, endMs: ms });
export type CoverageRange = z.infer<typeof CoverageRange>;

export const CameraTimeline = z.object({
  cameraId: Id,
  /** Recorded time, segments closer than 2 s merged, clipped to the window. */
  ranges: z.array(CoverageRange),
  /** Gaps overlapping the window, with their reason. */
  gaps: z.array(Gap),
  /** Recorded bytes per bucket (bucket i = [fromMs + i·bucketMs, +bucketMs)); no decoding. */
  activity: z.array(z.number().int().min(0)),
  /** Picture and clock alarms overlapping the window (marked on the timeline by kind). */
  alarms: z
    .array(z.object({ kind: CameraAlarmKind, startMs: ms, endMs: ms.nullable() }))
    .default([]),
});
export type CameraTimeline = z.infer<typeof CameraTimeline>;

export const IncidentMarker = z.object({
  id: Id,
  code: z.string(),
  category: IncidentCategory,
  severity: IncidentSeverity,
  status: IncidentStatus,
  occurredAt: ms,
  startMs: ms,
  endMs: ms,
  cameraIds: z.array(Id),
});
export type IncidentMarker = z.infer<typeof IncidentMarker>;

export const PlaybackTimeline = z.object({
  fromMs: ms,
  toMs: ms,
  bucketMs: z.number().positive(),
  /**
   * 0: ranges and activity are exact. 3 600 000 (windows over 36 h): drawn from hourly
   * sums, so a hole inside an hour is not shown and each hour's bytes are spread over
   * its footage; range edges are still the segments' own.
   */
  resolutionMs: ms,
  cameras: z.array(CameraTimeline),
  /** Incidents on any of the cameras whose range overlaps the window. */
  incidents: z.array(IncidentMarker),
});
export type PlaybackTimeline = z.infer<typeof PlaybackTimeline>;

export const PlaybackSegmentsRequest = z
  .object({ cameraId: Id, fromMs: ms, toMs: ms })
  .strict()
  .superRefine(windowIssues(MAX_SEGMENT_WINDOW_MS));
export type PlaybackSegmentsRequest = z.infer<typeof PlaybackSegmentsRequest>;

export const PlaybackSegment = z.object({
  /** Fetch as `${mediaBaseUrl}/recordings/<id>?token=…&session=…` (HTTP range supported). */
  id: z.number().int().min(1),
  startMs: ms,
  endMs: ms,
  bytes: z.number().int().min(0),
  codec: z.string().nullable(),
  /**
   * The segment being written (open): its end and bytes grow as fragments are flushed
   * (≤ 1 s apart); /recordings/<id> serves it up to its last complete fragment.
   */
  growing: z.boolean().optional(),
  /** For a closed segment: the id it was listed under while it was growing (same bytes so far). */
  openId: z.number().int().min(1).optional(),
});
export type PlaybackSegment = z.infer<typeof PlaybackSegment>;

/** Asking for segments is viewing footage: it is audited (who, camera, period). */
export const PlaybackSegments = z.object({
  cameraId: Id,
  fromMs: ms,
  toMs: ms,
  segments: z.array(PlaybackSegment),
  gaps: z.array(Gap),
});
export type PlaybackSegments = z.infer<typeof PlaybackSegments>;
