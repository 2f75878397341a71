// Browser mode: the real core with the contract over a loopback WebSocket, and
// the built renderer served from the media server. Used by `npm run dev:browser`,
// `npm run start:browser` (scripts/start.mjs) and the e2e tests.
//
//   --data-dir DIR      station data (default $STATION_DATA_DIR or ./.station-data)
//   --port N            media server port, 0 = random (default $STATION_PORT or 0)
//   --demo auto|off     create the demo station on an empty registry (default auto)
//   --ffmpeg PATH       ffmpeg to use, overriding the setting
//   --renderer-dir DIR  built renderer (default dist/renderer next to this build or the repo)
//
// Prints one JSON line when ready: {"ready":true,"url":"http://127.0.0.1:PORT/#token=…",…}
import { installProcessGuards } from './app/process-guards';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createStationCore } from './app/station-core';
import { staticAppRoute } from './app/static-app-route';

function rendererCandidates(explicit: string | undefined): string[] {
  if (explicit) return [explicit];
  const here = path.dirname(fileURLToPath(import.meta.url));
  return [
    process.env.STATION_RENDERER_DIR ?? '',
    path.join(here, '..', 'renderer'), // dist/electron/browser-server.cjs → dist/renderer
    path.join(here, '..', '..', 'dist', 'renderer'), // electron/core/browser-server.ts (tsx)
    path.join(process.cwd(), 'dist', 'renderer'),
  ].filter(Boolean);
}

function packageVersion(): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(path.join(process.cwd(), 'package.json'), 'utf8'));
    const v = (pkg as { version?: unknown }).version;
    return typeof v === 'string' ? v : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      demo: { type: 'string' },
      ffmpeg: { type: 'string' },
      'renderer-dir': { type: 'string' },
    },
    strict: true,
  });
  const dataDir = path.resolve(
    values['data-dir'] ?? process.env.STATION_DATA_DIR ?? '.station-data',
  );
  const port = Number(values.port ?? process.env.STATION_PORT ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`bad --port ${values.port}`);
  const demo = values.demo ?? 'auto';
  if (demo !== 'auto' && demo !== 'off') throw new Error(`--demo must be auto or off, not ${demo}`);

  const core = await createStationCore({
    dataDir,
    demo,
    version: packageVersion(),
    platform: process.platform,
    enableWsRpc: true,
    port,
    ...(values.ffmpeg ? { ffmpegPath: values.ffmpeg } : {}),
  });

  installProcessGuards(core.logger);
  let stopping: Promise<void> | null = null;
  const stop = (code: number) => {
    stopping ??= core
      .dispose()
      .catch((err: unknown) => core.logger.error('shutdown failed', { err }))
      .finally(() => process.exit(code));
    return stopping;
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

  const started = await core.start();
  process.stdout.write(
    JSON.stringify({
      ready: true,
      url: `${started.mediaBaseUrl}/#token=${started.mediaToken}`,
      rpcUrl: `ws://127.0.0.1:${started.port}/rpc?token=${started.mediaToken}`,
      port: started.port,
      dataDir,
      renderer: rendererDir ?? null,
    }) + '\n',
  );
}

main().catch((err: unknown) => {
  process.stderr.write(
    `browser-server failed: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
