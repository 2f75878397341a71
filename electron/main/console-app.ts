// The console's lifecycle: one instance, the station service found (or started
// detached) before the window opens, the IPC bridge to it registered before the
// page loads, the page watched for crashes and hangs, and a quit that ends only
// the console: the service goes on recording.
import { app, BrowserWindow, dialog, powerSaveBlocker, session } from 'electron';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { WebSocket } from 'ws';
import type { Logger } from '../core/logging/logger';
import { REPORT_ROUTE_PREFIX } from '../contract/media-routes';
import type { WebSocketConstructor } from '../contract/ws-client';
import type { ServiceRuntime } from '../core/service/runtime-file';
import {
  findOrStartService,
  runtimeFileCandidates,
  ServiceStartError,
} from '../core/service/service-locator';
import { APP_ENTRY, isAppUrl, registerAppScheme, serveRenderer } from './app-protocol';
import { chooseExportFolder } from './choose-folder';
import { guardAllWebContents, guardPermissions } from './contents-guard';
import { installCsp } from './csp';
import { registerIpc, type IpcBridge } from './ipc';
import { watchRenderer } from './renderer-watchdog';
import { serviceStartOptions, type ServiceLaunch } from './service-launch';
import { createServiceTransport } from './service-transport';
import { createMainWindow } from './window';

export interface ConsoleOptions {
  dataDir: string;
  /** Where the built shell lies: preload.cjs beside it, the renderer in ../renderer. */
  buildDir: string;
  /** How to start the service where none answers (dataDir and buildDir come from above). */
  service: Omit<ServiceLaunch, 'dataDir' | 'buildDir'>;
  logger: Logger;
  /** Where runtime files are looked for (default: runtimeFileCandidates(dataDir)). */
  runtimeFiles?: string[];
  iconPath?: string;
  /** How long a window's connection may be down before the service is looked for anew. */
  relocateAfterMs?: number;
}

export interface ConsoleApp {
  /** Settles once the window is open (or start-up failed and the app is exiting); null: not the first instance. */
  readonly started: Promise<void> | null;
  window(): BrowserWindow | null;
  runtime(): ServiceRuntime | null;
}

export function startConsole(opts: ConsoleOptions): ConsoleApp {
  const { logger } = opts;
  // Chromium's own widgets (date fields) in Vietnamese order, dd/mm/yyyy; set before ready.
  app.commandLine.appendSwitch('lang', 'vi');
  let win: BrowserWindow | null = null;
  let runtime: ServiceRuntime | null = null;
  let bridge: IpcBridge | null = null;
  let stopWatching: (() => void) | null = null;
  let blockerId: number | null = null;
  let shutdown: Promise<void> | null = null;
  // The service's report PDFs open in a window of their own; known once the service is.
  const isReportUrl = (url: string) =>
    runtime !== null && url.startsWith(`${runtime.mediaBaseUrl}${REPORT_ROUTE_PREFIX}`);

  const handle: ConsoleApp = { started: null, window: () => win, runtime: () => runtime };

  registerAppScheme();
  guardAllWebContents(isReportUrl);

  if (!app.requestSingleInstanceLock()) {
    // One console per desktop: a second would only be a second window on the same service.
    app.quit();
    return handle;
  }

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  app.on('window-all-closed', () => app.quit());

  // app.exit() skips before-quit, so this runs once per quit request and the teardown is shared.
  app.on('before-quit', (event) => {
    event.preventDefault();
    void stopConsole().finally(() => app.exit(0));
  });

  let locating: Promise<ServiceRuntime> | null = null;
  /** The running service, or one started where none answers; one search at a time for all windows. */
  function locateService(): Promise<ServiceRuntime> {
    locating ??= findOrStartService(
      opts.runtimeFiles ?? runtimeFileCandidates(opts.dataDir),
      serviceStartOptions({ ...opts.service, dataDir: opts.dataDir, buildDir: opts.buildDir }),
    )
      .then(({ runtime: rt, started }) => {
        logger.info(started ? 'station service started' : 'station service found', {
          pid: rt.pid,
          port: rt.port,
          dataDir: rt.dataDir,
        });
        return rt;
      })
      .finally(() => {
        locating = null;
      });
    return locating;
  }

  async function startup(): Promise<void> {
    installCsp(session.defaultSession);
    guardPermissions(session.defaultSession);
    serveRenderer(path.join(opts.buildDir, '..', 'renderer'));
    runtime = await locateService();
    bridge = registerIpc({
      connect: () =>
        createServiceTransport({
          runtime: runtime as ServiceRuntime,
          locate: () =>
            locateService().catch((err: unknown) => {
              logger.warn('station service not reachable yet; will look again', { err });
              return null;
            }),
          ws: { WebSocket: WebSocket as unknown as WebSocketConstructor },
          ...(opts.relocateAfterMs !== undefined ? { relocateAfterMs: opts.relocateAfterMs } : {}),
          onRelocated: (rt) => {
            runtime = rt;
          },
        }),
      isTrustedUrl: isAppUrl,
      logger: logger.child('ipc'),
      chooseFolder: () => chooseExportFolder(win),
    });
    // The duty-room screen must never blank out while cameras are on it.
    blockerId = powerSaveBlocker.start('prevent-display-sleep');
    openWindow(bridge);
  }

  function openWindow(ipc: IpcBridge): void {
    const w = createMainWindow({
      preloadPath: path.join(opts.buildDir, 'preload.cjs'),
      url: APP_ENTRY,
      title: app.getName(),
      isReportUrl,
      ...(opts.iconPath && existsSync(opts.iconPath) ? { iconPath: opts.iconPath } : {}),
    });
    win = w;
    const contents = w.webContents;
    // Opened now, so it is up by the time the page first asks.
    ipc.connectionOf(contents);
    stopWatching = watchRenderer(contents, {
      logger: logger.child('window'),
      report: (event) => ipc.connectionOf(contents).invoke('system.consoleEvent', event),
    });
    w.on('closed', () => {
      stopWatching?.();
      stopWatching = null;
      win = null;
    });
  }

  /** Ends the console only: connections closed, the power blocker released; never the service. */
  function stopConsole(): Promise<void> {
    shutdown ??= (async () => {
      stopWatching?.();
      bridge?.dispose();
      if (blockerId !== null && powerSaveBlocker.isStarted(blockerId))
        powerSaveBlocker.stop(blockerId);
    })();
    return shutdown;
  }

  const started = app
    .whenReady()
    .then(startup)
    .catch((err: unknown) => {
      logger.error('startup failed', { err });
      // The one start-up failure an officer can act on: say it, in their words.
      if (err instanceof ServiceStartError) dialog.showErrorBox(app.getName(), err.message);
      void stopConsole().finally(() => app.exit(1));
    });
  return { ...handle, started };
}
