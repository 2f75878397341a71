// What the station-service specs share: the contract client of a service found
// through its runtime file, the ffmpeg processes writing into a data folder, and
// recorded-time arithmetic over the index.
import { readdirSync, readFileSync } from 'node:fs';
import { WebSocket } from 'ws';
import { createApi, type StationApi } from '../electron/contract/api';
import type { PlaybackSegment } from '../electron/contract/playback-schemas';
import {
  createWsTransport,
  type WebSocketConstructor,
  type WsTransport,
} from '../electron/contract/ws-client';
import {
  readRuntimeFile,
  rpcUrlWithToken,
  type ServiceRuntime,
} from '../electron/core/service/runtime-file';
import { E2E_ADMIN } from './station-process';

export interface ServiceClient {
  runtime: ServiceRuntime;
  api: StationApi;
  /** The signed-in session's token (a page joins it through the renderer's resume path). */
  sessionToken: string;
  close(): void;
}

/** The contract over the service's WebSocket, signed in as the e2e administrator (set up if new). */
export async function connectToService(runtimeFile: string, pid?: number): Promise<ServiceClient> {
  const runtime = await readRuntimeFile(runtimeFile);
  if (!runtime) throw new Error(`no runtime file at ${runtimeFile}`);
  // A file a killed service left names a port nothing answers on.
  if (pid !== undefined && runtime.pid !== pid)
    throw new Error(`runtime file of pid ${runtime.pid}`);
  const transport: WsTransport = createWsTransport(rpcUrlWithToken(runtime), {
    WebSocket: WebSocket as unknown as WebSocketConstructor,
  });
  const api = createApi(transport);
  const state = await api.auth.state();
  const session = state.setupRequired
    ? await api.auth.setup(E2E_ADMIN)
    : await api.auth.signIn({ officerId: state.officers[0]!.id, password: E2E_ADMIN.password });
  return { runtime, api, sessionToken: session.token, close: () => transport.close() };
}

/** Pids of ffmpeg processes whose command line names `dataDir` (its recorders, say). */
export function ffmpegUnder(dataDir: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // exited meanwhile
    }
    if (/ffmpeg$/.test(argv[0] ?? '') && argv.some((a) => a.includes(dataDir)))
      out.push(Number(name));
  }
  return out;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Milliseconds of [from, to] the segments cover (they do not overlap). */
export function coveredMs(segments: readonly PlaybackSegment[], from: number, to: number): number {
  let sum = 0;
  for (const s of segments) sum += Math.max(0, Math.min(s.endMs, to) - Math.max(s.startMs, from));
  return sum;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 100 ms until it returns true or `timeoutMs` passes (bounded). */
export async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await sleep(100);
  }
  return false;
}
