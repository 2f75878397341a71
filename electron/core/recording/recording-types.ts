// Types of the recording domain shared by the index, the recorder, retention and
// the service. User-facing text is never here: kinds and reasons are codes the
// renderer maps to locale strings.
import type { StreamErrorKind, StreamKind } from '../../contract/schemas';
import type { KeyframeIndex } from './keyframe-index';

export type RecordingStatus = 'complete' | 'recovered' | 'missing' | 'quarantined';

export type GapReason =
  'camera_offline' | 'recording_disabled' | 'app_not_running' | 'disk_error' | 'clock_change';

export interface Recording {
  id: number;
  cameraId: string;
  stream: StreamKind;
  startMs: number;
  endMs: number;
  bytes: number;
  /** Relative to the storage root, '/'-separated. */
  path: string;
  status: RecordingStatus;
  codec: string | null;
  /** The storage root holding the file (null only for rows not yet adopted at start). */
  rootId: number | null;
}

export interface NewRecording {
  cameraId: string;
  stream: StreamKind;
  startMs: number;
  endMs: number;
  bytes: number;
  path: string;
  status: RecordingStatus;
  codec: string | null;
  rootId: number;
  runId: string;
  seq: number;
  secondBytes: readonly number[];
  /** Where playback may start inside the file; null/absent = no trustworthy keyframes (whole-file playback). */
  keyframes?: KeyframeIndex | null;
}

/** Where a file lives: a registered root's id and absolute path. */
export interface RootRef {
  id: number;
  path: string;
}

/** A folder footage was written to (docs/design/recording.md, "Storage roots"). */
export interface StorageRoot {
  id: number;
  /** Absolute, normalised. */
  path: string;
  /** New segments are written here; exactly one root is active while the service runs. */
  active: boolean;
  addedAt: number;
  /** Live (complete or recovered) footage indexed in this root. */
  bytes: number;
  recordings: number;
}

export interface Gap {
  id: number;
  cameraId: string;
  stream: StreamKind;
  startMs: number;
  /** null while the gap is still open (camera still not recorded). */
  endMs: number | null;
  reason: GapReason;
  errorKind: StreamErrorKind | null;
}

export interface Lock {
  id: number;
  /** null = every camera. */
  cameraId: string | null;
  startMs: number;
  endMs: number;
  reason: string;
  incidentId: string | null;
  createdAt: number;
}

export type LockInput = Omit<Lock, 'id' | 'createdAt'>;

export type RecordingEventKind =
  | 'recording_started'
  | 'recording_stopped'
  | 'gap_opened'
  | 'gap_closed'
  | 'segment_recovered'
  | 'segment_quarantined'
  | 'segment_missing'
  | 'segment_indexed_late'
  | 'retention_pruned'
  | 'disk_alarm'
  | 'disk_ok'
  | 'locked_over_quota'
  | 'clock_step'
  | 'storage_root_changed';

export interface RecordingEvent {
  id: number;
  atMs: number;
  kind: RecordingEventKind;
  cameraId: string | null;
  stream: StreamKind | null;
  detail: Record<string, string | number | boolean | null>;
}

export interface Timeline {
  cameraId: string;
  fromMs: number;
  toMs: number;
  recordings: Recording[];
  gaps: Gap[];
}

/** Why a camera is not being recorded right now; null reason = recording. */
export type NotRecordingReason =
  | 'disabled'
  | 'camera_offline'
  | 'connecting'
  | 'disk_error'
  | 'auth_failed'
  | 'service_stopped'
  | 'unknown_camera';

export interface RecordingStatusInfo {
  cameraId: string;
  stream: StreamKind;
  recording: boolean;
  reason: NotRecordingReason | null;
  /** The stream's error kind when the camera is offline. */
  errorKind: StreamErrorKind | null;
  since: number;
  /** Start of the segment being written, if any. */
  lastSegmentEndMs: number | null;
}

export interface CameraStorage {
  cameraId: string;
  bytes: number;
  recordings: number;
  oldestMs: number | null;
  newestMs: number | null;
  /** Bytes written per day at the rate of the last 24 h recorded. */
  bytesPerDay: number;
  /**
   * Days of history this camera keeps at the current rates: the shared quota holds
   * quota / (all cameras' bytes per day) days, capped by the camera's maximum age.
   */
  daysAtCurrentRate: number | null;
}

export interface StorageSummary {
  storageDir: string;
  /** Every known root: the active one and older ones still holding footage. */
  roots: StorageRoot[];
  totalBytes: number;
  freeBytes: number;
  usedByRecordings: number;
  lockedBytes: number;
  quotaBytes: number;
  cameras: CameraStorage[];
  /** Days of history the quota holds at the current total rate (null: no rate yet). */
  daysAtCurrentRate: number | null;
  alarm: DiskAlarm | null;
}

export type DiskAlarmKind = 'unwritable' | 'disk_full' | 'locked_over_quota' | 'write_failed';

export interface DiskAlarm {
  kind: DiskAlarmKind;
  since: number;
  /** errno code (EACCES, ENOSPC, EIO…) when there is one. */
  code: string | null;
}

/** Events the service pushes out (to the renderer through the composition root). */
export interface RecordingServiceEvents {
  'recording.status': RecordingStatusInfo;
  'recording.segment': Recording;
  'recording.alarm': { alarm: DiskAlarm | null };
  'recording.event': RecordingEvent;
}

export type RecordingEmit = <E extends keyof RecordingServiceEvents>(
  event: E,
  payload: RecordingServiceEvents[E],
) => void;

/** The footage quota and free-space reserve retention keeps to (the storage service's setting). */
export interface QuotaSettings {
  /** Hard cap in bytes for all footage; null = no byte cap. */
  quotaBytes: number | null;
  /** Cap as a percentage (0–100] of the volume's size; null = none. The smaller cap wins. */
  quotaPercent: number | null;
  /**
   * Free space always kept on the volume, so other writers (and SQLite) never hit
   * ENOSPC: footage is pruned before the disk fills.
   */
  reserveBytes: number;
}

export const DEFAULT_QUOTA: QuotaSettings = {
  quotaBytes: null,
  quotaPercent: 90,
  reserveBytes: 2 * 1024 ** 3,
};
