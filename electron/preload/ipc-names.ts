// IPC channel names shared by the shell (main/ipc.ts) and the preload. Calls use
// the contract's channel names directly; events all travel on one channel.
export const EVENT_CHANNEL = 'station:event';

export interface EventMessage {
  event: string;
  payload: unknown;
}
