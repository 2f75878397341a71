// The station service's runtime file: how a console finds the running service.
// Written once the media server listens (port, per-launch token, pid), owner-only
// (0600: the token opens the contract), atomically (a console never reads half a
// file), and removed on a clean stop. The installed Linux service runs as its own
// user, so it writes the file 0640 for its group, which the officer's desktop user
// is in (build/linux/station-console.service). A file left by a killed service names a pid
// that is gone or a port that does not answer: service-locator.ts checks both.
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';

export const RUNTIME_FILE_NAME = 'service.json';

export const ServiceRuntime = z.object({
  pid: z.number().int().positive(),
  port: z.number().int().min(1).max(65535),
  /** The media server's per-launch token; also the contract's WebSocket token. */
  token: z.string().min(16),
  mediaBaseUrl: z.string().url(),
  /** ws://127.0.0.1:PORT/rpc (the token goes in its query). */
  rpcUrl: z.string(),
  dataDir: z.string(),
  version: z.string(),
  startedAt: z.number(),
});
export type ServiceRuntime = z.infer<typeof ServiceRuntime>;

/** The console's address (the built renderer, served by the service) with the launch token. */
export function consoleUrl(rt: ServiceRuntime): string {
  return `${rt.mediaBaseUrl}/#token=${rt.token}`;
}

/** The contract over WebSocket, token included. */
export function rpcUrlWithToken(rt: ServiceRuntime): string {
  return `${rt.rpcUrl}?token=${encodeURIComponent(rt.token)}`;
}

export function runtimeFileIn(dir: string): string {
  return join(dir, RUNTIME_FILE_NAME);
}

export interface RuntimeFileOptions {
  /** 0640 instead of 0600: the service's group may read the token. */
  groupRead?: boolean;
}

export async function writeRuntimeFile(
  file: string,
  rt: ServiceRuntime,
  opts: RuntimeFileOptions = {},
): Promise<void> {
  const mode = opts.groupRead ? 0o640 : 0o600;
  await mkdir(dirname(file), { recursive: true, mode: opts.groupRead ? 0o750 : 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(rt, null, 2) + '\n', { mode });
  // writeFile's mode applies only to a file it creates (and the umask narrows it).
  await chmod(tmp, mode);
  await rename(tmp, file);
}

/** The file's contents, or null when there is none or it is not a runtime file. */
export async function readRuntimeFile(file: string): Promise<ServiceRuntime | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = ServiceRuntime.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Removes the file if it is still this process's (a newer service may have replaced it). */
export async function removeRuntimeFile(file: string, pid = process.pid): Promise<void> {
  const rt = await readRuntimeFile(file);
  if (rt && rt.pid !== pid) return;
  await rm(file, { force: true });
}
