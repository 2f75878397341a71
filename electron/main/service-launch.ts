// How the console starts the station service where none answers: Electron's own
// binary run as Node on the bundled service entry, detached, so it keeps recording
// after the console quits. Its first lines go to <dataDir>/logs/service-start.log.
import path from 'node:path';
import { runtimeFileIn } from '../core/service/runtime-file';
import type { StartServiceOptions } from '../core/service/service-locator';

export const SERVICE_ENTRY = 'station-service.cjs';

export interface ServiceLaunch {
  /** The program: Electron's binary (process.execPath) in the shell, Node in tests. */
  execPath: string;
  /** The folder of the built shell, where station-service.cjs lies beside main.cjs. */
  buildDir: string;
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  /** More service arguments (tests pass --demo off). */
  extraArgs?: string[];
  /** The packaged app's ffmpeg folder (bundledFfmpegDir()): found first on the service's PATH. */
  bundledFfmpegDir?: string;
  timeoutMs?: number;
}

export function serviceStartOptions(l: ServiceLaunch): StartServiceOptions {
  return {
    command: l.execPath,
    args: [path.join(l.buildDir, SERVICE_ENTRY), '--data-dir', l.dataDir, ...(l.extraArgs ?? [])],
    runtimeFile: runtimeFileIn(l.dataDir),
    logFile: path.join(l.dataDir, 'logs', 'service-start.log'),
    env: {
      ...withPathFirst(l.env ?? process.env, l.bundledFfmpegDir),
      ELECTRON_RUN_AS_NODE: '1',
    },
    ...(l.timeoutMs !== undefined ? { timeoutMs: l.timeoutMs } : {}),
  };
}

/**
 * `dir` ahead of the rest of PATH. The service looks for ffmpeg in its setting first,
 * then on PATH, so the bundled one keeps the place it had in-process: after the setting.
 */
function withPathFirst(env: NodeJS.ProcessEnv, dir: string | undefined): NodeJS.ProcessEnv {
  if (!dir) return { ...env };
  // Windows spells it Path; a copied environment is no longer case-insensitive.
  const key = Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
  const rest = env[key];
  return { ...env, [key]: rest ? `${dir}${path.delimiter}${rest}` : dir };
}
