// Controller for the GStreamer RTSP test rig (rtsp_rig.py), shared by vitest
// integration tests, Playwright e2e and the live benchmark.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const RIG_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rtsp_rig.py');
// Debian's python has the gi bindings; a pyenv/venv python on PATH usually does not.
const PYTHON = process.env.RIG_PYTHON ?? '/usr/bin/python3';

export interface RigOptions {
  /** 0 (default) = free port; restart() reuses whatever port was bound. */
  port?: number;
  h264?: string[];
  h265?: string[];
  /** H.264 noise at ~8 Mbit/s: fills socket buffers fast (slow-client tests). */
  heavy?: string[];
  /** Mounts that need basic auth (served as H.264). */
  authMounts?: string[];
  authUser?: string;
  authPass?: string;
  /** Adds <name>_sub (320x180) for every H.264 mount. */
  sub?: boolean;
  /** Mounts <name>-a1..-aN sharing each H.264 encoder (benchmarks with many "cameras"). */
  aliases?: number;
  readyTimeoutMs?: number;
}

export interface Rig {
  readonly port: number;
  readonly authUser: string;
  readonly authPass: string;
  /** rtsp://127.0.0.1:<port>/<mount>, with credentials when given. */
  url(mount: string, creds?: { user: string; pass: string }): string;
  /** Kills the server: every camera goes offline. Resolves when the process has exited. */
  stop(): Promise<void>;
  /** Starts the server again on the same port: cameras come back. */
  restart(): Promise<void>;
  running(): boolean;
  /** SIGSTOP/SIGCONT: the camera stops answering without closing its sockets (network gone). */
  freeze(): void;
  thaw(): void;
}

interface Running {
  child: ChildProcess;
  port: number;
  exited: Promise<void>;
}

function buildArgs(opts: RigOptions, port: number): string[] {
  const args = [RIG_SCRIPT, '--port', String(port)];
  if (opts.h264?.length) args.push('--h264', opts.h264.join(','));
  if (opts.h265?.length) args.push('--h265', opts.h265.join(','));
  if (opts.heavy?.length) args.push('--heavy', opts.heavy.join(','));
  if (opts.authMounts?.length) args.push('--auth-mounts', opts.authMounts.join(','));
  args.push('--auth-user', opts.authUser ?? 'admin', '--auth-pass', opts.authPass ?? '12345');
  if (opts.sub) args.push('--sub');
  if (opts.aliases) args.push('--aliases', String(opts.aliases));
  return args;
}

function launch(opts: RigOptions, port: number): Promise<Running> {
  const child = spawn(PYTHON, buildArgs(opts, port), { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderrTail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-2000);
  });
  const timeoutMs = opts.readyTimeoutMs ?? 15_000;
  return new Promise<Running>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`RTSP rig failed to start: ${why}\n${stderrTail}`));
    };
    const timer = setTimeout(() => fail('timeout'), timeoutMs);
    child.once('error', (err) => fail(err.message));
    const onEarlyExit = (code: number | null) => fail(`exited with ${String(code)}`);
    child.once('exit', onEarlyExit);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { ready?: boolean; port?: number };
        if (msg.ready && typeof msg.port === 'number') {
          clearTimeout(timer);
          child.off('exit', onEarlyExit);
          lines.close();
          resolve({ child, port: msg.port, exited });
        }
      } catch {
        // not the readiness line
      }
    });
  });
}

async function kill(run: Running): Promise<void> {
  if (run.child.exitCode !== null || run.child.signalCode !== null) return;
  run.child.kill('SIGCONT'); // a frozen rig cannot handle SIGTERM
  run.child.kill('SIGTERM');
  const timer = setTimeout(() => run.child.kill('SIGKILL'), 3000);
  await run.exited;
  clearTimeout(timer);
}

const live = new Set<Running>();
let exitHookInstalled = false;

export async function startRig(opts: RigOptions = {}): Promise<Rig> {
  if (!exitHookInstalled) {
    // A crashed test run must not leave RTSP servers behind.
    process.once('exit', () => {
      for (const r of live) r.child.kill('SIGKILL');
    });
    exitHookInstalled = true;
  }
  let current: Running | null = await launch(opts, opts.port ?? 0);
  live.add(current);
  const port = current.port;
  const authUser = opts.authUser ?? 'admin';
  const authPass = opts.authPass ?? '12345';

  return {
    port,
    authUser,
    authPass,
    url(mount, creds) {
      const auth = creds
        ? `${encodeURIComponent(creds.user)}:${encodeURIComponent(creds.pass)}@`
        : '';
      return `rtsp://${auth}127.0.0.1:${port}/${mount}`;
    },
    async stop() {
      if (!current) return;
      const run = current;
      current = null;
      await kill(run);
      live.delete(run);
    },
    async restart() {
      if (current) {
        await kill(current);
        live.delete(current);
        current = null;
      }
      // The old socket may linger briefly; retry the bind a few times (bounded).
      let lastError: unknown = null;
      for (let attempt = 0; attempt < 10; attempt++) {
        try {
          current = await launch(opts, port);
          live.add(current);
          return;
        } catch (err) {
          lastError = err;
          await new Promise((r) => setTimeout(r, 300));
        }
      }
      throw lastError instanceof Error ? lastError : new Error('RTSP rig restart failed');
    },
    running() {
      return current !== null;
    },
    freeze() {
      current?.child.kill('SIGSTOP');
    },
    thaw() {
      current?.child.kill('SIGCONT');
    },
  };
}
