import { describe, expect, it } from 'vitest';
import type { CameraHealth } from '../../electron/contract/outages';
import type { Camera, StreamStatus } from '../../electron/contract/schemas';
import { selectCameraCounts, selectCameraStatus, tileShownState } from './camera-status';
import type { StatusesSlice } from './statuses-slice';

const health = (
  cameraId: string,
  reachable: CameraHealth['reachable'],
  errorKind: CameraHealth['errorKind'] = null,
): CameraHealth => ({
  cameraId,
  reachable,
  since: 1000,
  errorKind,
  watchedBy: 'recorder',
});
const stream = (cameraId: string, state: StreamStatus['state'], since = 2000): StreamStatus => ({
  cameraId,
  stream: 'main',
  state,
  since,
  errorKind: null,
  retryAt: null,
});
const cams = (...ids: string[]) => ids.map((id) => ({ id }) as Camera);

function sources(h: CameraHealth[], s: StreamStatus[] = []) {
  const statuses: StatusesSlice['statuses'] = {};
  for (const x of s) statuses[`${x.cameraId}:${x.stream}`] = x;
  return { health: Object.fromEntries(h.map((x) => [x.cameraId, x])), statuses };
}

describe('one status per camera', () => {
  it('an H.265 camera on the MPEG-1 fallback (its fMP4 stream went idle) is live and online', () => {
    const s = sources([health('hevc', 'up')], [stream('hevc', 'idle')]);
    expect(selectCameraStatus(s, 'hevc')).toEqual({ state: 'live', since: 1000 });
    expect(selectCameraCounts({ ...s, cameras: cams('hevc') })).toMatchObject({
      online: 1,
      total: 1,
    });
  });

  it('a camera nobody watches live is counted from the service: down, auth, up', () => {
    const s = sources([
      health('a', 'down', 'unreachable'),
      health('b', 'down', 'auth'),
      health('c', 'up'),
    ]);
    expect(selectCameraStatus(s, 'a')).toEqual({ state: 'offline', since: 1000 });
    expect(selectCameraStatus(s, 'b').state).toBe('auth_failed');
    expect(selectCameraCounts({ ...s, cameras: cams('a', 'b', 'c', 'd') })).toEqual({
      online: 1,
      offline: 1,
      auth: 1,
      total: 4,
    });
    // Not known yet: connecting, never the grey "idle".
    expect(selectCameraStatus(s, 'd').state).toBe('connecting');
  });

  it('the service decides over a stale live stream status; the stream only fills in until it speaks', () => {
    expect(
      selectCameraStatus(sources([health('a', 'down')], [stream('a', 'live')]), 'a').state,
    ).toBe('offline');
    expect(selectCameraStatus(sources([], [stream('a', 'live')]), 'a').state).toBe('live');
    expect(
      selectCameraStatus(sources([health('a', 'unknown')], [stream('a', 'offline')]), 'a').state,
    ).toBe('offline');
  });

  it("a failing live stream outranks a probe's up (port open, stream not); a recorder's up stands", () => {
    const probed = { ...health('a', 'up'), watchedBy: 'probe' as const };
    // A DVR channel whose camera is unplugged: the DVR's port answers, the channel does not.
    expect(selectCameraStatus(sources([probed], [stream('a', 'offline', 3000)]), 'a')).toEqual({
      state: 'offline',
      since: 3000,
    });
    expect(selectCameraStatus(sources([probed], [stream('a', 'auth_failed')]), 'a').state).toBe(
      'auth_failed',
    );
    expect(
      selectCameraCounts({ ...sources([probed], [stream('a', 'offline')]), cameras: cams('a') }),
    ).toMatchObject({ online: 0, offline: 1 });
    expect(selectCameraStatus(sources([probed], [stream('a', 'live')]), 'a').state).toBe('live');
    expect(
      selectCameraStatus(sources([health('a', 'up')], [stream('a', 'offline')]), 'a').state,
    ).toBe('live');
  });

  it('a tile shows the camera down like the list does, else its own stream', () => {
    const own = { state: 'live' as const, since: 5 };
    expect(tileShownState({ state: 'offline', since: 1000 }, own)).toEqual({
      state: 'offline',
      since: 1000,
    });
    expect(
      tileShownState({ state: 'live', since: 1000 }, { state: 'reconnecting', since: 7 }),
    ).toEqual({
      state: 'reconnecting',
      since: 7,
    });
  });
});
