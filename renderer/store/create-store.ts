// One store from slices. Built by the entry point with the api it was given,
// never at import time, so tests and both transports can make their own.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StationApi } from '../../electron/contract/api';
import { fillTiles, fitTiles, kindForCount } from '../live/layout-geometry';
import { createCamerasSlice } from '../cameras/cameras-slice';
import { createLayoutSlice } from '../live/layout-slice';
import { createRecordingSlice } from '../storage/recording-slice';
import { createSettingsSlice } from '../settings/settings-slice';
import { createStatusesSlice } from '../live/statuses-slice';
import { createHealthSlice } from '../live/health-slice';
import type { StationState } from './types';
import { createUiSlice } from './ui-slice';
import { defaultTokenKeeper, type TokenKeeper } from '../auth/session-token';
import { createOfficersSlice } from '../officers/officers-slice';
import { createSessionSlice } from '../auth/session-slice';
import { createIncidentsSlice } from '../incidents/incidents-slice';
import { createPlaybackSlice } from '../playback/playback-slice';
import { createExportSlice } from '../export/export-slice';
import { createOutageAlarmsSlice } from '../alerts/outage-alarms-slice';
import { createPictureAlarmsSlice } from '../alerts/picture-alarms-slice';
import { createClocksSlice } from '../cameras/clocks-slice';
import { createTamperSlice } from '../cameras/tamper-slice';
import { createDiscoverySlice } from '../cameras/discovery-slice';
import { createDistrictSlice } from '../district/district-slice';

export type StationStore = StoreApi<StationState>;

export interface StationStoreOptions {
  /** Where the session token survives a reload (default: sessionStorage). */
  tokens?: TokenKeeper;
}

export function createStationStore(
  api: StationApi,
  options: StationStoreOptions = {},
): StationStore {
  const tokens = options.tokens ?? defaultTokenKeeper();
  return createStore<StationState>()((...a) => {
    const [set, get] = a;
    return {
      ...createCamerasSlice(api)(...a),
      ...createStatusesSlice(...a),
      ...createHealthSlice(...a),
      ...createLayoutSlice(api)(...a),
      ...createUiSlice(...a),
      ...createSettingsSlice(api)(...a),
      ...createRecordingSlice(api)(...a),
      ...createSessionSlice(api, tokens)(...a),
      ...createOfficersSlice(api)(...a),
      ...createIncidentsSlice(api)(...a),
      ...createPlaybackSlice(...a),
      ...createExportSlice(api)(...a),
      ...createOutageAlarmsSlice(api)(...a),
      ...createPictureAlarmsSlice(api)(...a),
      ...createClocksSlice(api)(...a),
      ...createTamperSlice(api)(...a),
      ...createDiscoverySlice(api)(...a),
      ...createDistrictSlice(api)(...a),
      load: async () => {
        try {
          const [systemInfo, settings, cameras, statuses, health, layouts] = await Promise.all([
            api.system.info(),
            api.settings.get(),
            api.cameras.list(),
            api.cameras.statuses(),
            api.cameras.healths(),
            api.layouts.list(),
          ]);
          set({ systemInfo, settings, layouts, loadError: null });
          get().setCameras(cameras);
          get().setStatuses(statuses);
          get().setHealth(health);
          const last = layouts.find((l) => l.id === settings.lastLayoutId);
          if (last) {
            set({
              kind: last.kind,
              tiles: fitTiles(last.tiles, last.kind),
              currentLayoutId: last.id,
            });
          } else {
            const kind = kindForCount(cameras.length);
            set({
              kind,
              tiles: fillTiles(
                cameras.map((c) => c.id),
                kind,
              ),
              currentLayoutId: null,
            });
          }
          set({ ready: true });
          // Recording state is not needed for the first picture: fetched after, never blocking it.
          void get()
            .loadRecording()
            .catch(() => undefined);
          // Cameras already down ring (unless acknowledged) on a console that just connected.
          void get()
            .loadOpenOutages()
            .catch(() => undefined);
          // The same for picture and clock alarms; clocks and detector states fill badges.
          for (const later of [get().loadOpenAlarms, get().loadClocks, get().loadTamperStates])
            void later().catch(() => undefined);
          // The district link and the centre's requests (the banner for any still pending).
          void get()
            .loadDistrict()
            .catch(() => undefined);
          // An export still running in main (after a reload) gets its progress panel back.
          void get()
            .resumeRunningExport()
            .catch(() => undefined);
        } catch (e) {
          set({ loadError: e instanceof Error ? e.message : String(e) });
          throw e;
        }
      },
    };
  });
}
