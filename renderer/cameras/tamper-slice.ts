// The tamper detector's state per camera (tamper.states, tamper.state events): running,
// GOP, references; the settings panel reads it.
import type { StateCreator } from 'zustand';
import type { StationApi } from '../../electron/contract/api';
import type { TamperState } from '../../electron/contract/tamper';
import type { StationState } from '../store/types';

export interface TamperSlice {
  tamperStates: Record<string, TamperState>;
  applyTamperState(state: TamperState): void;
  loadTamperStates(): Promise<void>;
}

export const createTamperSlice =
  (api: StationApi): StateCreator<StationState, [], [], TamperSlice> =>
  (set, get) => ({
    tamperStates: {},
    applyTamperState: (state) =>
      set({ tamperStates: { ...get().tamperStates, [state.cameraId]: state } }),
    loadTamperStates: async () => {
      const list = await api.tamper.states();
      set({ tamperStates: Object.fromEntries(list.map((s) => [s.cameraId, s])) });
    },
  });
