// A real station core in browser mode, as a child process with a fresh data
// directory: used by the Playwright fixtures and by the benchmarks. It runs the
// built core (dist/electron/station-service.cjs), the very file `npm start` runs,
// so bundling faults (a module left out of the bundle, say) fail the tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Page } from '@playwright/test';
import { WebSocket } from 'ws';
import { createApi, type StationApi } from '../electron/contract/api';
import { createWsTransport, type WebSocketConstructor } from '../electron/contract/ws-client';

export interface Station {
  url: string;
  dataDir: string;
  /**
   * The same contract the renderer uses, over the same WebSocket transport: for test
   * set-up. Signed in as E2E_ADMIN unless the station started with account 'none'.
   */
  api: StationApi;
  /** Opens the console and waits until its first data load has finished. */
  open(page: Page): Promise<void>;
}

export interface StationStartOptions {
  /** Recording segment length (STATION_SEGMENT_SECONDS); short segments close quickly in tests. */
  segmentSeconds?: number;
  /**
   * 'admin' (default): the first-start administrator is created through the contract
   * and `open()` lands signed in as them; 'none': a fresh station at its first-start screen.
   */
  account?: 'admin' | 'none';
  /** An existing data folder (benchmarks seed one); default: a fresh temporary one, removed on stop. */
  dataDir?: string;
  /**
   * The media server's port; default: a free one. A restart on the same folder and
   * port is what an open console page reconnects to.
   */
  port?: number;
}

/** The administrator the e2e stations are set up with. */
export const E2E_ADMIN = {
  fullName: 'Nguyễn Văn An',
  rank: 'Thiếu tá',
  badgeNumber: '001-234',
  password: 'TrucBan@2026',
} as const;

/** The built browser-mode core: what `npm start` and the tests run (build with `npm run build`). */
export const BUILT_CORE = 'dist/electron/station-service.cjs';

/** Where the renderer keeps its session token (renderer/auth). */
const SESSION_KEY = 'station.session';

export async function startStation(
  demo: 'auto' | 'off',
  opts: StationStartOptions = {},
): Promise<{
  station: Station;
  pid: number;
  /** Resolves with the service's exit code when it exits (a commander's stop, say). */
  exitCode: Promise<number | null>;
  stop: () => Promise<void>;
}> {
  if (!existsSync(BUILT_CORE) || !existsSync('dist/renderer/index.html')) {
    throw new Error(`${BUILT_CORE} or dist/renderer is missing: run \`npm run build\` first`);
  }
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'station-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [BUILT_CORE, '--data-dir', dataDir, '--port', String(opts.port ?? 0), '--demo', demo],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        STATION_LOG_LEVEL: 'warn',
        // Discovery may send only to 127/8: a test never probes a real network.
        STATION_NET_LOOPBACK_ONLY: '1',
        ...(opts.segmentSeconds ? { STATION_SEGMENT_SECONDS: String(opts.segmentSeconds) } : {}),
      },
    },
  );
  let stderrTail = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderrTail = (stderrTail + c.toString()).slice(-4000);
  });
  const exitCode = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  const exited = exitCode.then(() => undefined);
  const ready = await new Promise<{ url: string; rpcUrl: string }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`station did not start:\n${stderrTail}`)),
      30_000,
    );
    const onEarlyExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`station exited with ${String(code)}:\n${stderrTail}`));
    };
    child.once('exit', onEarlyExit);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { ready?: boolean; url?: string; rpcUrl?: string };
        if (msg.ready && msg.url && msg.rpcUrl) {
          clearTimeout(timer);
          child.off('exit', onEarlyExit);
          resolve({ url: msg.url, rpcUrl: msg.rpcUrl });
        }
      } catch {
        // other output
      }
    });
  });
  const transport = createWsTransport(ready.rpcUrl, {
    WebSocket: WebSocket as unknown as WebSocketConstructor,
  });
  const url = ready.url;
  const api = createApi(transport);
  // The page joins the set-up session with the renderer's own resume path.
  const sessionToken =
    (opts.account ?? 'admin') === 'admin' ? (await api.auth.setup(E2E_ADMIN)).token : null;
  const station: Station = {
    url,
    dataDir,
    api,
    open: (page) => openConsole(page, url, sessionToken),
  };
  const stop = async () => {
    transport.close();
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
    await exited;
    clearTimeout(timer);
    if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  return { station, pid: child.pid ?? -1, exitCode, stop };
}

/**
 * Ends a station a test may have left hung (SIGSTOP): it is continued first, so it
 * can stop cleanly, then its data folder goes.
 */
export async function endHungStation(
  run: { pid: number; stop(): Promise<void> },
  dataDir: string,
): Promise<void> {
  try {
    process.kill(run.pid, 'SIGCONT');
  } catch {
    // already gone
  }
  await run.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

/**
 * Opens the console at `url` (with its launch token) and waits until its first data
 * load has finished; with a session token, the page joins that session through the
 * renderer's own resume path.
 */
export async function openConsole(
  page: Page,
  url: string,
  sessionToken: string | null,
): Promise<void> {
  if (sessionToken) {
    await page.addInitScript(
      ([key, token]) => {
        if (!sessionStorage.getItem(key)) sessionStorage.setItem(key, token);
      },
      [SESSION_KEY, sessionToken] as const,
    );
  }
  await page.goto(url);
  await page.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
}
