// CPU time of process trees from /proc (Linux): how the benchmarks charge CPU to
// ffmpeg, the station core and the browser without sampling tools.
import { readdirSync, readFileSync } from 'node:fs';

const CLK_TCK = 100; // USER_HZ on Linux x86-64 and arm64

export interface ProcInfo {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime, in clock ticks. */
  ticks: number;
}

function readStat(pid: number): ProcInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm may contain spaces and parentheses: split after the last ')'.
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    return {
      pid,
      comm,
      ppid: Number(fields[1]),
      ticks: Number(fields[11]) + Number(fields[12]),
    };
  } catch {
    return null; // exited meanwhile
  }
}

/** Whether the process's command line has `arg` (false once it exited). */
export function cmdlineHas(pid: number, arg: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(arg);
  } catch {
    return false;
  }
}

export function allProcesses(): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const info = readStat(Number(name));
    if (info) out.push(info);
  }
  return out;
}

/** The pid and all its descendants. */
export function treeOf(root: number, procs: ProcInfo[] = allProcesses()): ProcInfo[] {
  const children = new Map<number, ProcInfo[]>();
  for (const p of procs) {
    const list = children.get(p.ppid) ?? [];
    list.push(p);
    children.set(p.ppid, list);
  }
  const out: ProcInfo[] = [];
  const stack = procs.filter((p) => p.pid === root);
  while (stack.length > 0) {
    const p = stack.pop()!;
    out.push(p);
    stack.push(...(children.get(p.pid) ?? []));
  }
  return out;
}

export type Classify = (p: ProcInfo) => string | null;

/** Ticks per class at one instant; pids are kept so exited processes are not double-counted. */
export function snapshot(procs: ProcInfo[], classify: Classify): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>();
  for (const p of procs) {
    const cls = classify(p);
    if (!cls) continue;
    const m = out.get(cls) ?? new Map<number, number>();
    m.set(p.pid, p.ticks);
    out.set(cls, m);
  }
  return out;
}

/** Percent of one core per class between two snapshots taken `seconds` apart. */
export function cpuPercent(
  before: Map<string, Map<number, number>>,
  after: Map<string, Map<number, number>>,
  seconds: number,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [cls, pids] of after) {
    let ticks = 0;
    for (const [pid, t] of pids) ticks += t - (before.get(cls)?.get(pid) ?? t);
    // A process born during the window counts from its start: its `before` is 0.
    for (const [pid, t] of pids) if (!before.get(cls)?.has(pid)) ticks += t;
    out[cls] = (ticks / CLK_TCK / seconds) * 100;
  }
  return out;
}
