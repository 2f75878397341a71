// The built shell (dist/electron/main.cjs, bundled from main.ts) run by Node with
// the fake electron module in place of the binary's: it finds the real service
// already running on its data folder, registers IPC, opens the window on the
// app entry with the bundled preload, and quits when the window closes, leaving
// the service running.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../contract/channels';
import { isServiceUp, startServiceDetached } from '../core/service/service-locator';
import type { ServiceRuntime } from '../core/service/runtime-file';
import { serviceStartOptions } from './service-launch';

const DIST = path.resolve('dist', 'electron');
let dir: string;
let service: ServiceRuntime;

beforeAll(async () => {
  const build = spawnSync(process.execPath, ['scripts/build-electron.mjs'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  dir = mkdtempSync(path.join(tmpdir(), 'station-bundle-'));
  service = await startServiceDetached(
    serviceStartOptions({
      execPath: process.execPath,
      buildDir: DIST,
      dataDir: dir,
      extraArgs: ['--demo', 'off'],
    }),
  );
});

afterAll(async () => {
  // Started detached on purpose; ended here by its pid.
  if (service) process.kill(service.pid, 'SIGTERM');
  for (let i = 0; i < 100 && service && (await isServiceUp(service, 200)); i++)
    await new Promise((r) => setTimeout(r, 100));
  rmSync(dir, { recursive: true, force: true });
});

describe('built shell (main.cjs)', () => {
  it('finds the running service, opens the window after IPC, and quits leaving the service up', async () => {
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--import',
        './electron/main/testing/run-bundle-with-fake-electron.ts',
        path.join(DIST, 'main.cjs'),
      ],
      {
        encoding: 'utf8',
        timeout: 60_000,
        // Only this test's folder: STATION_RUNTIME_FILE points at its runtime file too.
        env: {
          ...process.env,
          STATION_DATA_DIR: dir,
          STATION_RUNTIME_FILE: path.join(dir, 'service.json'),
        },
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout.trim().split('\n').pop() as string) as {
      window: boolean;
      preload: string;
      url: string;
      handlers: number;
      timeline: string[];
    };
    expect(report).toMatchObject({
      window: true,
      preload: path.join(DIST, 'preload.cjs'),
      url: 'app://station/index.html',
      handlers: Object.keys(channels).length + 1,
    });
    const t = report.timeline;
    expect(t.indexOf('new BrowserWindow')).toBeGreaterThan(t.indexOf('ipcMain.handle system.info'));
    expect(t.at(-1)).toBe('exit 0');

    // The console's log is its own file; the service keeps console.log.
    const consoleLog = readFileSync(path.join(dir, 'logs', 'console-window.log'), 'utf8');
    expect(consoleLog).toContain(`"msg":"station service found","pid":${service.pid}`);
    expect(readFileSync(path.join(dir, 'logs', 'console.log'), 'utf8')).not.toContain(
      'station service found',
    );
    expect(await isServiceUp(service)).toBe(true);
  });
});
