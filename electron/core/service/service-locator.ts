// How a console finds the station service: read a runtime file, then ask the
// service itself (GET /health with the file's token) whether it is the one that
// wrote it. A file left by a killed service fails that check (nothing listens, or
// something else does and refuses the token). Where no service answers, the
// console may start one detached: it outlives the console (closing the window
// never stops recording), and it writes its own runtime file when it is ready.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { readRuntimeFile, runtimeFileIn, type ServiceRuntime } from './runtime-file';

export const HEALTH_PATH = '/health';

export interface HealthBody {
  ok: true;
  pid: number;
  startedAt: number;
}

/** The data folder a console and a service use on this machine when none is given. */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (env.STATION_DATA_DIR) return env.STATION_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? homedir(), 'station-console');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'station-console');
}

/**
 * Where runtime files are looked for, in order: an explicit one, the installed
 * service's (systemd's RuntimeDirectory; ProgramData on Windows), then the one of a
 * service the console started itself beside its data folder.
 */
export function runtimeFileCandidates(
  dataDir: string,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  const out: string[] = [];
  if (env.STATION_RUNTIME_FILE) out.push(env.STATION_RUNTIME_FILE);
  if (platform === 'linux') out.push('/run/station-console/service.json');
  if (platform === 'win32')
    out.push(join(env.ProgramData ?? 'C:\\ProgramData', 'StationConsole', 'service.json'));
  out.push(runtimeFileIn(dataDir));
  return out;
}

/** Whether the service named by `rt` answers as itself within `timeoutMs`. */
export async function isServiceUp(rt: ServiceRuntime, timeoutMs = 1500): Promise<boolean> {
  try {
    const res = await fetch(`${rt.mediaBaseUrl}${HEALTH_PATH}`, {
      headers: { 'x-station-token': rt.token },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) return false;
    const body = (await res.json()) as Partial<HealthBody>;
    return body.ok === true && body.pid === rt.pid;
  } catch {
    return false;
  }
}

/** The first candidate whose service answers, or null. */
export async function findService(candidates: readonly string[]): Promise<ServiceRuntime | null> {
  for (const file of candidates) {
    const rt = await readRuntimeFile(file);
    if (rt && (await isServiceUp(rt))) return rt;
  }
  return null;
}

export interface StartServiceOptions {
  /** The program: Node, or Electron's binary with ELECTRON_RUN_AS_NODE=1 in `env`. */
  command: string;
  /** The service entry and its arguments (`--data-dir` included). */
  args: string[];
  /** Where the started service writes its runtime file (runtimeFileIn(dataDir)). */
  runtimeFile: string;
  /** Its stdout and stderr (a detached process has no terminal). */
  logFile: string;
  env?: NodeJS.ProcessEnv;
  /** How long to wait for it to answer. */
  timeoutMs?: number;
}

export class ServiceStartError extends Error {
  constructor(
    message: string,
    readonly logFile: string,
  ) {
    super(message);
    this.name = 'ServiceStartError';
  }
}

/**
 * Starts the service detached (its own process group on POSIX, no console window on
 * Windows) and waits until its runtime file names a service that answers. It is not
 * this process's child in any way that matters: it keeps recording when the console exits.
 */
export async function startServiceDetached(opts: StartServiceOptions): Promise<ServiceRuntime> {
  mkdirSync(dirname(opts.logFile), { recursive: true, mode: 0o700 });
  const out = openSync(opts.logFile, 'a', 0o600);
  let exited: number | null = null;
  try {
    const child = spawn(opts.command, opts.args, {
      detached: true,
      windowsHide: true,
      stdio: ['ignore', out, out],
      env: opts.env ?? process.env,
    });
    child.on('exit', (code) => {
      exited = code ?? 1;
    });
    child.on('error', () => {
      exited = 127;
    });
    child.unref();
  } finally {
    closeSync(out);
  }
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  // Bounded by the deadline: one check every 150 ms.
  while (Date.now() < deadline) {
    if (exited !== null) {
      throw new ServiceStartError(
        `Dịch vụ trạm dừng ngay khi khởi động (mã ${exited}); xem nhật ký: ${opts.logFile} / ` +
          `the station service exited at start (code ${exited}); see its log.`,
        opts.logFile,
      );
    }
    const rt = await readRuntimeFile(opts.runtimeFile);
    if (rt && (await isServiceUp(rt, 1000))) return rt;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new ServiceStartError(
    `Dịch vụ trạm không trả lời sau ${Math.round((opts.timeoutMs ?? 20_000) / 1000)} giây; ` +
      `xem nhật ký: ${opts.logFile} / the station service did not answer in time; see its log.`,
    opts.logFile,
  );
}

/**
 * Files that exist when the packages installed the station service (systemd unit;
 * the Windows installer's folder): then a console never starts a second one.
 */
export function installedServiceMarkers(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  if (platform === 'linux')
    return [
      '/lib/systemd/system/station-console.service',
      '/etc/systemd/system/station-console.service',
    ];
  if (platform === 'win32')
    return [join(env.ProgramData ?? 'C:\\ProgramData', 'StationConsole', 'data')];
  return [];
}

export class InstalledServiceUnreachableError extends Error {
  constructor(readonly marker: string) {
    super(
      'Dịch vụ ghi hình đã được cài trên máy này nhưng không trả lời. Nếu vừa cài đặt: đăng xuất khỏi ' +
        'máy rồi đăng nhập lại (quyền đọc dịch vụ có hiệu lực từ lần đăng nhập sau). Nếu vẫn vậy: ' +
        'khởi động lại máy hoặc báo cán bộ kỹ thuật. / The installed station service does not answer. ' +
        'If it was just installed, sign out of the PC and back in; otherwise restart the PC or call ' +
        `the technician. (${marker})`,
    );
    this.name = 'InstalledServiceUnreachableError';
  }
}

/**
 * The running service, or one started detached when none answers. Where the packages
 * installed the service (a marker in `installedMarkers` exists), none is started: a
 * second service would record every camera twice (a console that cannot read the
 * installed one's runtime file yet is told what to do instead).
 */
export async function findOrStartService(
  candidates: readonly string[],
  start: StartServiceOptions,
  installedMarkers: readonly string[] = installedServiceMarkers(),
): Promise<{ runtime: ServiceRuntime; started: boolean }> {
  const found = await findService(candidates);
  if (found) return { runtime: found, started: false };
  const marker = installedMarkers.find((m) => existsSync(m));
  if (marker) throw new InstalledServiceUnreachableError(marker);
  return { runtime: await startServiceDetached(start), started: true };
}
