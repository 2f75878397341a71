// Exposes window.stationApi (the contract's api object over Electron IPC) and
// window.stationConnection (whether main reaches the station service).
// ipcRenderer itself never reaches the page (Electron security checklist #20:
// https://www.electronjs.org/docs/latest/tutorial/security).
import { contextBridge, ipcRenderer } from 'electron';
import { createApi, type Transport } from '../contract/api';
import type { Channel, EventName, EventOf, RequestOf, ResponseOf } from '../contract/channels';
import type { StationConnection } from '../contract/connection';
import { ApiError, ApiErrorBody } from '../contract/errors';
import {
  CONNECTION_CHANNEL,
  CONNECTION_STATE_CHANNEL,
  EVENT_CHANNEL,
  type EventMessage,
} from './ipc-names';

const listeners = new Map<string, Set<(payload: unknown) => void>>();

ipcRenderer.on(EVENT_CHANNEL, (_event, message: EventMessage) => {
  if (typeof message?.event !== 'string') return;
  for (const listener of [...(listeners.get(message.event) ?? [])]) {
    try {
      listener(message.payload);
    } catch (err) {
      console.error(err);
    }
  }
});

function toError(outcome: unknown): ApiError {
  const error = (outcome as { error?: unknown } | null)?.error;
  const parsed = ApiErrorBody.safeParse(error);
  const body: ApiErrorBody = parsed.success
    ? parsed.data
    : { code: 'internal', message: 'malformed_reply' };
  // contextBridge copies only the message of a thrown Error, so the body travels inside it
  // as JSON; the renderer's toUiError() reads the code back from there.
  return new ApiError(body.code, JSON.stringify(body), body.fields);
}

const transport: Transport = {
  async invoke<C extends Channel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>> {
    const outcome: unknown = await ipcRenderer.invoke(channel, payload);
    if ((outcome as { ok?: unknown } | null)?.ok === true)
      return (outcome as { result: ResponseOf<C> }).result;
    throw toError(outcome);
  },
  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    const l = listener as (payload: unknown) => void;
    set.add(l);
    return () => {
      set.delete(l);
    };
  },
};

const connectionListeners = new Set<(connected: boolean) => void>();

function tell(listener: (connected: boolean) => void, connected: boolean): void {
  try {
    listener(connected);
  } catch (err) {
    console.error(err);
  }
}

ipcRenderer.on(CONNECTION_CHANNEL, (_event, connected: unknown) => {
  if (typeof connected !== 'boolean') return;
  for (const listener of [...connectionListeners]) tell(listener, connected);
});

const connection: StationConnection = {
  onChange(listener) {
    connectionListeners.add(listener);
    // A page that loads while the service is away must show it at once.
    void ipcRenderer.invoke(CONNECTION_STATE_CHANNEL).then((connected: unknown) => {
      if (typeof connected === 'boolean' && connectionListeners.has(listener))
        tell(listener, connected);
    });
    return () => {
      connectionListeners.delete(listener);
    };
  },
};

contextBridge.exposeInMainWorld('stationApi', createApi(transport));
contextBridge.exposeInMainWorld('stationConnection', connection);
