// The renderer's single entry to main: Electron's preload bridge when present,
// otherwise the same contract over the loopback WebSocket (browser mode, e2e).
import { createApi, type StationApi } from '../../electron/contract/api';
import type { StationConnection } from '../../electron/contract/connection';
import { RPC_PATH } from '../../electron/contract/rpc-wire';
import { createWsTransport } from '../../electron/contract/ws-client';

declare global {
  interface Window {
    stationApi?: StationApi;
    stationConnection?: StationConnection;
  }
}

const TOKEN_KEY = 'station.rpcToken';

/** Takes `#token=…` from the address bar once, keeps it for reloads, and removes it from view. */
export function takeRpcToken(loc: Location, storage: Storage, history: History): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(loc.hash);
  if (match?.[1]) {
    const token = decodeURIComponent(match[1]);
    storage.setItem(TOKEN_KEY, token);
    // Keep the token out of the visible address, history and screenshots.
    history.replaceState(null, '', loc.pathname + loc.search);
    return token;
  }
  return storage.getItem(TOKEN_KEY);
}

export function rpcUrl(host: string, token: string | null): string {
  const q = token ? `?token=${encodeURIComponent(token)}` : '';
  return `ws://${host}${RPC_PATH}${q}`;
}

export interface ApiHandle {
  api: StationApi;
  /** The link to the station service: the WebSocket here, or main's (through the preload). */
  onConnectionChange: ((listener: (connected: boolean) => void) => () => void) | null;
}

export function getApi(): ApiHandle {
  if (window.stationApi) {
    const connection = window.stationConnection;
    return {
      api: window.stationApi,
      onConnectionChange: connection ? (listener) => connection.onChange(listener) : null,
    };
  }
  const token = takeRpcToken(window.location, window.sessionStorage, window.history);
  // Loopback retries cost nothing, and an officer is waiting on the red banner.
  const transport = createWsTransport(rpcUrl(window.location.host, token), { maxBackoffMs: 2000 });
  return {
    api: createApi(transport),
    onConnectionChange: (listener) => transport.onConnectionChange(listener),
  };
}
