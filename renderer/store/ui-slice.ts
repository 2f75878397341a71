import type { StateCreator } from 'zustand';
import { nextTourPage, tourPageCount } from '../live/tour-paging';
import { tileCount } from '../live/layout-geometry';
import type { StationState, UiSlice } from './types';

const MAX_TOASTS = 5;

export const createUiSlice: StateCreator<StationState, [], [], UiSlice> = (set, get) => {
  let nextToastId = 1;
  return {
    ready: false,
    loadError: null,
    connected: true,
    disconnectedSince: null,
    outageAlarmSilenced: false,
    resyncSeq: 0,
    setConnected: (connected) => {
      if (connected === get().connected) return;
      set(
        connected
          ? { connected, disconnectedSince: null }
          : { connected, disconnectedSince: Date.now(), outageAlarmSilenced: false },
      );
    },
    silenceOutageAlarm: () => set({ outageAlarmSilenced: true }),
    noteResynced: () => set({ resyncSeq: get().resyncSeq + 1 }),
    dialog: null,
    toasts: [],
    singleCameraId: null,
    tour: { running: false, paused: false, page: 0 },
    openDialog: (dialog) => set({ dialog }),
    pushToast: (toast) => {
      const toasts = [...get().toasts, { ...toast, id: nextToastId++ }];
      set({ toasts: toasts.slice(-MAX_TOASTS) });
    },
    dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
    openSingle: (cameraId) => set({ singleCameraId: cameraId }),
    closeSingle: () => set({ singleCameraId: null }),
    startTour: () => set({ tour: { running: true, paused: false, page: 0 } }),
    stopTour: () => set({ tour: { running: false, paused: false, page: 0 } }),
    setTourPaused: (paused) => set({ tour: { ...get().tour, paused } }),
    advanceTour: () => {
      const { tour, cameras, kind } = get();
      if (!tour.running || tour.paused) return;
      set({ tour: { ...tour, page: nextTourPage(tour.page, cameras.length, tileCount(kind)) } });
    },
  };
};

export function tourPages(state: Pick<StationState, 'cameras' | 'kind'>): number {
  return tourPageCount(state.cameras.length, tileCount(state.kind));
}
