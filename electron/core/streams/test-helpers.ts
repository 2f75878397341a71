// Bounded waiting and process inspection for the integration tests in this folder.
import { readdirSync, readFileSync } from 'node:fs';

/** Polls `check` every `stepMs` until it returns true or `timeoutMs` passes. */
export async function waitFor(
  check: () => boolean,
  timeoutMs: number,
  stepMs = 50,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  return check();
}

export interface ProcInfo {
  pid: number;
  ppid: number;
  comm: string;
  state: string;
}

/** Processes whose parent is `parentPid` (Linux /proc), zombies included. */
export function childProcesses(parentPid: number = process.pid): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // comm is in parentheses and may contain spaces: split after the last ')'.
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const [state, ppid] = stat.slice(close + 2).split(' ');
      if (Number(ppid) === parentPid)
        out.push({ pid: Number(name), ppid: Number(ppid), comm, state: state ?? '?' });
    } catch {
      // process vanished while reading
    }
  }
  return out;
}

export function processExists(pid: number): boolean {
  try {
    readFileSync(`/proc/${pid}/stat`);
    return true;
  } catch {
    return false;
  }
}
