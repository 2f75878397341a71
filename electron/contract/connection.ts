// The console's link to the station service as the Electron preload exposes it
// (window.stationConnection): the renderer shows its disconnected banner from it,
// as it does from the WebSocket transport in browser mode.
export interface StationConnection {
  /** Calls `listener` with the current state, then on every change; returns an unsubscribe. */
  onChange(listener: (connected: boolean) => void): () => void;
}
