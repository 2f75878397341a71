// Each camera's reachability as the station service watches it (recorder or probe),
// whatever is on screen: the one source the list, the tiles and the top bar read.
import type { StateCreator } from 'zustand';
import type { CameraHealth } from '../../electron/contract/outages';
import type { StationState } from '../store/types';

export interface HealthSlice {
  health: Record<string, CameraHealth>;
  applyHealth(health: CameraHealth): void;
  setHealth(list: CameraHealth[]): void;
}

export const createHealthSlice: StateCreator<StationState, [], [], HealthSlice> = (set, get) => ({
  health: {},
  setHealth: (list) => set({ health: Object.fromEntries(list.map((h) => [h.cameraId, h])) }),
  applyHealth: (h) => set({ health: { ...get().health, [h.cameraId]: h } }),
});
