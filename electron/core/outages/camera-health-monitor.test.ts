// CameraHealthMonitor's rules with a canned probe (the real rig run is camera-health.test.ts).
import { describe, expect, it } from 'vitest';
import type { CameraHealth } from '../../contract/outages';
import type { RecordingStatusInfo } from '../../contract/recording-schemas';
import { CameraHealthMonitor, healthAsStreamStatus } from './camera-health';

function rec(
  cameraId: string,
  reason: RecordingStatusInfo['reason'],
  since: number,
  errorKind: RecordingStatusInfo['errorKind'] = null,
): RecordingStatusInfo {
  return {
    cameraId,
    stream: 'sub',
    recording: reason === null,
    reason,
    errorKind,
    since,
    lastSegmentEndMs: null,
  };
}

function monitor(ids: string[], answers: Record<string, boolean>) {
  const changes: CameraHealth[] = [];
  const m = new CameraHealthMonitor({
    cameraIds: async () => ids,
    probe: async (id) => answers[id] ?? false,
    onChange: (h) => changes.push(h),
    now: () => 42,
  });
  return { m, changes };
}

describe('CameraHealthMonitor', () => {
  it('follows the recorder: up, down with its reason and start, connecting keeps the last word', () => {
    const { m, changes } = monitor(['a'], {});
    m.onRecordingStatus(rec('a', null, 100));
    m.onRecordingStatus(rec('a', 'camera_offline', 200, 'unknown'));
    // The reason sharpens; the camera went down at 200 all the same.
    m.onRecordingStatus(rec('a', 'camera_offline', 250, 'unreachable'));
    m.onRecordingStatus(rec('a', 'connecting', 300));
    // Restarted for a changed password: the recorder still watches, nothing changes.
    m.onRecordingStatus(rec('a', 'service_stopped', 310));
    expect(m.list()).toEqual([
      {
        cameraId: 'a',
        reachable: 'down',
        since: 200,
        errorKind: 'unreachable',
        watchedBy: 'recorder',
      },
    ]);
    m.onRecordingStatus(rec('a', null, 400));
    expect(changes.map((h) => [h.reachable, h.since, h.errorKind])).toEqual([
      ['up', 100, null],
      ['down', 200, 'unknown'],
      ['down', 200, 'unreachable'],
      ['up', 400, null],
    ]);
    expect(healthAsStreamStatus(changes[1]!, 'sub')).toMatchObject({
      state: 'offline',
      since: 200,
    });
    m.onRecordingStatus(rec('a', 'auth_failed', 500, 'auth'));
    expect(healthAsStreamStatus(m.list()[0]!, 'sub')).toMatchObject({ state: 'auth_failed' });
  });

  it('probes the cameras no recorder watches, and hands over when recording stops', async () => {
    const answers: Record<string, boolean> = { a: true, b: false };
    const { m, changes } = monitor(['a', 'b'], answers);
    m.onRecordingStatus(rec('a', null, 100));
    await m.probeNow();
    // a is the recorder's; b, never recorded, is probed.
    expect(m.list().map((h) => [h.cameraId, h.reachable, h.watchedBy])).toEqual([
      ['a', 'up', 'recorder'],
      ['b', 'down', 'probe'],
    ]);
    answers.a = false;
    m.onRecordingStatus(rec('a', 'disabled', 200));
    await m.probeNow();
    expect(m.list().find((h) => h.cameraId === 'a')).toMatchObject({
      reachable: 'down',
      watchedBy: 'probe',
      errorKind: 'unreachable',
      since: 42,
    });
    expect(healthAsStreamStatus({ ...changes[0]!, reachable: 'unknown' }, 'main')).toBeNull();
    await m.dispose();
  });

  it("takes the probe's reason: a stream that refuses the account is down for auth", async () => {
    const m = new CameraHealthMonitor({
      cameraIds: async () => ['a'],
      probe: async () => 'auth',
      onChange: () => undefined,
      now: () => 42,
    });
    await m.probeNow();
    expect(m.list()[0]).toMatchObject({ reachable: 'down', errorKind: 'auth' });
  });

  it('forgets removed cameras', async () => {
    const ids = ['a', 'b'];
    const { m } = monitor(ids, { a: true, b: true });
    await m.probeNow();
    ids.pop();
    await m.probeNow();
    m.onRecordingStatus(rec('a', 'unknown_camera', 1));
    expect(m.list()).toEqual([]);
  });

  it('does not bring back a camera removed while its probe ran', async () => {
    const ids = ['a', 'b'];
    const changes: CameraHealth[] = [];
    const m = new CameraHealthMonitor({
      cameraIds: async () => [...ids],
      probe: async (id) => {
        if (id === 'b') ids.pop(); // b is deleted while the round is under way
        return true;
      },
      onChange: (h) => changes.push(h),
      now: () => 42,
    });
    await m.probeNow();
    expect(m.list().map((h) => h.cameraId)).toEqual(['a']);
    expect(changes.map((h) => h.cameraId)).toEqual(['a']);
  });

  it('runs one more round for many statuses that come during a round, not one each', async () => {
    let probes = 0;
    let release = (): void => undefined;
    const first = new Promise<void>((r) => (release = r));
    const m = new CameraHealthMonitor({
      cameraIds: async () => ['a', 'b', 'c', 'd'],
      probe: async () => {
        probes++;
        if (probes <= 4) await first;
        return true;
      },
      onChange: () => undefined,
      now: () => 42,
    });
    const running = m.probeNow();
    for (let i = 0; i < 100 && probes < 4; i++) await Promise.resolve();
    expect(probes).toBe(4);
    // Recording switched off for every camera while the first round waits on its probes.
    for (const id of ['a', 'b', 'c', 'd']) m.onRecordingStatus(rec(id, 'disabled', 50));
    const again = m.probeNow();
    release();
    await running;
    await again;
    expect(probes).toBe(8);
    await m.dispose();
  });
});
