// Whether a camera is being recorded and, when not, the one reason the console shows,
// in order of precedence: the camera's settings, the disk, the service, then the
// recorder's own state.
import type { StreamKind } from '../../contract/schemas';
import type { StateChange } from '../streams/types';
import type { CameraRecordingSettings } from './recording-index';
import type { RecordingStatusInfo } from './recording-types';

const OFFLINE_STATES: ReadonlySet<StateChange['state']> = new Set([
  'reconnecting',
  'offline',
  'auth_failed',
]);

/** A recorder state in which the camera cannot be reached (a gap opens). */
export function isOffline(state: StateChange['state']): boolean {
  return OFFLINE_STATES.has(state);
}

export interface CameraRecordingState {
  settings: CameraRecordingSettings;
  /** The running recorder's state; null when no recorder runs. */
  recorder: Pick<StateChange, 'state' | 'errorKind'> | null;
  lastState: StateChange | null;
  coveredUntil: number | null;
}

export interface RecordingConditions {
  /** The footage folder cannot be written (unwritable or write_failed alarm). */
  diskError: boolean;
  /** The service has started and is not disposed. */
  running: boolean;
  now: number;
}

export function recordingStatus(
  cameraId: string,
  camera: CameraRecordingState | undefined,
  at: RecordingConditions,
): RecordingStatusInfo {
  const base = {
    cameraId,
    stream: camera?.settings.stream ?? ('main' as StreamKind),
    errorKind: null,
    since: camera?.lastState?.since ?? at.now,
    lastSegmentEndMs: camera?.coveredUntil ?? null,
  };
  if (!camera) return { ...base, recording: false, reason: 'unknown_camera' };
  if (!camera.settings.enabled) return { ...base, recording: false, reason: 'disabled' };
  if (at.diskError) return { ...base, recording: false, reason: 'disk_error' };
  const s = camera.recorder;
  if (!at.running || !s) return { ...base, recording: false, reason: 'service_stopped' };
  if (s.state === 'live') return { ...base, recording: true, reason: null };
  if (s.state === 'auth_failed')
    return { ...base, recording: false, reason: 'auth_failed', errorKind: s.errorKind };
  if (isOffline(s.state))
    return { ...base, recording: false, reason: 'camera_offline', errorKind: s.errorKind };
  return { ...base, recording: false, reason: 'connecting' };
}
