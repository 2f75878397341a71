// Runs one nats-server (Debian's package, or the copy the installer ships in
// resources/nats/<platform>) from a config file we wrote, and says when it is
// ready: the station's leaf node and the centre's hub are both this. The server
// picks its own ports (listen :-1) and we read them from its log, so two
// stations, a hub and a test never fight over a port.
import type { ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { hasExited, interruptTree, killTree, spawnTree } from '../streams/process-tree';

export class NatsServerMissing extends Error {
  constructor(tried: readonly string[]) {
    super(
      'Không tìm thấy chương trình nats-server (cần để nối với trung tâm). ' +
        'Cài lại phần mềm trạm, hoặc trên Debian/Ubuntu: apt-get install nats-server. ' +
        `/ nats-server not found (tried: ${tried.join(', ')}).`,
    );
    this.name = 'NatsServerMissing';
  }
}

export class NatsServerFailed extends Error {
  constructor(
    readonly name_: string,
    readonly logTail: string,
  ) {
    super(
      `nats-server "${name_}" did not start: ${logTail.trim().split('\n').slice(-3).join(' | ')}`,
    );
    this.name = 'NatsServerFailed';
  }
}

/**
 * nats-server to run: STATION_NATS_SERVER, then the bundled copy, then PATH.
 * Throws NatsServerMissing naming the places it looked.
 */
export function findNatsServer(
  opts: { resourcesPath?: string; env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform } = {},
): string {
  const env = opts.env ?? process.env;
  const platform = opts.platform ?? process.platform;
  const exe = platform === 'win32' ? 'nats-server.exe' : 'nats-server';
  const candidates: string[] = [];
  if (env.STATION_NATS_SERVER) candidates.push(env.STATION_NATS_SERVER);
  if (opts.resourcesPath) candidates.push(path.join(opts.resourcesPath, 'nats', platform, exe));
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    candidates.push(path.join(dir, exe));
  }
  for (const file of candidates) {
    try {
      accessSync(file, platform === 'win32' ? constants.F_OK : constants.X_OK);
      return file;
    } catch {
      /* next */
    }
  }
  throw new NatsServerMissing(candidates.slice(0, 4));
}

export interface NatsServerProcess {
  readonly name: string;
  readonly pid: number;
  /** nats://127.0.0.1:<port> for clients. */
  readonly clientUrl: string;
  /** The leaf-node listener's port, when the config opened one. */
  readonly leafPort: number | null;
  /** Resolves with the exit code (null when killed by a signal) when the server stops. */
  readonly exited: Promise<number | null>;
  /** The last lines it logged (errors are read from here). */
  logTail(): string;
  /** Asks it to stop (it flushes JetStream), killing it after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartNatsOptions {
  binary: string;
  configFile: string;
  /** For logs and errors: "hub", "st-p1". */
  name: string;
  readyTimeoutMs?: number;
  /** Each line the server logs (the service log keeps them). */
  onLog?: (line: string) => void;
}

const READY = /Server is ready/;
const CLIENT_PORT = /Listening for client connections on [^\s]*:(\d+)/;
const LEAF_PORT = /Listening for leafnode connections on [^\s]*:(\d+)/;
const TAIL_LINES = 40;

export function startNatsServer(opts: StartNatsOptions): Promise<NatsServerProcess> {
  const child: ChildProcess = spawnTree(opts.binary, ['-c', opts.configFile]);
  const tail: string[] = [];
  let clientPort: number | null = null;
  let leafPort: number | null = null;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(-1));
  });

  return new Promise<NatsServerProcess>((resolve, reject) => {
    let settled = false;
    const fail = (why: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      killTree(child);
      reject(new NatsServerFailed(opts.name, `${tail.join('\n')}\n${why}`));
    };
    const timer = setTimeout(
      () => fail(`not ready after ${opts.readyTimeoutMs ?? 15_000} ms`),
      opts.readyTimeoutMs ?? 15_000,
    );
    let partial = '';
    const onData = (chunk: Buffer): void => {
      partial += chunk.toString('utf8');
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        opts.onLog?.(line);
        tail.push(line);
        if (tail.length > TAIL_LINES) tail.shift();
        clientPort ??= Number(CLIENT_PORT.exec(line)?.[1] ?? 0) || null;
        leafPort ??= Number(LEAF_PORT.exec(line)?.[1] ?? 0) || null;
        if (!settled && READY.test(line)) {
          if (clientPort === null) {
            fail('no client port in its log');
            return;
          }
          settled = true;
          clearTimeout(timer);
          resolve(handle(clientPort, leafPort));
        }
      }
    };
    // nats-server logs to stderr.
    child.stderr?.on('data', onData);
    child.stdout?.on('data', onData);
    child.once('error', (err) => fail(String(err)));
    void exited.then((code) => fail(`exited with code ${String(code)}`));
  });

  function handle(port: number, leaf: number | null): NatsServerProcess {
    return {
      name: opts.name,
      pid: child.pid ?? -1,
      clientUrl: `nats://127.0.0.1:${port}`,
      leafPort: leaf,
      exited,
      logTail: () => tail.join('\n'),
      async stop(graceMs = 5_000): Promise<void> {
        if (hasExited(child)) return;
        interruptTree(child);
        const timer = setTimeout(() => killTree(child), graceMs);
        await exited;
        clearTimeout(timer);
      },
    };
  }
}
