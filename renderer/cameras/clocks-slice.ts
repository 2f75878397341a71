// Each ONVIF camera's last clock reading (camera.clocks, camera.clock events) and the
// commander's "set the camera's clock from the station".
import type { StateCreator } from 'zustand';
import type { StationApi } from '../../electron/contract/api';
import type { CameraClock } from '../../electron/contract/onvif';
import type { StationState } from '../store/types';

export interface ClocksSlice {
  /** The last reading per camera id. */
  clocks: Record<string, CameraClock>;
  applyClock(clock: CameraClock): void;
  loadClocks(): Promise<void>;
  /** Sets the camera's clock from the station's; the answer is the reading after. */
  setCameraClock(cameraId: string, switchFromNtp: boolean): Promise<CameraClock>;
}

export const createClocksSlice =
  (api: StationApi): StateCreator<StationState, [], [], ClocksSlice> =>
  (set, get) => ({
    clocks: {},
    applyClock: (clock) => {
      const known = get().clocks[clock.cameraId];
      // Events and answers may cross: an older reading never replaces a newer one.
      if (known && known.at > clock.at) return;
      set({ clocks: { ...get().clocks, [clock.cameraId]: clock } });
    },
    loadClocks: async () => {
      const list = await api.clocks.list();
      set({ clocks: Object.fromEntries(list.map((c) => [c.cameraId, c])) });
    },
    setCameraClock: async (cameraId, switchFromNtp) => {
      const clock = await api.clocks.set({ cameraId, switchFromNtp });
      get().applyClock(clock);
      return clock;
    },
  });
