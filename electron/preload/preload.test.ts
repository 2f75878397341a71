// The preload exposes exactly the contract (one api method per channel in
// channels.ts, nothing else, never ipcRenderer) and the connection state, over
// the fake electron module's ipcRenderer ↔ ipcMain.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { StationApi } from '../contract/api';
import { channels } from '../contract/channels';
import type { StationConnection } from '../contract/connection';
import { ApiError } from '../contract/errors';
import {
  contextBridge,
  FakeWebContents,
  ipcMain,
  ipcRenderer,
  resetElectron,
} from '../main/testing/fake-electron';
import { CONNECTION_CHANNEL, CONNECTION_STATE_CHANNEL, EVENT_CHANNEL } from './ipc-names';

vi.mock('electron', async () => (await import('../main/testing/fake-electron')).electronModule);

let page: FakeWebContents;
let api: StationApi;
let connection: StationConnection;
/** Channels the page called, in order; the fake main answers each with its name. */
const called: string[] = [];
let connected = true;

beforeAll(async () => {
  resetElectron();
  page = new FakeWebContents();
  ipcRenderer.attach(page, 'app://station/index.html');
  for (const channel of Object.keys(channels))
    ipcMain.handle(channel, (_event, payload) => {
      called.push(channel);
      if (channel === 'auth.signOut')
        return { ok: false, error: { code: 'unauthenticated', message: 'sign_in_required' } };
      return { ok: true, result: { channel, payload } };
    });
  ipcMain.handle(CONNECTION_STATE_CHANNEL, () => connected);
  await import('./preload');
  api = contextBridge.mainWorld.get('stationApi') as StationApi;
  connection = contextBridge.mainWorld.get('stationConnection') as StationConnection;
});

/** Every function in the api object, by its path ('exports.plan'). */
function methods(obj: object, prefix = ''): Array<[string, (arg?: unknown) => Promise<unknown>]> {
  return Object.entries(obj).flatMap(([key, value]) =>
    typeof value === 'function'
      ? [[`${prefix}${key}`, value as (arg?: unknown) => Promise<unknown>] as const]
      : typeof value === 'object' && value !== null
        ? methods(value as object, `${prefix}${key}.`)
        : [],
  );
}

describe('preload', () => {
  it('puts only stationApi and stationConnection on window', () => {
    expect([...contextBridge.mainWorld.keys()].sort()).toEqual(['stationApi', 'stationConnection']);
    const exposed = JSON.stringify(methods(api).map(([name]) => name));
    expect(exposed).not.toMatch(/ipc|invoke|send/i);
  });

  it('has one api method per contract channel, and no channel without one', async () => {
    const perMethod = new Map<string, string[]>();
    for (const [name, fn] of methods(api)) {
      if (name === 'on') continue;
      called.length = 0;
      await fn({}).catch(() => undefined);
      perMethod.set(name, [...called]);
    }
    for (const [name, hits] of perMethod) expect(`${name} → ${hits.length}`).toBe(`${name} → 1`);
    const reached = [...perMethod.values()].flat().sort();
    expect(reached).toEqual(Object.keys(channels).sort());
  });

  it('returns results and throws the contract error with its code', async () => {
    expect(await api.system.info()).toEqual({ channel: 'system.info', payload: {} });
    const err = await api.auth.signOut().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiError);
    // The code travels inside the message (contextBridge keeps only an Error's message).
    expect(JSON.parse((err as ApiError).message)).toEqual({
      code: 'unauthenticated',
      message: 'sign_in_required',
    });
  });

  it('delivers events only to their listeners', () => {
    const got: unknown[] = [];
    const off = api.on('auth.changed', (p) => got.push(p));
    page.send(EVENT_CHANNEL, { event: 'auth.changed', payload: {} });
    page.send(EVENT_CHANNEL, { event: 'camera.changed', payload: { cameras: [] } });
    off();
    page.send(EVENT_CHANNEL, { event: 'auth.changed', payload: {} });
    expect(got).toEqual([{}]);
  });

  it("tells the page the connection's state at once, then each change", async () => {
    connected = false;
    const states: boolean[] = [];
    const off = connection.onChange((c) => states.push(c));
    await vi.waitFor(() => expect(states).toEqual([false]), { timeout: 2000 });
    page.send(CONNECTION_CHANNEL, true);
    page.send(CONNECTION_CHANNEL, 'yes'); // not a state: ignored
    off();
    page.send(CONNECTION_CHANNEL, false);
    expect(states).toEqual([false, true]);
  });
});
