// Closing the console never stops recording. As users run it: the launcher the
// start command runs (dist/electron/browser-console.cjs) starts the station service
// detached and opens Chromium's app window on a (virtual) display; four ward
// cameras record with the product's defaults (60 s segments); the window is killed,
// as a closed or crashed console is. Three minutes later every camera has ≥ 99 %
// of the window recorded, the launcher run again finds the same service, and the
// reopened console shows the same cameras recording.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { consoleUrl, runtimeFileIn } from '../electron/core/service/runtime-file';
import { expect, test, wardCameras } from './fixtures';
import { connectToService, coveredMs, isAlive, until, type ServiceClient } from './service-kit';
import { openConsole } from './station-process';
import { startXvfb, type VirtualDisplay } from './xvfb';

const CAMS = ['cam1', 'cam2', 'cam3', 'cam4'];
const WINDOW_MS = 180_000;
const LAUNCHER = 'dist/electron/browser-console.cjs';

test.use({ rigOptions: wardCameras({ h264: CAMS }) });

/** Runs the launcher; resolves with its first JSON line (the service it found or started). */
function launch(
  dataDir: string,
  env: NodeJS.ProcessEnv,
  extra: string[] = [],
): { child: ChildProcess; service: Promise<{ pid: number; started: boolean }> } {
  const child = spawn(process.execPath, [LAUNCHER, '--data-dir', dataDir, ...extra], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env,
  });
  const service = new Promise<{ pid: number; started: boolean }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('launcher printed nothing in 30 s')), 30_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { service?: { pid: number; started: boolean } };
        if (msg.service) {
          clearTimeout(timer);
          resolve(msg.service);
        }
      } catch {
        // its human-readable lines
      }
    });
  });
  return { child, service };
}

/** The console window's Chromium processes (its profile lives in the data folder). */
function consoleWindowPids(dataDir: string): number[] {
  const ps = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).stdout.split('\n');
  return ps
    .filter((l) => l.includes(`--user-data-dir=${path.join(dataDir, 'chromium-profile')}`))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

test('closing the console while 4 cameras record: ≥ 99 % recorded, the same service and state on reopening', async ({
  rig,
  page,
}) => {
  test.setTimeout(WINDOW_MS + 150_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'station-close-'));
  let display: VirtualDisplay | null = null;
  let client: ServiceClient | null = null;
  let servicePid = 0;
  try {
    display = await startXvfb();
    const env = { ...process.env, DISPLAY: display.display, CHROMIUM_PATH: '/usr/bin/chromium' };
    const first = launch(dataDir, env);
    const started = await first.service;
    expect(started.started).toBe(true);
    servicePid = started.pid;
    client = await connectToService(runtimeFileIn(dataDir), servicePid);
    const ids: string[] = [];
    for (const name of CAMS)
      ids.push((await client.api.cameras.add({ name, mainUrl: rig.url(name) })).id);
    expect(
      await until(async () => {
        const st = await client!.api.recordings.statuses();
        return ids.every((id) => st.some((s) => s.cameraId === id && s.recording));
      }, 30_000),
    ).toBe(true);
    const windowStart = Date.now();

    // The console window is open; then it is gone (killed, as a crash or a closed window).
    expect(await until(async () => consoleWindowPids(dataDir).length > 0, 20_000)).toBe(true);
    // The console stays open 10 s (the wait is the point).
    await new Promise((r) => setTimeout(r, 10_000));
    const launcherExited = new Promise<number | null>((r) => first.child.once('exit', r));
    for (const pid of consoleWindowPids(dataDir)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone with its parent
      }
    }
    expect(await launcherExited).toBe(0);
    expect(isAlive(servicePid)).toBe(true);

    // The service records alone to the end of the window (the wait is the point).
    await new Promise((r) => setTimeout(r, windowStart + WINDOW_MS - Date.now()));
    const windowEnd = Date.now();
    expect(isAlive(servicePid)).toBe(true);

    // Reopened: the launcher finds the running service; the console shows the cameras recording.
    const again = launch(dataDir, env, ['--no-window']);
    expect(await again.service).toEqual({ pid: servicePid, started: false });
    await openConsole(page, consoleUrl(client.runtime), client.sessionToken);
    const recs = page.locator('[data-testid="tile-rec"][data-recording="true"]');
    await expect(recs).toHaveCount(CAMS.length, { timeout: 30_000 });
    await page.screenshot({ path: 'e2e/artifacts/console-reopened.png' });

    const rows: string[] = [];
    for (const [i, cameraId] of ids.entries()) {
      const { segments, gaps } = await client.api.playback.segments({
        cameraId,
        fromMs: windowStart,
        toMs: windowEnd,
      });
      const share = coveredMs(segments, windowStart, windowEnd) / (windowEnd - windowStart);
      rows.push(
        `${CAMS[i]}: ${(share * 100).toFixed(2)} % of ${windowEnd - windowStart} ms recorded`,
      );
      if (share < 0.99)
        console.log(
          JSON.stringify({
            windowStart,
            windowEnd,
            segments: segments.map((x) => [
              x.startMs - windowStart,
              x.endMs - windowStart,
              x.growing,
            ]),
            gaps: gaps.map((g) => [
              g.startMs - windowStart,
              g.endMs && g.endMs - windowStart,
              g.reason,
            ]),
          }),
        );
      expect(share, `${CAMS[i]} recorded share`).toBeGreaterThanOrEqual(0.99);
    }
    console.log(rows.join('\n'));
  } finally {
    client?.close();
    if (servicePid && isAlive(servicePid)) {
      process.kill(servicePid, 'SIGTERM');
      await until(async () => !isAlive(servicePid), 15_000);
    }
    for (const pid of consoleWindowPids(dataDir)) process.kill(pid, 'SIGKILL');
    await display?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
