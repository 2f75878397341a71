// Each camera's reachability as the station service watches it (recorder or probe),
// whatever is on screen: the one source the list, the tiles, the top bar and the
// offline/online toasts read.
import type { StateCreator } from 'zustand';
import { healthState, type CameraHealth } from '../../electron/contract/outages';
import type { StationState } from '../store/types';

export interface HealthSlice {
  health: Record<string, CameraHealth>;
  applyHealth(health: CameraHealth): void;
  setHealth(list: CameraHealth[]): void;
}

export const createHealthSlice: StateCreator<StationState, [], [], HealthSlice> = (set, get) => ({
  health: {},
  setHealth: (list) => set({ health: Object.fromEntries(list.map((h) => [h.cameraId, h])) }),
  applyHealth: (h) => {
    const before = healthState(get().health[h.cameraId]);
    set({ health: { ...get().health, [h.cameraId]: h } });
    const now = healthState(h);
    if (now === before) return;
    // A camera not (or no longer) in the list: no toast that could only name it by its id.
    const name = get().cameras.find((c) => c.id === h.cameraId)?.name;
    if (name === undefined) return;
    // One alert per outage, heard whether or not the camera is on screen.
    if (now === 'offline') {
      get().pushToast({ kind: 'alert', key: 'toast.offline', params: { name }, at: h.since });
    } else if (now === 'auth_failed') {
      get().pushToast({ kind: 'warning', key: 'toast.authFailed', params: { name }, at: null });
    } else if (now === 'live' && before === 'offline') {
      get().pushToast({ kind: 'info', key: 'toast.online', params: { name }, at: h.since });
    }
  },
});
