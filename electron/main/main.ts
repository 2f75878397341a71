// The Electron shell's entry: a console window on the station service, which
// records on its own (electron/service/station-service.ts). console-app.ts holds
// the lifecycle; this file only names the real paths, the log and the signals.
import { app } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installProcessGuards } from '../core/app/process-guards';
import { createLogger } from '../core/logging/logger';
import { defaultDataDir } from '../core/service/service-locator';
import { bundledFfmpegDir } from '../core/streams/ffmpeg-locator';
import { startConsole } from './console-app';

/** The console's own log beside the service's console.log (two writers never share a file). */
const CONSOLE_LOG_FILE = 'console-window.log';

// dist/electron/main.cjs → dist/electron
const here = path.dirname(fileURLToPath(import.meta.url));
// The same folder the service uses when none is given (STATION_DATA_DIR first).
const dataDir = defaultDataDir();
const logger = createLogger({ dir: path.join(dataDir, 'logs'), fileName: CONSOLE_LOG_FILE });
installProcessGuards(logger);

// Electron's binary runs the service as Node (service-launch.ts).
startConsole({
  dataDir,
  buildDir: here,
  service: {
    execPath: process.execPath,
    ...(app.isPackaged ? { bundledFfmpegDir: bundledFfmpegDir(process.resourcesPath) } : {}),
  },
  logger,
  iconPath: path.join(here, '..', '..', 'resources', 'icons', 'icon.png'),
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
