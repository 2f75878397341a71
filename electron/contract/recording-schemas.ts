// Contract schemas of the recording domain: what the renderer may ask of
// and hear from the recording service. They mirror core/recording/recording-types.ts;
// the typed handlers and event forwarding in core/app fail to compile if the two drift.
import { z } from 'zod';
import { singleLine } from './safe-text';
import { Id, StreamErrorKind, StreamKind } from './schemas';

const ms = z.number().int();
const bytes = z.number().int().min(0);

export const NotRecordingReason = z.enum([
  'disabled',
  'camera_offline',
  'connecting',
  'disk_error',
  'auth_failed',
  'service_stopped',
  'unknown_camera',
]);
export type NotRecordingReason = z.infer<typeof NotRecordingReason>;

export const RecordingStatusInfo = z.object({
  cameraId: Id,
  stream: StreamKind,
  recording: z.boolean(),
  /** null = recording. */
  reason: NotRecordingReason.nullable(),
  errorKind: StreamErrorKind.nullable(),
  since: ms,
  lastSegmentEndMs: ms.nullable(),
});
export type RecordingStatusInfo = z.infer<typeof RecordingStatusInfo>;

export const DiskAlarmKind = z.enum([
  'unwritable',
  'disk_full',
  'locked_over_quota',
  'write_failed',
]);
export type DiskAlarmKind = z.infer<typeof DiskAlarmKind>;

export const DiskAlarm = z.object({
  kind: DiskAlarmKind,
  since: ms,
  /** errno code (EACCES, ENOSPC, EIO…) when there is one. */
  code: z.string().max(32).nullable(),
});
export type DiskAlarm = z.infer<typeof DiskAlarm>;

export const RecordingAlarmEvent = z.object({ alarm: DiskAlarm.nullable() });

export const RecordingEventKind = z.enum([
  'recording_started',
  'recording_stopped',
  'gap_opened',
  'gap_closed',
  'segment_recovered',
  'segment_quarantined',
  'segment_missing',
  'segment_indexed_late',
  'retention_pruned',
  'disk_alarm',
  'disk_ok',
  'locked_over_quota',
  'clock_step',
  'storage_root_changed',
]);
export type RecordingEventKind = z.infer<typeof RecordingEventKind>;

export const RecordingEvent = z.object({
  id: z.number().int(),
  atMs: ms,
  kind: RecordingEventKind,
  cameraId: Id.nullable(),
  stream: StreamKind.nullable(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type RecordingEvent = z.infer<typeof RecordingEvent>;

export const RecordingFileStatus = z.enum(['complete', 'recovered', 'missing', 'quarantined']);

export const Recording = z.object({
  id: z.number().int(),
  cameraId: Id,
  stream: StreamKind,
  startMs: ms,
  endMs: ms,
  bytes,
  path: z.string(),
  status: RecordingFileStatus,
  codec: z.string().nullable(),
});
export type Recording = z.infer<typeof Recording>;

export const GapReason = z.enum([
  'camera_offline',
  'recording_disabled',
  'app_not_running',
  'disk_error',
  'clock_change',
]);
export type GapReason = z.infer<typeof GapReason>;

export const Gap = z.object({
  id: z.number().int(),
  cameraId: Id,
  stream: StreamKind,
  startMs: ms,
  /** null while the camera is still not recorded. */
  endMs: ms.nullable(),
  reason: GapReason,
  errorKind: StreamErrorKind.nullable(),
});
export type Gap = z.infer<typeof Gap>;

export const Timeline = z.object({
  cameraId: Id,
  fromMs: ms,
  toMs: ms,
  recordings: z.array(Recording),
  gaps: z.array(Gap),
});
export type Timeline = z.infer<typeof Timeline>;

const MAX_TIMELINE_SPAN_MS = 31 * 86_400_000;

export const TimelineRequest = z
  .object({ cameraId: Id, from: ms, to: ms })
  .strict()
  .refine((r) => r.to > r.from, { message: 'to_not_after_from', path: ['to'] })
  .refine((r) => r.to - r.from <= MAX_TIMELINE_SPAN_MS, {
    message: 'span_too_long',
    path: ['to'],
  });

export const MaxAgeDays = z.number().int().min(1).max(3650);

export const CameraRecordingSettings = z.object({
  cameraId: Id,
  enabled: z.boolean(),
  stream: StreamKind,
  /** null = only the quota limits how long this camera's footage is kept. */
  maxAgeDays: MaxAgeDays.nullable(),
});
export type CameraRecordingSettings = z.infer<typeof CameraRecordingSettings>;

export const SetCameraRecording = z
  .object({
    cameraId: Id,
    enabled: z.boolean().optional(),
    stream: StreamKind.optional(),
    maxAgeDays: MaxAgeDays.nullable().optional(),
  })
  .strict();
export type SetCameraRecording = z.input<typeof SetCameraRecording>;

export const CameraStorage = z.object({
  cameraId: Id,
  bytes,
  recordings: z.number().int().min(0),
  oldestMs: ms.nullable(),
  newestMs: ms.nullable(),
  bytesPerDay: bytes,
  daysAtCurrentRate: z.number().min(0).nullable(),
});
export type CameraStorage = z.infer<typeof CameraStorage>;

/** A folder footage was written to (docs/design/recording.md, "Storage roots"). */
export const StorageRoot = z.object({
  id: z.number().int(),
  path: z.string(),
  /** New segments are written here. */
  active: z.boolean(),
  addedAt: ms,
  /** Live footage indexed in this root. */
  bytes,
  recordings: z.number().int().min(0),
});
export type StorageRoot = z.infer<typeof StorageRoot>;

/**
 * A folder the storage panel offers for the footage: one used before, or a new
 * folder on another mounted disk (`volume` is that disk's mount path).
 */
export const StorageFolderChoice = z.object({
  path: z.string(),
  kind: z.enum(['previous', 'volume']),
  volume: z.string(),
  sizeBytes: bytes,
  freeBytes: bytes,
});
export type StorageFolderChoice = z.infer<typeof StorageFolderChoice>;

export const StorageSummary = z.object({
  storageDir: z.string(),
  /** The active root and older roots still holding footage (always sent by main). */
  roots: z.array(StorageRoot).optional(),
  totalBytes: bytes,
  freeBytes: bytes,
  usedByRecordings: bytes,
  lockedBytes: bytes,
  quotaBytes: bytes,
  cameras: z.array(CameraStorage),
  daysAtCurrentRate: z.number().min(0).nullable(),
  alarm: DiskAlarm.nullable(),
});
export type StorageSummary = z.infer<typeof StorageSummary>;

/** The footage quota as the officer sets it: a size in GB or a share of the volume. */
export const StorageQuota = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('gb'), value: z.number().min(1).max(1_000_000) }).strict(),
  z.object({ kind: z.literal('percent'), value: z.number().min(1).max(100) }).strict(),
]);
export type StorageQuota = z.infer<typeof StorageQuota>;

export const StorageSettings = z.object({
  /** Footage root in use. */
  storageDir: z.string(),
  quota: StorageQuota,
  /** Free space always left on the volume. */
  reserveBytes: bytes,
  /** Segment length in seconds (docs/design/recording.md). */
  segmentSeconds: z.number().int().min(1),
});
export type StorageSettings = z.infer<typeof StorageSettings>;

/** A new storage folder: absolute; created when missing; must be writable. */
export const SetStorageFolder = z
  .object({ path: singleLine(z.string().trim().min(1).max(4096)) })
  .strict();
export type SetStorageFolder = z.infer<typeof SetStorageFolder>;

export const StorageEventsRequest = z
  .object({ limit: z.number().int().min(1).max(1000).default(200), cameraId: Id.optional() })
  .strict();
