import { describe, expect, it } from 'vitest';
import type { StateChange } from '../streams/types';
import { recordingStatus, type CameraRecordingState } from './recording-status';

const settings = { cameraId: 'cam1', enabled: true, stream: 'sub' as const, maxAgeDays: null };
const running = { diskError: false, running: true, now: 5000 };
const state = (s: StateChange['state'], errorKind: StateChange['errorKind'] = null) => ({
  state: s,
  errorKind,
});
const camera = (patch: Partial<CameraRecordingState> = {}): CameraRecordingState => ({
  settings,
  recorder: state('live'),
  lastState: { state: 'live', errorKind: null, since: 1200, retryAt: null },
  coveredUntil: 4000,
  ...patch,
});

describe('recordingStatus', () => {
  it('a live recorder records; the status carries its stream, since and last footage end', () => {
    expect(recordingStatus('cam1', camera(), running)).toEqual({
      cameraId: 'cam1',
      stream: 'sub',
      recording: true,
      reason: null,
      errorKind: null,
      since: 1200,
      lastSegmentEndMs: 4000,
    });
  });

  it('says why not, settings before disk before service before the recorder', () => {
    const reason = (cam: CameraRecordingState | undefined, at = running) =>
      recordingStatus('cam1', cam, at).reason;
    expect(reason(undefined)).toBe('unknown_camera');
    const disabled = camera({ settings: { ...settings, enabled: false } });
    expect(reason(disabled, { ...running, diskError: true, running: false })).toBe('disabled');
    expect(reason(camera(), { ...running, diskError: true, running: false })).toBe('disk_error');
    expect(reason(camera(), { ...running, running: false })).toBe('service_stopped');
    expect(reason(camera({ recorder: null }))).toBe('service_stopped');
    expect(reason(camera({ recorder: state('connecting') }))).toBe('connecting');
    for (const s of ['reconnecting', 'offline'] as const)
      expect(reason(camera({ recorder: state(s, 'unreachable') }))).toBe('camera_offline');
    expect(
      recordingStatus('cam1', camera({ recorder: state('auth_failed', 'auth') }), running),
    ).toMatchObject({ recording: false, reason: 'auth_failed', errorKind: 'auth' });
  });

  it('an unknown camera is main, since now, without footage', () => {
    expect(recordingStatus('x', undefined, running)).toMatchObject({
      stream: 'main',
      since: 5000,
      lastSegmentEndMs: null,
    });
  });
});
