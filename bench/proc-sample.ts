// Memory, file descriptors and load of processes from /proc (Linux): what the long
// benchmarks (bench:service, bench:soak) sample once a minute. CPU time is proc-cpu.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { cmdlineHas, treeOf, type ProcInfo } from './proc-cpu';

function statusKb(pid: number, field: string): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  } catch {
    return 0; // exited meanwhile
  }
}

/** Resident set size in MB (0 once the process exited). */
export function rssMb(pid: number): number {
  return statusKb(pid, 'VmRSS') / 1024;
}

function rollupKb(pid: number, fields: string[]): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return fields.reduce(
      (sum, f) => sum + Number(new RegExp(`^${f}:\\s+(\\d+)`, 'm').exec(rollup)?.[1] ?? 0),
      0,
    );
  } catch {
    return 0; // exited meanwhile
  }
}

/**
 * Proportional set size in MB: shared pages divided among the processes sharing them,
 * so a sum over Chromium's processes does not count its shared libraries many times.
 * It moves when other processes map the same files (another Chromium on the machine).
 */
export function pssMb(pid: number): number {
  return rollupKb(pid, ['Pss']) / 1024;
}

/** Unique set size in MB: pages only this process maps; what a leak grows. */
export function ussMb(pid: number): number {
  return rollupKb(pid, ['Private_Clean', 'Private_Dirty']) / 1024;
}

/** Open file descriptors (0 once the process exited). */
export function fdCount(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return 0;
  }
}

/** `/proc/loadavg`'s three averages, printed beside CPU figures on a shared machine. */
export function loadAvg(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

export interface MemorySum {
  processes: number;
  rssMb: number;
  pssMb: number;
  ussMb: number;
}

/** RSS, PSS and USS summed over a set of processes (a browser's renderer, GPU and utility processes). */
export function memoryOf(procs: ProcInfo[]): MemorySum {
  return {
    processes: procs.length,
    rssMb: procs.reduce((s, p) => s + rssMb(p.pid), 0),
    pssMb: procs.reduce((s, p) => s + pssMb(p.pid), 0),
    ussMb: procs.reduce((s, p) => s + ussMb(p.pid), 0),
  };
}

/** Chromium processes under `root` (Playwright launches the browser as this process's child). */
export function browserProcesses(root: number, procs?: ProcInfo[]): ProcInfo[] {
  return treeOf(root, procs).filter((p) => /^chrom/i.test(p.comm));
}

/** ffmpeg children of the core, split into picture-alarm detectors (by their marker) and the rest. */
export function ffmpegChildren(
  corePid: number,
  detectorMarker: string,
  procs?: ProcInfo[],
): { media: ProcInfo[]; detectors: ProcInfo[] } {
  const ff = treeOf(corePid, procs).filter((p) => p.comm.startsWith('ffmpeg'));
  const detectors = ff.filter((p) => cmdlineHas(p.pid, detectorMarker));
  return { media: ff.filter((p) => !detectors.includes(p)), detectors };
}

/** Least-squares slope of y over x (0 for fewer than two distinct x). */
export function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  if (n < 2) return 0;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}
