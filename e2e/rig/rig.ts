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
  /** How secured mounts ask for the password; ward cameras mostly use digest. Default basic. */
  authMethod?: 'basic' | 'digest';
  /** Adds an H.264 <name>_sub for every H.264 and H.265 mount (Dahua: H.265 main, H.264 sub). */
  sub?: boolean;
  /** Main stream size; default 640x360. */
  mainSize?: Size;
  /** Sub-stream size; default 320x180 (a ward's D1 sub-stream: 704x576). */
  subSize?: Size;
  /** Frame rate as a GStreamer fraction; default '25/1' (ward cameras: '25/2' or '15/1'). */
  fps?: string;
  /** Seconds between keyframes; default 1 (ward cameras: 2–4). */
  gopSeconds?: number;
  /**
   * Cameras that power-cycle: served as H.264 (same shape options) by a second rig
   * process on its own fixed port, killed and restarted on a schedule, so while
   * "down" the port refuses connections and open sessions are torn down.
   */
  powerCycle?: PowerCycleOptions;
  /**
   * H.264/H.265 mounts and their subs burn the wall clock (ms) into the picture's top
   * band (read with clock-stamp.ts): glass-to-glass latency.
   */
  clockStamp?: boolean;
  /** Tests of the rig's own self-check: extra element[=package] names it must find. */
  requireElements?: string[];
  /** Mounts <name>-a1..-aN sharing each H.264 encoder (benchmarks with many "cameras"). */
  aliases?: number;
  /**
   * A pipeline per client instead of one shared. The power-cycling cameras use it: two
   * clients (recorder and live view) asking a freshly started shared media at once
   * sometimes left both without a picture for the whole up window, a rig race, not
   * something the station could fix.
   */
  unshared?: boolean;
  readyTimeoutMs?: number;
  /**
   * Cameras whose picture fails on command (`rig.tamper`): a moving test scene with
   * noise under an OSD clock, served as <name> and <name>_sub (one pipeline). They get
   * a password when also listed in authMounts.
   */
  tamper?: string[];
  /** A busier moving scene with noise (false-alarm soaks); also takes commands. */
  busy?: string[];
  /** Picture size of tamper and busy mounts; default CIF 352x288 (D1: 704x576). */
  tamperSize?: Size;
  /** Codec of tamper and busy mounts; default h264. */
  tamperCodec?: 'h264' | 'h265';
}

/** What a tamper mount's picture shows; `normal` is the moving scene. */
export type PictureState = 'normal' | 'black' | 'frozen' | 'covered' | 'scene';

export interface Size {
  width: number;
  height: number;
}

export const D1: Size = { width: 704, height: 576 };
export const CIF: Size = { width: 352, height: 288 };

export interface PowerCycleOptions {
  mounts: string[];
  /** How long each outage lasts; default 8000. */
  downMs?: number;
  /** One outage per period (up for periodMs − downMs); default 20000. */
  periodMs?: number;
}

/** One stretch during which a power-cycling camera answered (wall-clock ms). */
export interface UpWindow {
  /** When the restarted rig printed ready (its port accepts connections). */
  upAt: number;
  /** When it was killed; null while still up. */
  downAt: number | null;
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
  /** Port of the power-cycling cameras (null without powerCycle). */
  readonly cyclingPort: number | null;
  /** Up windows of the power-cycling cameras so far, oldest first. */
  cycleLog(): UpWindow[];
  /**
   * Switches a tamper/busy mount's picture and resolves once the rig has set it on
   * every running session of that mount (later sessions start in it too). The RTSP
   * session stays up. A restarted rig starts every mount in `normal`.
   */
  tamper(mount: string, state: PictureState, timeoutMs?: number): Promise<void>;
}

interface Running {
  child: ChildProcess;
  port: number;
  exited: Promise<void>;
  /** Lines the rig printed after ready (command replies), one callback each, in order. */
  replies: ((line: string | null) => void)[];
  /** The last 2 000 characters the rig wrote to stderr. */
  stderrTail: () => string;
  /** Set when the test stops it: any other exit is a crash. */
  retired?: boolean;
}

function buildArgs(opts: RigOptions, port: number): string[] {
  const args = [RIG_SCRIPT, '--port', String(port)];
  if (opts.h264?.length) args.push('--h264', opts.h264.join(','));
  if (opts.h265?.length) args.push('--h265', opts.h265.join(','));
  if (opts.heavy?.length) args.push('--heavy', opts.heavy.join(','));
  if (opts.authMounts?.length) args.push('--auth-mounts', opts.authMounts.join(','));
  args.push('--auth-user', opts.authUser ?? 'admin', '--auth-pass', opts.authPass ?? '12345');
  if (opts.authMethod) args.push('--auth-method', opts.authMethod);
  if (opts.sub) args.push('--sub');
  if (opts.mainSize) args.push('--main-size', `${opts.mainSize.width}x${opts.mainSize.height}`);
  if (opts.subSize) args.push('--sub-size', `${opts.subSize.width}x${opts.subSize.height}`);
  if (opts.fps) args.push('--fps', opts.fps);
  if (opts.gopSeconds) args.push('--gop', String(opts.gopSeconds));
  if (opts.aliases) args.push('--aliases', String(opts.aliases));
  if (opts.unshared) args.push('--unshared');
  if (opts.clockStamp) args.push('--clock-stamp');
  if (opts.tamper?.length) args.push('--tamper', opts.tamper.join(','));
  if (opts.busy?.length) args.push('--busy', opts.busy.join(','));
  if (opts.tamperSize)
    args.push('--tamper-size', `${opts.tamperSize.width}x${opts.tamperSize.height}`);
  if (opts.tamperCodec) args.push('--tamper-codec', opts.tamperCodec);
  for (const e of opts.requireElements ?? []) args.push('--require-element', e);
  return args;
}

function launch(opts: RigOptions, port: number): Promise<Running> {
  // stdin carries picture commands to tamper mounts; the replies come back on stdout.
  const child = spawn(PYTHON, buildArgs(opts, port), { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin?.on('error', () => undefined); // a dead rig: the reply wait reports it
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
    // 'close', not 'exit': by then stdout is drained, so a self-check line was seen first.
    const onEarlyExit = (code: number | null) => fail(`exited with ${String(code)}`);
    child.once('close', onEarlyExit);
    const lines = createInterface({ input: child.stdout! });
    const replies: Running['replies'] = [];
    let ready = false;
    lines.on('close', () => replies.splice(0).forEach((reply) => reply(null)));
    lines.on('line', (line) => {
      if (ready) {
        replies.shift()?.(line);
        return;
      }
      try {
        const msg = JSON.parse(line) as { ready?: boolean; port?: number; message?: string };
        // The rig's self-check names what is missing and the package to install.
        if (msg.ready === false && msg.message) fail(msg.message);
        else if (msg.ready && typeof msg.port === 'number') {
          clearTimeout(timer);
          child.off('close', onEarlyExit);
          ready = true;
          resolve({ child, port: msg.port, exited, replies, stderrTail: () => stderrTail });
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

/** Starts a rig process on `port`, retrying while the old socket of a killed one lingers. */
async function relaunch(opts: RigOptions, port: number): Promise<Running> {
  let lastError: unknown = null;
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      return await launch(opts, port);
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  throw lastError instanceof Error ? lastError : new Error('RTSP rig restart failed');
}

function track(run: Running): Running {
  live.add(run);
  return run;
}

async function retire(run: Running | null): Promise<void> {
  if (!run) return;
  run.retired = true;
  await kill(run);
  live.delete(run);
}

/**
 * The power-cycling cameras: their own rig process on a fixed port, killed after
 * periodMs − downMs up and started again downMs later, for as long as it runs.
 */
class PowerCycler {
  readonly log: UpWindow[] = [];
  private current: Running | null = null;
  private active = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> = Promise.resolve();
  private readonly opts: RigOptions;
  private readonly downMs: number;
  private readonly upMs: number;

  private constructor(
    opts: RigOptions,
    cycle: PowerCycleOptions,
    readonly port: number,
  ) {
    this.opts = opts;
    this.downMs = cycle.downMs ?? 8000;
    this.upMs = (cycle.periodMs ?? 20_000) - this.downMs;
  }

  static async start(base: RigOptions, cycle: PowerCycleOptions): Promise<PowerCycler> {
    if ((cycle.periodMs ?? 20_000) <= (cycle.downMs ?? 8000))
      throw new Error('powerCycle.periodMs must exceed downMs');
    // Same shape (fps, GOP, sizes, sub) as the other cameras; only the cycling mounts.
    const opts: RigOptions = {
      ...base,
      h264: cycle.mounts,
      h265: [],
      heavy: [],
      authMounts: [],
      aliases: 0,
      tamper: [],
      busy: [],
      unshared: true,
    };
    const first = track(await launch(opts, 0));
    const cycler = new PowerCycler(opts, cycle, first.port);
    cycler.current = first;
    cycler.log.push({ upAt: Date.now(), downAt: null });
    cycler.run();
    return cycler;
  }

  private run(): void {
    this.active = true;
    this.loop = (async () => {
      // Bounded by stop(): every wait wakes up when it is called.
      while (this.active) {
        await this.pause(this.upMs);
        if (!this.active) break;
        const window = this.log[this.log.length - 1];
        if (window) window.downAt = Date.now();
        await retire(this.current);
        this.current = null;
        await this.pause(this.downMs);
        if (!this.active) break;
        this.current = track(await relaunch(this.opts, this.port));
        this.log.push({ upAt: Date.now(), downAt: null });
      }
    })();
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  async stop(): Promise<void> {
    this.active = false;
    this.wake?.();
    await this.loop.catch(() => undefined);
    const window = this.log[this.log.length - 1];
    if (this.current && window && window.downAt === null) window.downAt = Date.now();
    await retire(this.current);
    this.current = null;
  }

  async resume(): Promise<void> {
    if (this.active) return;
    this.current = track(await relaunch(this.opts, this.port));
    this.log.push({ upAt: Date.now(), downAt: null });
    this.run();
  }
}

export async function startRig(opts: RigOptions = {}): Promise<Rig> {
  if (!exitHookInstalled) {
    // A crashed test run must not leave RTSP servers behind.
    process.once('exit', () => {
      for (const r of live) r.child.kill('SIGKILL');
    });
    exitHookInstalled = true;
  }
  let current: Running | null = null;
  let respawns = 0;
  let stopped = false;
  // A rig process that dies on its own (GStreamer crashed under load) is a test-rig
  // failure, not a camera behaviour under test: say so loudly with its stderr, and
  // bring it back on the same port like a camera that reboots, a few times at most.
  const adopt = (run: Running): Running => {
    run.child.once('exit', (code, signal) => {
      if (run.retired || current !== run) return;
      console.warn(
        `RTSP rig on port ${run.port} died unexpectedly (code ${String(code)}, signal ${String(signal)})` +
          `; stderr tail:\n${run.stderrTail()}`,
      );
      live.delete(run);
      current = null;
      if (respawns >= 3) return;
      respawns++;
      relaunch(opts, run.port).then(
        (next) => {
          if (current === null && !stopped) current = adopt(track(next));
          else void retire(next);
        },
        (err: unknown) => console.warn(`RTSP rig respawn failed: ${String(err)}`),
      );
    });
    return run;
  };
  current = adopt(track(await launch(opts, opts.port ?? 0)));
  const port = current.port;
  let cycler: PowerCycler | null = null;
  if (opts.powerCycle) {
    try {
      cycler = await PowerCycler.start(opts, opts.powerCycle);
    } catch (err) {
      await retire(current);
      throw err;
    }
  }
  const cycling = new Set(opts.powerCycle?.mounts.flatMap((m) => [m, `${m}_sub`]) ?? []);
  const authUser = opts.authUser ?? 'admin';
  const authPass = opts.authPass ?? '12345';

  return {
    port,
    authUser,
    authPass,
    cyclingPort: cycler?.port ?? null,
    url(mount, creds) {
      const auth = creds
        ? `${encodeURIComponent(creds.user)}:${encodeURIComponent(creds.pass)}@`
        : '';
      const p = cycler && cycling.has(mount) ? cycler.port : port;
      return `rtsp://${auth}127.0.0.1:${p}/${mount}`;
    },
    async stop() {
      stopped = true;
      const run = current;
      current = null;
      await Promise.all([retire(run), cycler?.stop()]);
    },
    async restart() {
      stopped = false;
      await retire(current);
      current = null;
      current = adopt(track(await relaunch(opts, port)));
      await cycler?.resume();
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
    cycleLog() {
      return (cycler?.log ?? []).map((w) => ({ ...w }));
    },
    tamper(mount, state, timeoutMs = 5000) {
      if (!current) return Promise.reject(new Error(`rig.tamper(${mount}): the rig is stopped`));
      return sendPictureCommand(current, mount, state, timeoutMs);
    },
  };
}

/** One stdin command, answered by one line: {"ack": mount, "state"} or {"error": ...}. */
function sendPictureCommand(
  run: Running,
  mount: string,
  state: PictureState,
  timeoutMs: number,
): Promise<void> {
  const what = `rig.tamper(${mount}, ${state})`;
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Keep the reply slot: a late reply must not be taken for the next command's.
      settle = () => undefined;
      reject(new Error(`${what}: no reply from the rig within ${timeoutMs} ms`));
    }, timeoutMs);
    let settle = (line: string | null): void => {
      clearTimeout(timer);
      if (line === null) return reject(new Error(`${what}: the rig exited`));
      let reply: { ack?: string; state?: string; error?: string };
      try {
        reply = JSON.parse(line) as typeof reply;
      } catch {
        return reject(new Error(`${what}: unexpected rig output: ${line}`));
      }
      if (reply.ack === mount && reply.state === state) resolve();
      else reject(new Error(`${what}: ${reply.error ?? 'wrong reply'}: ${line}`));
    };
    run.replies.push((line) => settle(line));
    run.child.stdin?.write(`${JSON.stringify({ mount, state })}\n`);
  });
}
