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
  timeoutMs?: number;
}

export function serviceStartOptions(l: ServiceLaunch): StartServiceOptions {
  return {
    command: l.execPath,
    args: [path.join(l.buildDir, SERVICE_ENTRY), '--data-dir', l.dataDir, ...(l.extraArgs ?? [])],
    runtimeFile: runtimeFileIn(l.dataDir),
    logFile: path.join(l.dataDir, 'logs', 'service-start.log'),
    env: { ...(l.env ?? process.env), ELECTRON_RUN_AS_NODE: '1' },
    ...(l.timeoutMs !== undefined ? { timeoutMs: l.timeoutMs } : {}),
  };
}
