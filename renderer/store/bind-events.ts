// The single place where main's pushed events become store updates.
import type { StationApi } from '../../electron/contract/api';
import type { StationStore } from './create-store';

export function bindEvents(store: StationStore, api: StationApi): () => void {
  const offs = [
    api.on('camera.status', (s) => store.getState().applyStatus(s)),
    api.on('camera.health', (h) => store.getState().applyHealth(h)),
    api.on('outage.changed', (outage) => store.getState().applyOutage(outage)),
    api.on('alarm.changed', (alarm) => store.getState().applyAlarm(alarm)),
    api.on('camera.clock', (clock) => store.getState().applyClock(clock)),
    api.on('tamper.state', (state) => store.getState().applyTamperState(state)),
    api.on('camera.changed', ({ cameras }) => store.getState().setCameras(cameras)),
    api.on('layout.changed', ({ layouts }) => store.getState().setLayouts(layouts)),
    api.on('settings.changed', (settings) => store.getState().setSettings(settings)),
    api.on('recording.status', (s) => store.getState().applyRecStatus(s)),
    api.on('recording.alarm', ({ alarm }) => store.getState().setStorageAlarm(alarm)),
    api.on('recording.event', (e) => store.getState().addRecEvent(e)),
    api.on('recording.segment', () => store.getState().noteFootage()),
    api.on('incident.changed', (incident) => store.getState().applyIncidentChange(incident)),
    api.on('export.changed', (record) => store.getState().applyExportChange(record)),
    api.on('export.progress', (progress) => store.getState().applyExportProgress(progress)),
    api.on('district.status', (status) => store.getState().applyDistrictStatus(status)),
    api.on('district.request', (request) => store.getState().applyDistrictRequest(request)),
    // Officers, shifts or pending handovers changed (the sign-in list, the handover banner).
    api.on(
      'auth.changed',
      () =>
        void store
          .getState()
          .refreshAuthState()
          .catch(() => undefined),
    ),
  ];
  return () => {
    for (const off of offs) off();
  };
}
