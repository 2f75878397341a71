// Spawning and killing ffmpeg as a whole process tree, on POSIX and Windows.
import { spawn, type ChildProcess } from 'node:child_process';

const isWindows = process.platform === 'win32';

/**
 * Spawns a child in its own process group (POSIX) so a signal reaches anything it
 * starts. On Windows stdin stays open so ffmpeg can be asked to quit with 'q'.
 */
export function spawnTree(command: string, args: string[]): ChildProcess {
  return spawn(command, args, {
    detached: !isWindows,
    windowsHide: true,
    stdio: [isWindows ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
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
