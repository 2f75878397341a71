// The station service: the headless core (cameras, recording, retention, media
// server, database) with the contract over a loopback WebSocket and the built
// renderer served from the media server. It runs on its own, started at boot by
// systemd or the Windows service wrapper (or detached by a console where none is
// installed), and outlives every console: closing a window never stops recording.
// Consoles find it through its runtime file (core/service/runtime-file.ts).
//
//   --data-dir DIR      station data (default $STATION_DATA_DIR, else the user's data folder)
//   --runtime-file F    where to write the runtime file (default DIR/service.json)
//   --runtime-file-group-read  write it 0640, not 0600 (the installed Linux service:
//                       its group is the consoles' users)
//   --port N            media server port, 0 = random (default $STATION_PORT or 0)
//   --demo auto|off     create the demo station on an empty registry (default auto)
//   --ffmpeg PATH       ffmpeg to use, overriding the setting
//   --renderer-dir DIR  built renderer (default dist/renderer next to this build or the repo)
//
// Prints one JSON line when ready: {"ready":true,"url":"http://127.0.0.1:PORT/#token=…",…}
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { RPC_PATH } from '../contract/rpc-wire';
import { DataFolderInUseError } from '../core/app/data-folder-lock';
import { installProcessGuards } from '../core/app/process-guards';
import { createStationCore } from '../core/app/station-core';
import { staticAppRoute } from '../core/app/static-app-route';
import { HEALTH_PATH, defaultDataDir, type HealthBody } from '../core/service/service-locator';
import { STOPPED_BY_COMMANDER_EXIT } from '../core/service/exit-codes';
import { loadMediaToken } from '../core/service/media-token-file';
import { removeRuntimeFile, runtimeFileIn, writeRuntimeFile } from '../core/service/runtime-file';
import { trackChildren } from '../core/streams/child-pid-file';
import { bundledFfmpegDir } from '../core/streams/ffmpeg-locator';

function rendererCandidates(explicit: string | undefined): string[] {
  if (explicit) return [explicit];
  const here = path.dirname(fileURLToPath(import.meta.url));
  return [
    process.env.STATION_RENDERER_DIR ?? '',
    path.join(here, '..', 'renderer'), // dist/electron/station-service.cjs → dist/renderer
    path.join(here, '..', '..', 'dist', 'renderer'), // electron/service/station-service.ts (tsx)
    path.join(process.cwd(), 'dist', 'renderer'),
  ].filter(Boolean);
}

/**
 * The packaged app's resources folder when this runs from inside it
 * (<resources>/app.asar/dist/electron/station-service.cjs, run by Electron as Node,
 * which has no `app.isPackaged`), else null.
 */
function packagedResourcesDir(): string | null {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const asar = path.resolve(here, '..', '..');
  return path.basename(asar) === 'app.asar' ? path.dirname(asar) : null;
}

function packageVersion(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // The installed service's working directory is its data folder: read the app's own.
  for (const file of [
    path.join(here, '..', '..', 'package.json'),
    path.join(process.cwd(), 'package.json'),
  ]) {
    try {
      const pkg: unknown = JSON.parse(readFileSync(file, 'utf8'));
      const v = (pkg as { version?: unknown }).version;
      if (typeof v === 'string') return v;
    } catch {
      // next candidate
    }
  }
  return '0.0.0';
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      demo: { type: 'string' },
      ffmpeg: { type: 'string' },
      'renderer-dir': { type: 'string' },
      'runtime-file': { type: 'string' },
      'runtime-file-group-read': { type: 'boolean' },
    },
    strict: true,
  });
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  const runtimeFile = path.resolve(values['runtime-file'] ?? runtimeFileIn(dataDir));
  const port = Number(values.port ?? process.env.STATION_PORT ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`bad --port ${values.port}`);
  const demo = values.demo ?? 'auto';
  if (demo !== 'auto' && demo !== 'off') throw new Error(`--demo must be auto or off, not ${demo}`);

  const startedAt = Date.now();
  const resources = packagedResourcesDir();
  // Recorders a killed predecessor left running are stopped before this one records.
  const children = await trackChildren(dataDir);
  // Set once the core exists: a commander's stop (system.stopService) ends this process.
  let stopRequested: (() => void) | null = null;
  const core = await createStationCore({
    stopService: () => stopRequested?.(),
    dataDir,
    demo,
    version: packageVersion(),
    platform: process.platform,
    enableWsRpc: true,
    port,
    // Kept across restarts: an open console reconnects by itself after a crash.
    mediaToken: await loadMediaToken(dataDir),
    ...(values.ffmpeg ? { ffmpegPath: values.ffmpeg } : {}),
    // The Windows package carries its ffmpeg (resources/ffmpeg/win32); the setting still wins.
    ...(resources
      ? { bundledFfmpegDir: bundledFfmpegDir(resources), resourcesPath: resources }
      : {}),
  });

  installProcessGuards(core.logger);
  if (children.killed.length > 0)
    core.logger.warn('stale ffmpeg from a previous service stopped', { pids: children.killed });
  let stopping: Promise<void> | null = null;
  const stop = (code: number) => {
    stopping ??= removeRuntimeFile(runtimeFile)
      .catch(() => undefined)
      .then(() => core.dispose())
      .catch((err: unknown) => core.logger.error('shutdown failed', { err }))
      .finally(() => process.exit(code));
    return stopping;
  };
  // A distinct exit status: systemd's RestartPreventExitStatus and the Windows wrapper
  // leave a commander's stop alone instead of restarting the service at once.
  stopRequested = () => {
    core.logger.warn('station service stopped by a commander');
    // Under WinSW any exit of ours is a failure it restarts: the service asks the
    // Service Control Manager to stop it instead (WinSW names its service id to us).
    const winswId = process.platform === 'win32' ? process.env.WINSW_SERVICE_ID : undefined;
    if (winswId) {
      spawn('sc.exe', ['stop', winswId], { detached: true, stdio: 'ignore', windowsHide: true })
        .on('error', () => void stop(STOPPED_BY_COMMANDER_EXIT))
        .unref();
      return;
    }
    void stop(STOPPED_BY_COMMANDER_EXIT);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  const rendererDir = rendererCandidates(values['renderer-dir']).find((d) =>
    existsSync(path.join(d, 'index.html')),
  );
  if (rendererDir)
    core.media.addHttpRoute('/', staticAppRoute(rendererDir), { tokenRequired: false });
  else
    core.logger.warn(
      'built renderer not found; run npm run build:renderer (RPC and media still work)',
    );

  // Token required: the answer proves to a console that this is the service its file names.
  core.media.addHttpRoute(HEALTH_PATH, (_req, res) => {
    const body: HealthBody = { ok: true, pid: process.pid, startedAt };
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  });

  const started = await core.start();
  await writeRuntimeFile(
    runtimeFile,
    {
      pid: process.pid,
      port: started.port,
      token: started.mediaToken,
      mediaBaseUrl: started.mediaBaseUrl,
      rpcUrl: `ws://127.0.0.1:${started.port}${RPC_PATH}`,
      dataDir,
      version: packageVersion(),
      startedAt,
    },
    { groupRead: values['runtime-file-group-read'] === true },
  );
  process.stdout.write(
    JSON.stringify({
      ready: true,
      url: `${started.mediaBaseUrl}/#token=${started.mediaToken}`,
      rpcUrl: `ws://127.0.0.1:${started.port}${RPC_PATH}?token=${started.mediaToken}`,
      port: started.port,
      dataDir,
      renderer: rendererDir ?? null,
    }) + '\n',
  );
}

main().catch((err: unknown) => {
  // The lock's message is already the officer's (Vietnamese, then English).
  const message =
    err instanceof DataFolderInUseError
      ? err.message
      : `station service failed: ${err instanceof Error ? err.message : String(err)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
