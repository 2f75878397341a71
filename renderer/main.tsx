// Composition root of the renderer: api → store → events → React.
import './zod-config';
import '@fontsource/be-vietnam-pro/vietnamese-400.css';
import '@fontsource/be-vietnam-pro/vietnamese-500.css';
import '@fontsource/be-vietnam-pro/vietnamese-600.css';
import '@fontsource/be-vietnam-pro/vietnamese-700.css';
import '@fontsource/be-vietnam-pro/latin-400.css';
import '@fontsource/be-vietnam-pro/latin-500.css';
import '@fontsource/be-vietnam-pro/latin-600.css';
import '@fontsource/be-vietnam-pro/latin-700.css';
// Stylesheets in cascade order: tokens, shared primitives, then one per feature folder;
// a later file may refine an earlier one at equal specificity, so keep this order.
import './styles/tokens.css';
import './styles/base.css';
import './shell/shell.css';
import './cameras/cameras.css';
import './live/live.css';
import './live/ptz.css';
import './storage/storage.css';
import './incidents/incidents.css';
import './auth/auth.css';
import './shifts/shifts.css';
import './audit/audit.css';
import './settings/settings.css';
import './playback/playback.css';
import './export/export.css';
import './district/district.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getApi } from './api/get-api';
import { watchUnauthenticated } from './auth/watch-session';
import { App } from './app';
import { installStatsHook } from './live/live-stats';
import { bindEvents } from './store/bind-events';
import { createStationStore } from './store/create-store';
import { StationProvider } from './store/store-context';

const handle = getApi();
const { onConnectionChange } = handle;
// Any call refused as unauthenticated sends the store back to resume or sign-in.
let sessionLost = () => undefined as void;
const api = watchUnauthenticated(handle.api, () => sessionLost());
const store = createStationStore(api);
sessionLost = () => void store.getState().sessionLost();
bindEvents(store, api);
// After the RPC socket comes back, the new connection has no session and events
// may have been missed: resume the session (by its kept token), which reloads the state.
let wasDisconnected = false;
onConnectionChange?.((connected) => {
  store.getState().setConnected(connected);
  if (!connected) wasDisconnected = true;
  else if (wasDisconnected)
    void store
      .getState()
      .startSession()
      .then(() => store.getState().noteResynced())
      .catch(() => undefined);
});
installStatsHook(window);

// Keep <html lang> in step with the chosen language; flag readiness for e2e once loaded.
store.subscribe((s) => {
  document.documentElement.lang = s.settings.language;
  if (s.ready) document.body.dataset.ready = 'true';
});

const rootEl = document.getElementById('root');
if (rootEl) {
  createRoot(rootEl).render(
    <StrictMode>
      <StationProvider store={store} api={api}>
        <App />
      </StationProvider>
    </StrictMode>,
  );
}

// The gate: first start, a session to resume, or the sign-in screen; load() follows a session.
store
  .getState()
  .startSession()
  .catch(() => {
    // AuthGate shows that main did not answer, with a retry button.
  });
