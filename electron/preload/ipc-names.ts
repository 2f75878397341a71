// IPC channel names shared by the shell (main/ipc.ts) and the preload. Calls use
// the contract's channel names directly; events all travel on one channel.
export const EVENT_CHANNEL = 'station:event';
/** main → page: the window's connection to the station service came up (true) or dropped. */
export const CONNECTION_CHANNEL = 'station:connection';
/** page → main: the connection's state now (for a page that just loaded). */
export const CONNECTION_STATE_CHANNEL = 'station:connection-state';

export interface EventMessage {
  event: string;
  payload: unknown;
}
