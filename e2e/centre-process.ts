// The district centre as its maintainers run it: the built command
// (dist/centre-service/centre.mjs, what `npm run centre` runs) for add-station and
// serve, each a child process on a data folder of its own.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

/** The built centre command; `npm run build` makes it. */
export const BUILT_CENTRE = 'dist/centre-service/centre.mjs';

function requireBuilt(): void {
  if (!existsSync(BUILT_CENTRE) || !existsSync('dist/centre/index.html')) {
    throw new Error(`${BUILT_CENTRE} or dist/centre is missing: run \`npm run build\` first`);
  }
}

/** A free TCP port on loopback (the hub's leaf port must stay the same across its restarts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const port = (s.address() as { port: number }).port;
        s.close(() => resolve(port));
      });
  });
}

/** Registers a station; returns the credentials file its commander loads. */
export function addStation(
  dataDir: string,
  id: string,
  name: string,
  hub: { host: string; port: number },
): string {
  requireBuilt();
  const out = spawnSync(
    process.execPath,
    [
      BUILT_CENTRE,
      'add-station',
      id,
      name,
      '--hub-host',
      hub.host,
      '--hub-port',
      String(hub.port),
      '--data',
      dataDir,
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  if (out.status !== 0) throw new Error(`add-station ${id} failed:\n${out.stderr}${out.stdout}`);
  const file = /credentials file: (\S+)/.exec(out.stdout)?.[1];
  if (!file) throw new Error(`add-station ${id} named no credentials file:\n${out.stdout}`);
  return file;
}

export interface RunningCentre {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startCentre(
  dataDir: string,
  leaf: { host: string; port: number },
): Promise<RunningCentre> {
  requireBuilt();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      BUILT_CENTRE,
      'serve',
      '--data',
      dataDir,
      '--http-port',
      '0',
      '--leaf-host',
      leaf.host,
      `--leaf-port=${leaf.port}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-4000)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`centre did not start:\n${err}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`centre exited ${String(code)}:\n${err}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /^CENTRE_READY (\S+)/.exec(line);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  return {
    url,
    pid: child.pid ?? -1,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
