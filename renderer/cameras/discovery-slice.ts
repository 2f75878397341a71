// "Tìm camera trong mạng": the devices found so far, and the two calls that add one
// (inspect with an account, then add from the chosen profiles).
import type { StateCreator } from 'zustand';
import type { StationApi } from '../../electron/contract/api';
import type {
  DiscoveredDevice,
  OnvifAddRequest,
  OnvifInspection,
} from '../../electron/contract/onvif';
import type { Camera } from '../../electron/contract/schemas';
import type { StationState } from '../store/types';
import { mergeDevices } from './discovery-rows';

export interface DiscoverySlice {
  discoveryDevices: DiscoveredDevice[];
  discoveryRunning: boolean;
  /** The LAN sweep, or a probe at one address; what answers joins the list. */
  discover(target?: { host: string; port?: number }): Promise<DiscoveredDevice[]>;
  clearDiscovery(): void;
  inspectOnvif(input: {
    xaddr: string;
    username: string;
    password: string;
  }): Promise<OnvifInspection>;
  /** Adds the camera; its device row turns "Đã thêm" at once. */
  addOnvifCamera(input: OnvifAddRequest): Promise<Camera>;
}

export const createDiscoverySlice =
  (api: StationApi): StateCreator<StationState, [], [], DiscoverySlice> =>
  (set, get) => ({
    discoveryDevices: [],
    discoveryRunning: false,
    discover: async (target) => {
      set({ discoveryRunning: true });
      try {
        const found = await api.onvif.discover(target ? { target } : {});
        set({ discoveryDevices: mergeDevices(get().discoveryDevices, found) });
        return found;
      } finally {
        set({ discoveryRunning: false });
      }
    },
    clearDiscovery: () => set({ discoveryDevices: [], discoveryRunning: false }),
    inspectOnvif: (input) => api.onvif.inspect(input),
    addOnvifCamera: async (input) => {
      const camera = await api.onvif.add(input);
      const { cameras } = get();
      if (!cameras.some((c) => c.id === camera.id)) get().setCameras([...cameras, camera]);
      set({
        discoveryDevices: get().discoveryDevices.map((d) =>
          d.endpoint === input.endpoint || d.xaddrs.includes(input.xaddr)
            ? { ...d, cameraId: camera.id }
            : d,
        ),
      });
      return camera;
    },
  });
