// The service's ffmpeg children, listed in a pid file in the data folder. On
// Linux they already die with the service (setpriv's parent-death signal), but a
// service killed where that is not available (Windows; a Linux without setpriv)
// leaves recorders writing into .inbox, and each restart would add more. So at
// start the service stops the ones its predecessor listed, before it records.
// A listed pid counts only while it is the same process (its start time) running
// an ffmpeg or ffprobe: a pid reused by another program is never touched.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setSpawnHook } from './process-tree';

export const CHILD_PID_FILE = 'children.pids';

interface Entry {
  pid: number;
  /** Linux: start time from /proc/<pid>/stat; null elsewhere (the image name is checked). */
  startTicks: string | null;
}

function startTicksOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function programOf(pid: number): string | null {
  if (process.platform === 'linux') {
    try {
      // argv[0] of setpriv-wrapped children is ffmpeg itself (setpriv execs it).
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? null;
    } catch {
      return null;
    }
  }
  if (process.platform === 'win32') {
    const r = spawnSync('tasklist', ['/FI', `PID eq ${pid}`, '/FO', 'CSV', '/NH'], {
      encoding: 'utf8',
      windowsHide: true,
      timeout: 5000,
    });
    const name = /^"([^"]+)"/.exec(r.stdout ?? '')?.[1];
    return name ?? null;
  }
  const r = spawnSync('ps', ['-o', 'comm=', '-p', String(pid)], {
    encoding: 'utf8',
    timeout: 5000,
  });
  return r.stdout?.trim() || null;
}

/** Whether `e` is still the ffmpeg (or ffprobe) this service's predecessor started. */
function stillOurs(e: Entry): boolean {
  const program = programOf(e.pid);
  if (!program || !/ff(mpeg|probe)(\.exe)?$/i.test(program.replace(/\\/g, '/').split('/').pop()!))
    return false;
  return e.startTicks === null || startTicksOf(e.pid) === e.startTicks;
}

function kill(pid: number): void {
  if (process.platform === 'win32') {
    spawnSync('taskkill', ['/pid', String(pid), '/T', '/F'], { windowsHide: true, timeout: 5000 });
    return;
  }
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, 'SIGKILL');
      return;
    } catch {
      // not a group leader, or gone
    }
  }
}

function parse(text: string): Entry[] {
  const out: Entry[] = [];
  for (const line of text.split('\n')) {
    const [pid, ticks] = line.trim().split(/\s+/);
    const n = Number(pid);
    if (Number.isInteger(n) && n > 0)
      out.push({ pid: n, startTicks: ticks && ticks !== '-' ? ticks : null });
  }
  return out;
}

export interface ChildTracking {
  /** Pids of the predecessor's children that were still running and were killed. */
  killed: number[];
  /** Stops listing children (the file stays with what is still running). */
  stop(): void;
}

/**
 * Kills what the last service listed, then lists every child spawnTree starts from
 * now on, rewriting the file (atomically, debounced) as children come and go.
 */
export async function trackChildren(dataDir: string): Promise<ChildTracking> {
  const file = join(dataDir, CHILD_PID_FILE);
  let previous: Entry[] = [];
  try {
    previous = parse(await readFile(file, 'utf8'));
  } catch {
    // none yet
  }
  const killed: number[] = [];
  for (const e of previous) {
    if (e.pid === process.pid || !stillOurs(e)) continue;
    kill(e.pid);
    killed.push(e.pid);
  }

  const live = new Map<number, Entry>();
  let writing: Promise<void> = Promise.resolve();
  let queued = false;
  const flush = () => {
    if (queued) return;
    queued = true;
    writing = writing.then(async () => {
      queued = false;
      const body = [...live.values()].map((e) => `${e.pid} ${e.startTicks ?? '-'}`).join('\n');
      const tmp = `${file}.tmp`;
      try {
        await writeFile(tmp, body + '\n', { mode: 0o600 });
        await rename(tmp, file);
      } catch {
        // A full disk must not stop recording; the next change tries again.
      }
    });
  };
  flush(); // the predecessor's list is replaced at once
  setSpawnHook((child) => {
    const pid = child.pid;
    if (pid === undefined) return;
    live.set(pid, { pid, startTicks: startTicksOf(pid) });
    flush();
    child.once('exit', () => {
      live.delete(pid);
      flush();
    });
  });
  return {
    killed,
    stop: () => setSpawnHook(null),
  };
}
