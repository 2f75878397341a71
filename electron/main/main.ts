// The Electron shell: lifecycle, single instance, window, safeStorage, power
// save blocker, IPC registration and an orderly shutdown. Everything else is
// the core (electron/core), which knows nothing about Electron.
import { app, BrowserWindow, dialog, powerSaveBlocker, session } from 'electron';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStationCore, type StationCore } from '../core/app/station-core';
import { createLogger } from '../core/logging/logger';
import { DataFolderInUseError } from '../core/app/data-folder-lock';
import { installProcessGuards } from '../core/app/process-guards';
import { KeyFileSecretBox } from '../core/secrets/key-file-secret-box';
import { PrefixedSecretBoxes } from '../core/secrets/prefixed-secret-boxes';
import type { SecretBox } from '../core/secrets/secret-box';
import { bundledFfmpegDir } from '../core/streams/ffmpeg-locator';
import { chooseExportFolder } from './choose-folder';
import { guardAllWebContents, guardPermissions } from './contents-guard';
import { APP_ENTRY, isAppUrl, registerAppScheme, serveRenderer } from './app-protocol';
import { installCsp } from './csp';
import { registerIpc } from './ipc';
import { SafeStorageSecretBox } from './safe-storage-secret-box';
import { createMainWindow } from './window';

// dist/electron/main.cjs → dist/electron
const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = process.env.STATION_DATA_DIR || app.getPath('userData');
const logger = createLogger({ dir: path.join(dataDir, 'logs') });
installProcessGuards(logger);

let core: StationCore | null = null;
let win: BrowserWindow | null = null;
let unregisterIpc: (() => void) | null = null;
let blockerId: number | null = null;
let shutdown: Promise<void> | null = null;

function secretBox(): SecretBox {
  const keyFile = KeyFileSecretBox.forDataDir(dataDir);
  if (!SafeStorageSecretBox.isUsable()) {
    logger.warn('safeStorage unavailable; camera passwords sealed with the key file');
    return keyFile;
  }
  // Prefer the OS keystore; still open passwords sealed earlier with the key file.
  return new PrefixedSecretBoxes(new SafeStorageSecretBox(), [keyFile]);
}

/** The media server's report address, known once the core has started. */
let reportPrefix: string | null = null;

async function startup(): Promise<void> {
  installCsp(session.defaultSession);
  guardPermissions(session.defaultSession);
  serveRenderer(path.join(here, '..', 'renderer'));
  core = await createStationCore({
    dataDir,
    secretBox: secretBox(),
    demo: 'auto',
    version: app.getVersion(),
    platform: process.platform,
    enableWsRpc: false,
    logger,
    chooseFolder: () => chooseExportFolder(win),
    ...(app.isPackaged ? { bundledFfmpegDir: bundledFfmpegDir(process.resourcesPath) } : {}),
  });
  const { mediaBaseUrl } = await core.start();
  reportPrefix = `${mediaBaseUrl}/reports/`;
  unregisterIpc = registerIpc({ core, isTrustedUrl: isAppUrl, logger: logger.child('ipc') });
  // The duty-room screen must never blank out while cameras are on it.
  blockerId = powerSaveBlocker.start('prevent-display-sleep');
  openWindow();
}

function openWindow(): void {
  const icon = path.join(here, '..', '..', 'resources', 'icons', 'icon.png');
  win = createMainWindow({
    preloadPath: path.join(here, 'preload.cjs'),
    url: APP_ENTRY,
    title: app.getName(),
    isReportUrl: (url) => reportPrefix !== null && url.startsWith(reportPrefix),
    ...(existsSync(icon) ? { iconPath: icon } : {}),
  });
  win.on('closed', () => {
    win = null;
  });
}

/** Stops every service (and every ffmpeg) before the process exits. */
function stopAll(): Promise<void> {
  shutdown ??= (async () => {
    unregisterIpc?.();
    if (blockerId !== null && powerSaveBlocker.isStarted(blockerId))
      powerSaveBlocker.stop(blockerId);
    try {
      await core?.dispose();
    } catch (err) {
      logger.error('shutdown failed', { err });
    }
  })();
  return shutdown;
}

registerAppScheme();
guardAllWebContents((url) => reportPrefix !== null && url.startsWith(reportPrefix));

if (!app.requestSingleInstanceLock()) {
  // Two consoles would fight over the database and the cameras' connection limits.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  app.on('window-all-closed', () => app.quit());

  // app.exit() skips before-quit, so this runs once per quit request and the dispose is shared.
  app.on('before-quit', (event) => {
    event.preventDefault();
    void stopAll().finally(() => app.exit(0));
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  app
    .whenReady()
    .then(startup)
    .catch((err: unknown) => {
      logger.error('startup failed', { err });
      // The one start-up failure an officer can act on: say it, in their words.
      if (err instanceof DataFolderInUseError) dialog.showErrorBox(app.getName(), err.message);
      void stopAll().finally(() => app.exit(1));
    });
}
