// WebSocket RPC end to end: real sockets, real dispatch, real services on a
// SQLite file. The station-core test runs the same path through the real MediaServer.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { createApi, type StationApi } from '../../contract/api';
import { ApiError } from '../../contract/errors';
import type { Camera } from '../../contract/schemas';
import { buildTestServices, TEST_PASSWORD } from '../app/testing/test-services';
import type { Endpoint } from '../app/dispatch';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import type { MediaRoutes, WsRouteHandler } from '../media-server/types';
import { RpcServer } from './rpc-server';
import {
  createWsTransport,
  type WebSocketConstructor,
  type WsTransport,
  type WsTransportOptions,
} from '../../contract/ws-client';

const TOKEN = 'test-token-123';

/** Just enough of the media server: one HTTP server, token-checked WS upgrades by exact path. */
class TinyRoutes implements MediaRoutes {
  readonly wss = new WebSocketServer({ noServer: true });
  private readonly ws = new Map<string, WsRouteHandler>();
  constructor(readonly server: Server) {
    server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const handler = this.ws.get(url.pathname);
      if (!handler || url.searchParams.get('token') !== TOKEN) {
        socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => handler(ws, url, req));
    });
  }
  addWsRoute(pathname: string, handler: WsRouteHandler): void {
    this.ws.set(pathname, handler);
  }
  addHttpRoute(): void {}
}

let dir: string;
let db: Database;
let server: Server;
let rpc: RpcServer;
let port: number;
let endpoint: Endpoint;
let settle: () => Promise<void>;
/** camera.test waits on this, so a test can hold a call open on the server. */
let probeGate: Promise<void>;
let probeCalls = 0;
const transports: WsTransport[] = [];

async function listen(p = 0): Promise<void> {
  server = createServer();
  const routes = new TinyRoutes(server);
  rpc.attach(routes);
  await new Promise<void>((resolve) => server.listen(p, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
}

async function stopServer(): Promise<void> {
  await rpc.dispose();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

function client(token = TOKEN, heartbeat: WsTransportOptions = {}): WsTransport {
  const t = createWsTransport(`ws://127.0.0.1:${port}/rpc?token=${token}`, {
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    minBackoffMs: 50,
    maxBackoffMs: 200,
    queueTimeoutMs: 3000,
    ...heartbeat,
  });
  transports.push(t);
  return t;
}

/** An api on a fresh connection, signed in as the administrator (created on first use). */
async function signedIn(t: WsTransport = client()): Promise<StationApi> {
  const api = createApi(t);
  const state = await api.auth.state();
  if (state.setupRequired) {
    await api.auth.setup({
      fullName: 'Nguyễn Văn Quản',
      rank: 'Thiếu tá',
      badgeNumber: '100-001',
      password: TEST_PASSWORD,
    });
  } else {
    await api.auth.signIn({ officerId: state.officers[0]!.id, password: TEST_PASSWORD });
  }
  return api;
}

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function rawSocket(): Promise<{ ws: WebSocket; next: () => Promise<unknown> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/rpc?token=${TOKEN}`);
  const inbox: unknown[] = [];
  const waiters: ((v: unknown) => void)[] = [];
  ws.on('message', (d) => {
    const v: unknown = JSON.parse(d.toString());
    const w = waiters.shift();
    if (w) w(v);
    else inbox.push(v);
  });
  const next = () =>
    inbox.length > 0
      ? Promise.resolve(inbox.shift())
      : new Promise<unknown>((resolve) => waiters.push(resolve));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, next }));
    ws.once('error', reject);
  });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-rpc-'));
  db = await openStationDb(dir);
  const emit = (event: string, payload: unknown) => rpc.broadcast(event, payload);
  probeGate = Promise.resolve();
  probeCalls = 0;
  ({ endpoint, settle } = await buildTestServices({
    db,
    dir,
    emit,
    probe: async () => {
      probeCalls++;
      await probeGate;
      return { ok: false, errorKind: 'ffmpeg_missing', detail: '' };
    },
  }));
  rpc = new RpcServer({ endpoint });
  await listen();
});

afterEach(async () => {
  for (const t of transports.splice(0)) t.close();
  await stopServer();
  await settle();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('WebSocket RPC', () => {
  it('round-trips calls through the contract api and pushes events', async () => {
    const api = await signedIn();
    const seen: Camera[][] = [];
    const off = api.on('camera.changed', (p) => seen.push(p.cameras));
    const cam = await api.cameras.add({ name: 'Ngõ 12', mainUrl: 'rtsp://admin:pw@10.0.0.3/live' });
    expect(cam).toMatchObject({
      name: 'Ngõ 12',
      mainUrl: 'rtsp://10.0.0.3/live',
      hasPassword: true,
    });
    expect(await api.cameras.list()).toEqual([cam]);
    await until(() => seen.length > 0);
    expect(seen[0]?.[0]?.id).toBe(cam.id);
    off();
    const s = await api.settings.update({ language: 'en' });
    expect(s.language).toBe('en');
  });

  it('returns ApiErrors with codes and field errors', async () => {
    const api = await signedIn();
    const err = await api.cameras
      .add({ name: 'x', mainUrl: 'http://nope' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'invalid_request', fields: { mainUrl: 'invalid_rtsp_url' } });
    await expect(api.cameras.remove({ id: 'ghost' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('answers malformed frames with invalid_request and keeps serving', async () => {
    const { ws, next } = await rawSocket();
    ws.send('{not json');
    expect(await next()).toEqual({
      id: null,
      ok: false,
      error: { code: 'invalid_request', message: 'malformed_json' },
    });
    ws.send(JSON.stringify([1, 2]));
    expect(await next()).toMatchObject({ id: null, ok: false, error: { code: 'invalid_request' } });
    ws.send(JSON.stringify({ channel: 'camera.list' }));
    expect(await next()).toMatchObject({ id: null, error: { message: 'missing_id' } });
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await next()).toMatchObject({ error: { message: 'binary_frame' } });
    ws.send(JSON.stringify({ id: 7, channel: 'nope.nope' }));
    expect(await next()).toEqual({
      id: 7,
      ok: false,
      error: { code: 'unknown_channel', message: 'unknown_channel' },
    });
    // A connection that has not signed in reaches only the public channels.
    ws.send(JSON.stringify({ id: 8, channel: 'camera.list' }));
    expect(await next()).toEqual({
      id: 8,
      ok: false,
      error: { code: 'unauthenticated', message: 'sign_in_required' },
    });
    ws.send(JSON.stringify({ id: 9, channel: 'auth.state' }));
    expect(await next()).toMatchObject({ id: 9, ok: true, result: { setupRequired: true } });
    ws.close();
  });

  it('binds a session to its connection; another connection rejoins only with the token', async () => {
    const first = await signedIn();
    const session = (await first.auth.state()).session;
    expect(session?.officer.fullName).toBe('Nguyễn Văn Quản');
    expect(await first.cameras.list()).toEqual([]);

    const second = createApi(client());
    await expect(second.cameras.list()).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(second.auth.resume({ token: 'x'.repeat(43) })).rejects.toMatchObject({
      code: 'unauthenticated',
      message: 'session_expired',
    });
    await second.auth.resume({ token: session!.token });
    expect(await second.cameras.list()).toEqual([]);

    // Signing out ends the session for every connection that shares it.
    await second.auth.signOut();
    await expect(first.cameras.list()).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('refuses a connection without the right token', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/rpc?token=wrong`);
    const outcome = await new Promise<string>((resolve) => {
      ws.once('open', () => resolve('open'));
      ws.once('error', (e) => resolve(String(e.message)));
    });
    expect(outcome).toMatch(/401/);
  });

  it('rejects calls in flight on disconnect, then reconnects and keeps its listeners', async () => {
    const t = client();
    const api = await signedIn(t);
    const token = (await api.auth.state()).session!.token;
    await api.cameras.list();
    const events: string[] = [];
    api.on('settings.changed', (s) => events.push(s.language));
    const states: boolean[] = [];
    t.onConnectionChange((c) => states.push(c));

    // Hold a call open on the server, then drop the server.
    let release = () => undefined as void;
    probeGate = new Promise<void>((r) => (release = r));
    const held = api.cameras.test({ url: 'rtsp://10.0.0.1/x' }).catch((e: unknown) => e);
    await until(() => probeCalls === 1);
    const savedPort = port;
    await stopServer();
    expect(await held).toMatchObject({ code: 'disconnected', message: 'rpc_disconnected' });
    release();
    await until(() => states.includes(false));

    // A call made while disconnected waits for the next connection.
    rpc = new RpcServer({ endpoint });
    const queued = api.auth.state();
    await listen(savedPort);
    // The new connection starts signed out; the renderer rejoins with its token.
    expect((await queued).session).toBeNull();
    await until(() => states.at(-1) === true);
    await api.auth.resume({ token });
    expect((await api.settings.get()).language).toBe('vi');
    await api.settings.update({ language: 'en' });
    // The server pushes events from the new RpcServer; the old listener still gets them.
    rpc.broadcast('settings.changed', { language: 'en' });
    await until(() => events.includes('en'));
  });

  it('rejects queued calls when the server never comes back, and everything on close()', async () => {
    const t = createWsTransport(`ws://127.0.0.1:1/rpc`, {
      WebSocket: WebSocket as unknown as WebSocketConstructor,
      minBackoffMs: 20,
      maxBackoffMs: 50,
      queueTimeoutMs: 300,
    });
    transports.push(t);
    await expect(createApi(t).cameras.list()).rejects.toMatchObject({
      code: 'disconnected',
      message: 'rpc_not_connected',
    });
    const pending = createApi(t).cameras.list();
    t.close();
    await expect(pending).rejects.toMatchObject({ code: 'disconnected' });
  });

  it('echoes heartbeat frames outside dispatch', async () => {
    const { ws, next } = await rawSocket();
    ws.send(JSON.stringify({ heartbeat: 41 }));
    expect(await next()).toEqual({ heartbeat: 41 });
    // A call frame that happens to carry the field is still a call.
    ws.send(JSON.stringify({ id: 3, channel: 'auth.state', heartbeat: 1 }));
    expect(await next()).toMatchObject({ id: 3, ok: true });
    ws.close();
  });

  it('drops a connection whose server stops reading, and reconnects once it answers again', async () => {
    // A hung service as the client sees it (SIGSTOP, a stuck event loop): open sockets
    // stop being read, and upgrades the kernel accepts meanwhile wait unanswered.
    const serverSockets = new Set<Socket>();
    server.on('connection', (sock: Socket) => serverSockets.add(sock));
    const upgradeHandlers = server.listeners('upgrade') as ((...a: unknown[]) => void)[];
    const heldUpgrades: unknown[][] = [];
    const hang = () => {
      for (const sock of serverSockets) sock.pause();
      server.removeAllListeners('upgrade');
      server.on('upgrade', (...a: unknown[]) => heldUpgrades.push(a));
    };
    const wake = () => {
      server.removeAllListeners('upgrade');
      for (const h of upgradeHandlers) server.on('upgrade', h);
      for (const sock of serverSockets) sock.resume();
      for (const a of heldUpgrades.splice(0)) server.emit('upgrade', ...a);
    };
    const t = client(TOKEN, {
      heartbeatIntervalMs: 200,
      heartbeatTimeoutMs: 1000,
      connectTimeoutMs: 1500,
    });
    const api = await signedIn(t);
    const token = (await api.auth.state()).session!.token;
    const states: boolean[] = [];
    t.onConnectionChange((c) => states.push(c));

    // Idle for three timeouts: the echoes alone keep a healthy connection up.
    await new Promise((r) => setTimeout(r, 3000));
    expect(states).toEqual([]);
    expect(t.connected).toBe(true);

    hang();
    const hungAt = Date.now();
    const inFlight = api.cameras.list().catch((e: unknown) => e);
    await until(() => states.includes(false), 5000);
    const detectMs = Date.now() - hungAt;
    expect(await inFlight).toMatchObject({ code: 'disconnected', message: 'rpc_disconnected' });
    // The last echo came at most one interval before the hang, the drop a timeout after it.
    expect(detectMs).toBeGreaterThan(600);
    expect(detectMs).toBeLessThan(3000);

    // Attempts to reconnect hang in the upgrade and are abandoned; still down.
    await until(() => heldUpgrades.length >= 2, 8000);
    expect(t.connected).toBe(false);

    const resumedAt = Date.now();
    wake();
    await until(() => states.at(-1) === true, 5000);
    const reconnectMs = Date.now() - resumedAt;
    await api.auth.resume({ token });
    expect(await api.cameras.list()).toEqual([]);
    console.info(
      `heartbeat: dropped ${detectMs} ms after the hang, back ${reconnectMs} ms after resume`,
    );
  });

  it('does not take its own stalled thread for a dead server', async () => {
    const t = client(TOKEN, { heartbeatIntervalMs: 200, heartbeatTimeoutMs: 1000 });
    await until(() => t.connected);
    const states: boolean[] = [];
    t.onConnectionChange((c) => states.push(c));
    // A long synchronous stretch (a busy renderer): the watchdog fires late, before the
    // socket's queued data is read, and must let the echo arrive before judging.
    for (let stall = 0; stall < 3; stall++) {
      const end = Date.now() + 1600;
      while (Date.now() < end) {
        // busy
      }
      await new Promise((r) => setTimeout(r, 600));
    }
    expect(states).toEqual([]);
    expect(t.connected).toBe(true);
  });
});
