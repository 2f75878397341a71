// The open camera outages as main reports them (outage.open, outage.changed),
// for the offline alarm and its "Đã biết".
import type { StateCreator } from 'zustand';
import type { StationApi } from '../../electron/contract/api';
import type { OutageAlarm } from '../../electron/contract/outages';
import type { StationState } from '../store/types';

export interface OutageAlarmsSlice {
  /** Open outages by id; a closed one leaves. */
  openOutages: Record<number, OutageAlarm>;
  applyOutage(outage: OutageAlarm): void;
  /** Asks main for every open outage (first load, reconnect). */
  loadOpenOutages(): Promise<void>;
  /** Acknowledges each of the camera's outages (ids from ringingCameras). */
  acknowledgeOutages(ids: readonly number[]): Promise<void>;
}

export const createOutageAlarmsSlice =
  (api: StationApi): StateCreator<StationState, [], [], OutageAlarmsSlice> =>
  (set, get) => ({
    openOutages: {},
    applyOutage: (outage) => {
      const rest = { ...get().openOutages };
      delete rest[outage.id];
      set({ openOutages: outage.endedAt === null ? { ...rest, [outage.id]: outage } : rest });
    },
    loadOpenOutages: async () => {
      const list = await api.outages.open();
      set({ openOutages: Object.fromEntries(list.map((o) => [o.id, o])) });
    },
    acknowledgeOutages: async (ids) => {
      const answers = await Promise.all(ids.map((id) => api.outages.acknowledge({ id })));
      for (const outage of answers) get().applyOutage(outage);
    },
  });
