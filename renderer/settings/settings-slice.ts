import type { StateCreator } from 'zustand';
import type { StationApi } from '../../electron/contract/api';
import {
  DEFAULT_SETTINGS,
  type Settings,
  type SettingsUpdate,
  type StationSettingsUpdate,
  type SystemInfo,
} from '../../electron/contract/schemas';
import type { StationState } from '../store/types';

export interface SettingsSlice {
  settings: Settings;
  systemInfo: SystemInfo | null;
  setSettings(settings: Settings): void;
  updateSettings(patch: SettingsUpdate): Promise<void>;
  /** Station settings (commander only): name, ffmpeg, idle lock, incident range. */
  updateStationSettings(patch: StationSettingsUpdate): Promise<void>;
}

export const createSettingsSlice =
  (api: StationApi): StateCreator<StationState, [], [], SettingsSlice> =>
  (set, get) => ({
    settings: DEFAULT_SETTINGS,
    systemInfo: null,
    setSettings: (settings) => set({ settings }),
    updateSettings: async (patch) => {
      // Optimistic so toggles feel instant; main's answer (or event) is the truth.
      set({ settings: { ...get().settings, ...patch } });
      const settings = await api.settings.update(patch);
      set({ settings });
    },
    updateStationSettings: async (patch) => {
      set({ settings: await api.settings.updateStation(patch) });
    },
  });
