// The one place that touches ipcMain and webContents.send: one handler per
// contract channel, each checking the sender frame and running dispatch()
// (validation of request and response included). Replies are outcome objects,
// not thrown errors, because Electron flattens errors thrown across IPC.
import { ipcMain, webContents, type IpcMainInvokeEvent } from 'electron';
import { channels, type Channel } from '../contract/channels';
import type { SessionBinding } from '../core/app/dispatch';
import type { StationCore } from '../core/app/station-core';
import type { Logger } from '../core/logging/logger';
import { EVENT_CHANNEL, type EventMessage } from '../preload/ipc-names';

export interface IpcOptions {
  core: StationCore;
  isTrustedUrl: (url: string) => boolean;
  logger: Logger;
}

/** Registers every channel; returns a function that removes them again. */
export function registerIpc(opts: IpcOptions): () => void {
  const names = Object.keys(channels) as Channel[];
  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const url = event.senderFrame?.url;
    return typeof url === 'string' && opts.isTrustedUrl(url);
  };
  // One session binding per webContents: it survives a reload of the same window.
  const bindings = new Map<number, SessionBinding>();
  const bindingOf = (event: IpcMainInvokeEvent): SessionBinding => {
    let binding = bindings.get(event.sender.id);
    if (!binding) {
      binding = { token: null };
      bindings.set(event.sender.id, binding);
      event.sender.once('destroyed', () => bindings.delete(event.sender.id));
    }
    return binding;
  };
  for (const channel of names) {
    ipcMain.handle(channel, async (event, payload: unknown) => {
      if (!trusted(event)) {
        opts.logger.warn('ipc call from an untrusted frame refused', { channel });
        return { ok: false, error: { code: 'forbidden', message: 'forbidden' } };
      }
      return opts.core.dispatch(channel, payload, { transport: 'ipc', binding: bindingOf(event) });
    });
  }
  const stopEvents = opts.core.onEvent((event, payload) => {
    const message: EventMessage = { event, payload };
    for (const wc of webContents.getAllWebContents()) {
      if (!wc.isDestroyed() && opts.isTrustedUrl(wc.getURL())) wc.send(EVENT_CHANNEL, message);
    }
  });
  return () => {
    stopEvents();
    for (const channel of names) ipcMain.removeHandler(channel);
  };
}
