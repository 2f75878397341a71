// The one place that touches ipcMain and webContents.send: one handler per
// contract channel, each checking the sender frame and forwarding the call to the
// station service over the contract's WebSocket. Each window has a connection of
// its own (the service binds a session to a connection, so two windows never
// share an officer), opened on first use and closed with the window; a page
// reload keeps it. Replies are outcome objects, not thrown errors, because
// Electron flattens errors thrown across IPC.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import {
  channels,
  events,
  type Channel,
  type EventName,
  type RequestOf,
} from '../contract/channels';
import { ApiError, type ApiErrorBody } from '../contract/errors';
import type { Logger } from '../core/logging/logger';
import type { WsTransport } from '../contract/ws-client';
import {
  CONNECTION_CHANNEL,
  CONNECTION_STATE_CHANNEL,
  EVENT_CHANNEL,
  type EventMessage,
} from '../preload/ipc-names';

export interface IpcOptions {
  /** Opens a new connection to the service's contract. */
  connect: () => WsTransport;
  isTrustedUrl: (url: string) => boolean;
  logger: Logger;
  /**
   * The native folder picker behind export.chooseFolder: the service has no screen.
   * Asked only after the service accepted the call (its access rule holds).
   */
  chooseFolder?: (sender: WebContents) => Promise<string | null>;
  /** How long a page that just loaded waits for its connection before hearing "down". */
  connectGraceMs?: number;
}

export interface IpcBridge {
  /** The service connection of one web contents, opened on first use, closed with it. */
  connectionOf(contents: WebContents): WsTransport;
  /** Removes the handlers and closes every connection (the service keeps running). */
  dispose(): void;
}

export type Outcome = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };

const FORBIDDEN: Outcome = { ok: false, error: { code: 'forbidden', message: 'forbidden' } };

/** Registers every channel; the returned bridge removes them again. */
export function registerIpc(opts: IpcOptions): IpcBridge {
  const names = Object.keys(channels) as Channel[];
  const connections = new Map<number, { transport: WsTransport; close: () => void }>();
  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const url = event.senderFrame?.url;
    return typeof url === 'string' && opts.isTrustedUrl(url);
  };

  function connectionOf(contents: WebContents): WsTransport {
    const known = connections.get(contents.id);
    if (known) return known.transport;
    const transport = opts.connect();
    const send = (channel: string, message: unknown) => {
      if (!contents.isDestroyed() && opts.isTrustedUrl(contents.getURL()))
        contents.send(channel, message);
    };
    const stops = (Object.keys(events) as EventName[]).map((event) =>
      transport.on(event, (payload) => send(EVENT_CHANNEL, { event, payload } as EventMessage)),
    );
    stops.push(
      transport.onConnectionChange((connected) => {
        if (connected) opts.logger.info('station service connected');
        else opts.logger.warn('station service connection lost; reconnecting');
        send(CONNECTION_CHANNEL, connected);
      }),
    );
    const close = () => {
      for (const stop of stops) stop();
      transport.close();
      connections.delete(contents.id);
    };
    connections.set(contents.id, { transport, close });
    contents.once('destroyed', close);
    return transport;
  }

  async function forward(
    channel: Channel,
    payload: unknown,
    sender: WebContents,
  ): Promise<Outcome> {
    try {
      const result = await connectionOf(sender).invoke(channel, payload as RequestOf<Channel>);
      if (channel === 'export.chooseFolder' && opts.chooseFolder)
        return { ok: true, result: { path: await opts.chooseFolder(sender), supported: true } };
      return { ok: true, result };
    } catch (err) {
      if (err instanceof ApiError) return { ok: false, error: err.toBody() };
      opts.logger.error('ipc call failed', { channel, err });
      return { ok: false, error: { code: 'internal', message: 'internal_error' } };
    }
  }

  for (const channel of names) {
    ipcMain.handle(channel, async (event, payload: unknown) => {
      if (!trusted(event)) {
        opts.logger.warn('ipc call from an untrusted frame refused', { channel });
        return FORBIDDEN;
      }
      return forward(channel, payload, event.sender);
    });
  }
  ipcMain.handle(CONNECTION_STATE_CHANNEL, async (event) => {
    if (!trusted(event)) return false;
    return connectedSoon(connectionOf(event.sender), opts.connectGraceMs ?? 3000);
  });

  return {
    connectionOf,
    dispose() {
      for (const channel of names) ipcMain.removeHandler(channel);
      ipcMain.removeHandler(CONNECTION_STATE_CHANNEL);
      for (const { close } of [...connections.values()]) close();
    },
  };
}

/** True once `transport` is connected, false if it is not within `graceMs`. */
function connectedSoon(transport: WsTransport, graceMs: number): Promise<boolean> {
  if (transport.connected) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      stop();
      resolve(transport.connected);
    }, graceMs);
    const stop = transport.onConnectionChange((connected) => {
      if (!connected) return;
      clearTimeout(timer);
      stop();
      resolve(true);
    });
  });
}
