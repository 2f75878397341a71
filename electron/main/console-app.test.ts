// The console's lifecycle against the real station service: the bundle built
// from these sources (dist/electron/station-service.cjs) started by the real
// locator with Node as the program, in a temp data folder. Only Electron is
// faked (its binary cannot run here). The tests run in order on one service:
// a console starts it, a second console finds it, the last test stops it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry } from '../contract/audit-schemas';
import { channels } from '../contract/channels';
import { createLogger, type Logger } from '../core/logging/logger';
import { readRuntimeFile, runtimeFileIn, type ServiceRuntime } from '../core/service/runtime-file';
import { isServiceUp } from '../core/service/service-locator';
import { CONNECTION_CHANNEL, CONNECTION_STATE_CHANNEL, EVENT_CHANNEL } from '../preload/ipc-names';
import { APP_ENTRY } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from './csp';
import { startConsole, type ConsoleApp } from './console-app';
import {
  app,
  dialog,
  FakeBrowserWindow,
  FakeEvent,
  ipcMain,
  powerSaveBlocker,
  resetElectron,
  session,
  timeline,
  type FakeWebContents,
} from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).electronModule);

const DIST = path.resolve('dist', 'electron');
const LOG = 'console-window.log';

let root: string;
let dataDir: string;
let logger: Logger;
let consoleApp: ConsoleApp;
let servicePid: number | null = null;
/** Every service a test saw, so none outlives the run even when a test fails midway. */
const seenPids = new Set<number>();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function eventually<T>(
  get: () => Promise<T | undefined>,
  what: string,
  ms = 10_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await get();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}
const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const logText = () => readFileSync(path.join(dataDir, 'logs', LOG), 'utf8');

function launch(opts: { buildDir?: string } = {}): ConsoleApp {
  const launched = startConsole({
    dataDir,
    buildDir: opts.buildDir ?? DIST,
    // Node stands in for Electron's binary; ELECTRON_RUN_AS_NODE is set all the same.
    service: { execPath: process.execPath, extraArgs: ['--demo', 'off'], timeoutMs: 30_000 },
    logger,
    // Only this test's folder: never a service installed on the machine.
    runtimeFiles: [runtimeFileIn(dataDir)],
    relocateAfterMs: 500,
  });
  void launched.started?.then(() => {
    const pid = launched.runtime()?.pid;
    if (pid) seenPids.add(pid);
  });
  return launched;
}

function mainContents(): FakeWebContents {
  const win = FakeBrowserWindow.all[0];
  if (!win) throw new Error('no window');
  return win.webContents;
}

/** A call as the page at `url` in the main window makes it. */
function call(channel: string, payload: unknown = {}, url: string | null = APP_ENTRY) {
  return ipcMain.invoke(
    channel,
    { sender: mainContents(), senderFrame: url === null ? null : { url } },
    payload,
  ) as Promise<{ ok: boolean; result?: unknown; error?: { code: string; message: string } }>;
}

/** Whether a CSP source list lets the page reach `url` (host:* sources, as ours are). */
function cspAllows(directive: string, url: string): boolean {
  const rule = CONTENT_SECURITY_POLICY.split(';')
    .map((d) => d.trim().split(/\s+/))
    .find(([name]) => name === directive);
  const u = new URL(url);
  return (rule ?? []).slice(1).some((src) => {
    const m = /^([a-z]+):\/\/([^:/]+)(?::(\*|\d+))?$/.exec(src);
    return (
      m !== null &&
      `${m[1]}:` === u.protocol &&
      m[2] === u.hostname &&
      (m[3] === '*' || m[3] === u.port)
    );
  });
}

beforeAll(() => {
  // The service under test is the bundle of these very sources.
  const build = spawnSync(process.execPath, ['scripts/build-electron.mjs'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  root = mkdtempSync(path.join(tmpdir(), 'station-console-'));
  dataDir = path.join(root, 'data');
  logger = createLogger({ dir: path.join(dataDir, 'logs'), fileName: LOG, stderr: false });
});

afterAll(async () => {
  // Services are started detached on purpose; the tests end the ones they saw by pid,
  // and the one the data folder's runtime file names (started by a console behind their back).
  const last = await readRuntimeFile(runtimeFileIn(dataDir));
  if (last && (await isServiceUp(last))) seenPids.add(last.pid);
  for (const pid of seenPids) {
    if (!isAlive(pid)) continue;
    process.kill(pid, 'SIGTERM');
    await until(() => !isAlive(pid), 'the service to stop').catch(() =>
      process.kill(pid, 'SIGKILL'),
    );
  }
  rmSync(root, { recursive: true, force: true });
});

describe('console on the station service', () => {
  it('starts the service where none answers, before the window opens; IPC is registered before the page loads', async () => {
    resetElectron();
    let atWindow: { runtimeFile: boolean; handlers: number } | null = null;
    app.on('web-contents-created', () => {
      atWindow = {
        runtimeFile: existsSync(runtimeFileIn(dataDir)),
        handlers: ipcMain.handlers.size,
      };
    });
    consoleApp = launch();
    expect(FakeBrowserWindow.all).toHaveLength(0);
    // Chromium's own widgets (date fields) in Vietnamese order: only a switch set before ready counts.
    expect(app.switches.get('lang')).toBe('vi');
    app.ready();
    await consoleApp.started;

    const rt = consoleApp.runtime() as ServiceRuntime;
    servicePid = rt.pid;
    expect(isAlive(rt.pid)).toBe(true);
    expect(rt.dataDir).toBe(dataDir);
    expect(atWindow).toEqual({
      runtimeFile: true,
      handlers: Object.keys(channels).length + 1,
    });
    const order = (entry: string) => timeline.indexOf(entry);
    expect(order('ipcMain.handle system.info')).toBeGreaterThan(order('ready'));
    expect(order('new BrowserWindow')).toBeGreaterThan(order('ipcMain.handle system.info'));
    expect(order(`loadURL ${APP_ENTRY}`)).toBeGreaterThan(order('new BrowserWindow'));
    // Detached: its own process group, so the console's group ending does not take it along.
    const pgid = spawnSync('ps', ['-o', 'pgid=', '-p', String(rt.pid)], { encoding: 'utf8' });
    expect(Number(pgid.stdout.trim())).toBe(rt.pid);
    // Run as Node on the bundled entry, on this console's data folder.
    const environ = readFileSync(`/proc/${rt.pid}/environ`, 'utf8').split('\0');
    expect(environ).toContain('ELECTRON_RUN_AS_NODE=1');
    const argv = readFileSync(`/proc/${rt.pid}/cmdline`, 'utf8').split('\0');
    expect(argv.slice(1, 4)).toEqual([
      path.join(DIST, 'station-service.cjs'),
      '--data-dir',
      dataDir,
    ]);
    expect(existsSync(path.join(dataDir, 'logs', 'service-start.log'))).toBe(true);
    expect(logText()).toContain('station service started');
    expect(powerSaveBlocker.started.size).toBe(1);
  });

  it("forwards a trusted page's calls to the service and refuses untrusted frames", async () => {
    const rt = consoleApp.runtime() as ServiceRuntime;
    const info = await call('system.info');
    expect(info.ok).toBe(true);
    expect(info.result).toMatchObject({ mediaBaseUrl: rt.mediaBaseUrl, mediaToken: rt.token });

    for (const url of ['https://evil.example/', 'http://127.0.0.1:1/', 'file:///x.html', null])
      expect(await call('system.info', {}, url)).toEqual({
        ok: false,
        error: { code: 'forbidden', message: 'forbidden' },
      });

    // The service's refusals come back as outcome bodies, codes intact.
    expect(await call('auth.signOut')).toEqual({
      ok: false,
      error: { code: 'unauthenticated', message: 'sign_in_required' },
    });
    const bad = await call('auth.signIn', { officerId: 42 });
    expect(bad.ok).toBe(false);
    expect(bad.error?.code).toBe('invalid_request');
  });

  it("carries the service's events and its connection state to the page", async () => {
    const wc = mainContents();
    expect(await call(CONNECTION_STATE_CHANNEL)).toBe(true);
    expect(await call(CONNECTION_STATE_CHANNEL, undefined, 'https://evil.example/')).toBe(false);
    expect(wc.sent).toContainEqual([CONNECTION_CHANNEL, true]);

    const setup = await call('auth.setup', {
      fullName: 'Nguyễn Văn Quản',
      rank: 'Thiếu tá',
      badgeNumber: '100-001',
      password: 'mat-khau-thu-1',
    });
    expect(setup.ok).toBe(true);
    await until(
      () =>
        wc.sent.some(
          ([ch, m]) => ch === EVENT_CHANNEL && (m as { event: string }).event === 'auth.changed',
        ),
      'the auth.changed event',
    );
  });

  it('shows the native folder picker for export.chooseFolder, once the service accepted the call', async () => {
    dialog.openDialogResult = { canceled: false, filePaths: ['/media/usb0'] };
    expect(await call('export.chooseFolder')).toEqual({
      ok: true,
      result: { path: '/media/usb0', supported: true },
    });
    expect(dialog.openDialogCalls).toBe(1);
  });

  it("sends the console's CSP, which lets the page reach the service's port", async () => {
    const rt = consoleApp.runtime() as ServiceRuntime;
    const headers = await session.defaultSession.respond(`${rt.mediaBaseUrl}/reports/x.pdf`, {});
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(cspAllows('connect-src', rt.rpcUrl)).toBe(true);
    expect(cspAllows('connect-src', `${rt.mediaBaseUrl}/live/cam1`)).toBe(true);
    expect(cspAllows('media-src', `${rt.mediaBaseUrl}/recordings/x.mp4`)).toBe(true);
    expect(cspAllows('img-src', `${rt.mediaBaseUrl}/snapshots/x.jpg`)).toBe(true);
    // The matcher itself refuses what the policy does not name.
    expect(cspAllows('connect-src', 'ws://192.0.2.1:80/rpc')).toBe(false);
  });

  it('reloads a crashed page, logs it and has the service audit it under the officer on duty', async () => {
    const wc = mainContents();
    wc.emit('render-process-gone', new FakeEvent(), { reason: 'crashed', exitCode: 139 });
    await until(() => wc.reloads === 1, 'the reload');
    expect(logText()).toMatch(/console page crashed.*"reason":"crashed"/);
    const entry = await eventually(async () => {
      const page = await call('audit.list', { action: 'console.renderer_crashed' });
      return (page.result as { items: AuditEntry[] } | undefined)?.items[0];
    }, 'the audit entry');
    expect(entry.officerName).toBe('Nguyễn Văn Quản');
    expect(entry.details).toMatchObject({ reason: 'crashed', exitCode: 139, transport: 'ws' });
  });

  it('brings the window forward when the console is started a second time', () => {
    const win = FakeBrowserWindow.all[0] as FakeBrowserWindow;
    win.minimize();
    app.emit('second-instance', new FakeEvent(), [], '/');
    expect(win.isMinimized()).toBe(false);
    expect(win.focused).toBe(1);
  });

  it('closing the window quits only the console: the service goes on', async () => {
    const rt = consoleApp.runtime() as ServiceRuntime;
    (FakeBrowserWindow.all[0] as FakeBrowserWindow).close();
    expect(await app.exited).toBe(0);
    expect(ipcMain.handlers.size).toBe(0);
    expect(powerSaveBlocker.started.size).toBe(0);
    // A while after the console quit, the service must still be up (a fixed wait is the point).
    await sleep(300);
    expect(isAlive(rt.pid)).toBe(true);
    const health = await fetch(`${rt.mediaBaseUrl}/health`, {
      headers: { 'x-station-token': rt.token },
    });
    expect(health.status).toBe(200);
  });

  it('a new console finds the running service instead of starting another', async () => {
    resetElectron();
    consoleApp = launch();
    app.ready();
    await consoleApp.started;
    expect(consoleApp.runtime()?.pid).toBe(servicePid);
    expect(logText()).toContain('station service found');
    expect((await call('system.info')).ok).toBe(true);
    // A new window has a connection of its own: not signed in, so no folder picker either.
    expect((await call('export.chooseFolder')).error?.code).toBe('unauthenticated');
    expect(dialog.openDialogCalls).toBe(0);
  });

  it('tells the page when the service goes away, and follows it when it comes back anew', async () => {
    const wc = mainContents();
    const before = consoleApp.runtime() as ServiceRuntime;
    const states = () =>
      wc.sent.filter(([ch]) => ch === CONNECTION_CHANNEL).map(([, v]) => v as boolean);
    const seen = states().length;
    process.kill(before.pid, 'SIGTERM');
    await until(() => states().slice(seen).includes(false), 'the disconnected state');
    expect(logText()).toContain('station service connection lost');
    // Nobody restarts a service the console started: the console starts it again and moves there.
    await until(
      () => states().slice(seen).join() === 'false,true',
      'the reconnected state',
      30_000,
    );
    const after = consoleApp.runtime() as ServiceRuntime;
    seenPids.add(after.pid);
    expect(after.pid).not.toBe(before.pid);
    // The token is kept in the data folder across restarts (an open page reconnects by
    // itself); the port is not: the console follows the new runtime file.
    expect(after.token).toBe(before.token);
    const info = await call('system.info');
    expect(info.result).toMatchObject({
      mediaBaseUrl: after.mediaBaseUrl,
      mediaToken: after.token,
    });
    app.quit();
    expect(await app.exited).toBe(0);
  });
});

describe('console start-up refusals', () => {
  beforeEach(() => resetElectron());

  it('a second console instance quits at once, before touching the service or opening a window', async () => {
    app.gotLock = false;
    const second = launch();
    expect(second.started).toBeNull();
    expect(app.quitCalls).toBe(1);
    app.ready();
    // Nothing may happen (a fixed wait is the point).
    await sleep(50);
    expect(FakeBrowserWindow.all).toHaveLength(0);
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('says so in a dialog and exits 1 when the service cannot start', async () => {
    const buildDir = path.join(root, 'broken-build');
    mkdirSync(buildDir, { recursive: true });
    writeFileSync(path.join(buildDir, 'station-service.cjs'), 'process.exit(3);\n');
    const other = path.join(root, 'other-data');
    const saved = dataDir;
    dataDir = other;
    try {
      const failing = launch({ buildDir });
      app.ready();
      await failing.started;
      expect(await app.exited).toBe(1);
    } finally {
      dataDir = saved;
    }
    expect(dialog.errorBoxes).toHaveLength(1);
    expect(dialog.errorBoxes[0]?.content).toContain(path.join(other, 'logs', 'service-start.log'));
    expect(FakeBrowserWindow.all).toHaveLength(0);
  });
});
