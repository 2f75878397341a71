// The one answer to "is this camera live?" for every place that shows it: the
// camera list, the tiles and the top bar's "Trực tuyến n/m". The service's
// reachability (recorder or probe, watched all the time) decides, except that a
// live stream that fails outranks a probe's "up"; a live stream status is otherwise
// only a fallback while the service has not said yet.
import { healthState } from '../../electron/contract/outages';
import type { StreamState } from '../../electron/contract/schemas';
import type { StationState } from '../store/types';
import { cameraState, type ShownState } from './camera-state';

export type CameraStatusState = Extract<
  StreamState,
  'live' | 'connecting' | 'offline' | 'auth_failed'
>;

export interface CameraStatusView {
  state: CameraStatusState;
  since: number;
}

type StatusSources = Pick<StationState, 'health' | 'statuses'>;

export function selectCameraStatus(s: StatusSources, cameraId: string): CameraStatusView {
  const h = s.health[cameraId];
  const fromHealth = healthState(h);
  const stream = cameraState(s.statuses, cameraId);
  const fromStream =
    stream?.state === 'offline' || stream?.state === 'auth_failed' || stream?.state === 'live'
      ? { state: stream.state, since: stream.since }
      : null;
  // A probe's "up" only says the RTSP port answers; a live stream that cannot play
  // (a DVR channel with its camera unplugged, a wrong password or path) knows better.
  // A recorder's "up" is a stream that plays, and stands.
  const probeOnly = fromHealth === 'live' && h?.watchedBy === 'probe';
  if (probeOnly && fromStream && fromStream.state !== 'live') return fromStream;
  if (h && fromHealth) return { state: fromHealth, since: h.since };
  return fromStream ?? { state: 'connecting', since: stream?.since ?? 0 };
}

export interface CameraCounts {
  online: number;
  offline: number;
  auth: number;
  total: number;
}

export function selectCameraCounts(s: StatusSources & Pick<StationState, 'cameras'>): CameraCounts {
  const counts: CameraCounts = { online: 0, offline: 0, auth: 0, total: s.cameras.length };
  for (const c of s.cameras) {
    const { state } = selectCameraStatus(s, c.id);
    if (state === 'live') counts.online++;
    else if (state === 'offline') counts.offline++;
    else if (state === 'auth_failed') counts.auth++;
  }
  return counts;
}

/**
 * What a tile shows: a camera the service knows is down shows why, whatever its own
 * socket last said (a stalled picture is not live); otherwise the tile's own stream state.
 */
export function tileShownState(camera: CameraStatusView, own: ShownState): ShownState {
  if (camera.state === 'offline' || camera.state === 'auth_failed') return camera;
  return own;
}
