// The page's state: one zustand store; actions call the API, components select narrowly.
import { create } from 'zustand';
import { STATION_UTC_OFFSET_MS } from '../../electron/contract/station-time';
import {
  centreApi,
  type ExportRequestRow,
  type IncidentRow,
  type OpenItemRow,
  type StationOverview,
} from './api';
import type { Language } from './messages';

const DAY = 86_400_000;

/** Start of the station day (UTC+7) holding `ms`. */
export function stationDayStart(ms: number): number {
  const local = ms + STATION_UTC_OFFSET_MS;
  return local - (local % DAY) - STATION_UTC_OFFSET_MS;
}

export interface CentreState {
  language: Language;
  serviceDown: boolean;
  now: number;
  updatedAt: number | null;
  stations: StationOverview[];
  selected: string | null;
  range: { from: number; to: number; today: boolean };
  incidents: IncidentRow[];
  openItems: OpenItemRow[];
  requests: ExportRequestRow[];
  setLanguage(language: Language): void;
  select(station: string): void;
  setRange(from: number, to: number, today: boolean): void;
  refresh(): Promise<void>;
  refreshStation(): Promise<void>;
}

export const useCentre = create<CentreState>((set, get) => ({
  language: localStorage.getItem('centre.language') === 'en' ? 'en' : 'vi',
  serviceDown: false,
  now: Date.now(),
  updatedAt: null,
  stations: [],
  selected: null,
  range: { from: stationDayStart(Date.now()), to: stationDayStart(Date.now()) + DAY, today: true },
  incidents: [],
  openItems: [],
  requests: [],
  setLanguage(language) {
    localStorage.setItem('centre.language', language);
    set({ language });
  },
  select(station) {
    set({ selected: station, incidents: [], openItems: [], requests: [] });
    void get().refreshStation();
  },
  setRange(from, to, today) {
    set({ range: { from, to, today } });
    void get().refreshStation();
  },
  async refresh() {
    try {
      const { now, stations } = await centreApi.stations();
      const selected = get().selected ?? stations[0]?.id ?? null;
      const changed = selected !== get().selected;
      set({ now, stations, selected, serviceDown: false, updatedAt: now });
      // "Today" follows the clock past midnight.
      const range = get().range;
      if (range.today && stationDayStart(now) !== range.from) {
        set({ range: { from: stationDayStart(now), to: stationDayStart(now) + DAY, today: true } });
      }
      if (changed || selected) await get().refreshStation();
    } catch {
      set({ serviceDown: true });
    }
  },
  async refreshStation() {
    const { selected, range } = get();
    if (!selected) return;
    try {
      const [incidents, openItems, requests] = await Promise.all([
        centreApi.incidents(selected, range.from, range.to),
        centreApi.openItems(selected),
        centreApi.requests(selected),
      ]);
      // A reply for a station no longer selected is dropped.
      if (get().selected !== selected) return;
      set({
        incidents: incidents.incidents,
        openItems: openItems.items,
        requests: requests.requests,
      });
    } catch {
      set({ serviceDown: true });
    }
  },
}));
