// The open picture and clock alarms as main reports them (alarm.open, alarm.changed),
// for the alarm cards, the tile badges and their "Đã biết".
import type { StateCreator } from 'zustand';
import type { StationApi } from '../../electron/contract/api';
import type { CameraAlarmEntry } from '../../electron/contract/camera-alarms';
import type { StationState } from '../store/types';

export interface PictureAlarmsSlice {
  /** Open alarms by id; a closed one leaves. */
  openAlarms: Record<number, CameraAlarmEntry>;
  applyAlarm(alarm: CameraAlarmEntry): void;
  /** Asks main for every open alarm (first load, reconnect). */
  loadOpenAlarms(): Promise<void>;
  acknowledgeAlarm(id: number): Promise<void>;
}

export const createPictureAlarmsSlice =
  (api: StationApi): StateCreator<StationState, [], [], PictureAlarmsSlice> =>
  (set, get) => ({
    openAlarms: {},
    applyAlarm: (alarm) => {
      const rest = { ...get().openAlarms };
      delete rest[alarm.id];
      set({ openAlarms: alarm.endedAt === null ? { ...rest, [alarm.id]: alarm } : rest });
    },
    loadOpenAlarms: async () => {
      const list = await api.alarms.open();
      set({ openAlarms: Object.fromEntries(list.map((a) => [a.id, a])) });
    },
    acknowledgeAlarm: async (id) => {
      get().applyAlarm(await api.alarms.acknowledge({ id }));
    },
  });
