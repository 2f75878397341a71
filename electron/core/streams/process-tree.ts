// Spawning and killing ffmpeg as a whole process tree, on POSIX and Windows.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { isAbsolute } from 'node:path';

const isWindows = process.platform === 'win32';

/**
 * util-linux's setpriv (essential in Debian) sets the child's parent-death signal
 * and then becomes the program itself (same pid): if the station process dies,
 * even by kill -9, its ffmpeg children get SIGTERM, finish their fragment and exit
 * instead of recording on as orphans.
 */
const SETPRIV = '/usr/bin/setpriv';
const canSetParentDeathSignal = process.platform === 'linux' && executable(SETPRIV);

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

let spawnHook: ((child: ChildProcess) => void) | null = null;

/** Told of every child spawned from now on (child-pid-file.ts lists them for the next start). */
export function setSpawnHook(hook: ((child: ChildProcess) => void) | null): void {
  spawnHook = hook;
}

/**
 * Spawns a child in its own process group (POSIX) so a signal reaches anything it
 * starts, dying with this process on Linux. On Windows stdin stays open so ffmpeg
 * can be asked to quit with 'q'.
 */
export function spawnTree(command: string, args: string[]): ChildProcess {
  // Only a program that exists is wrapped: a missing one must still fail with
  // ENOENT here (ffmpeg_missing), not as setpriv's exit code.
  const wrap = canSetParentDeathSignal && isAbsolute(command) && executable(command);
  const [file, argv] = wrap
    ? [SETPRIV, ['--pdeathsig', 'TERM', '--', command, ...args]]
    : [command, args];
  const child = spawn(file, argv, {
    detached: !isWindows,
    windowsHide: true,
    stdio: [isWindows ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  spawnHook?.(child);
  return child;
}

/** Asks the tree to finish cleanly (muxers write their trailers). */
export function interruptTree(child: ChildProcess): void {
  if (child.pid === undefined) return;
  if (isWindows) {
    // Windows has no SIGINT for a console-less child; ffmpeg reads 'q' from stdin.
    child.stdin?.end('q');
    return;
  }
  signalGroup(child.pid, 'SIGINT');
}

/** Kills the whole tree now. */
export function killTree(child: ChildProcess): void {
  if (child.pid === undefined) return;
  if (isWindows) {
    spawn('taskkill', ['/pid', String(child.pid), '/T', '/F'], {
      windowsHide: true,
      stdio: 'ignore',
    }).on('error', () => child.kill('SIGKILL'));
    return;
  }
  signalGroup(child.pid, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Group already gone (ESRCH): try the process itself, which may still be exiting.
    try {
      process.kill(pid, signal);
    } catch {
      /* already exited */
    }
  }
}

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}
