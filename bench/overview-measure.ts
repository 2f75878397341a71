// The timeline overview measured three ways in one run, alternating: the contract
// call the console makes (hourly summary, over /rpc), a contract call that does
// nothing (system.info: the transport's share), and the old exact path (every
// segment merged) run in the bench process on the same database. The answers must
// agree: per camera the covered time and the bytes within 0.5 %, and the same
// hours with footage. bench/overview.bench.ts runs it; bench:playback may too.
import type { StationApi } from '../electron/contract/api';
import type { PlaybackTimeline } from '../electron/contract/playback-schemas';
import { Database } from '../electron/core/db/database';
import { playbackTimeline } from '../electron/core/playback/timeline-query';

const HOUR = 3_600_000;

export interface OverviewRequest {
  cameraIds: string[];
  fromMs: number;
  toMs: number;
  buckets: number;
}

export interface OverviewFigures {
  /** ms per call, in call order. */
  contract: number[];
  systemInfo: number[];
  /** The same summary read in the bench process (no RPC): the query's own share. */
  summaryInProcess: number[];
  /** CPU time (all threads of the bench process) of those reads: the work, whatever the load. */
  summaryCpu: number[];
  exactCpu: number[];
  exact: number[];
  /** What the contract call answered: 3 600 000 when the summary was read. */
  resolutionMs: number;
  /** Why the answers disagree or the run measured nothing; empty when valid. */
  problems: string[];
}

export async function measureOverview(
  api: StationApi,
  dbFile: string,
  req: OverviewRequest,
  rounds = 15,
): Promise<OverviewFigures> {
  const db = await Database.open(dbFile);
  const out: OverviewFigures = {
    contract: [],
    systemInfo: [],
    summaryInProcess: [],
    summaryCpu: [],
    exactCpu: [],
    exact: [],
    resolutionMs: -1,
    problems: [],
  };
  const timed = async <T>(list: number[], f: () => Promise<T>, cpu?: number[]): Promise<T> => {
    const c = process.cpuUsage();
    const s = performance.now();
    const v = await f();
    list.push(performance.now() - s);
    const used = process.cpuUsage(c);
    cpu?.push((used.user + used.system) / 1000);
    return v;
  };
  try {
    let coarse: PlaybackTimeline | null = null;
    let exact: PlaybackTimeline | null = null;
    // One warm-up of each (page cache, prepared plans), then A B C D A B C D …
    await api.playback.timeline(req);
    await playbackTimeline({ db }, req, { summary: false });
    for (let i = 0; i < rounds; i++) {
      await timed(out.systemInfo, () => api.system.info());
      coarse = await timed(out.contract, () => api.playback.timeline(req));
      await timed(out.summaryInProcess, () => playbackTimeline({ db }, req), out.summaryCpu);
      exact = await timed(
        out.exact,
        () => playbackTimeline({ db }, req, { summary: false }),
        out.exactCpu,
      );
    }
    if (!coarse || !exact) throw new Error('no rounds');
    out.resolutionMs = coarse.resolutionMs;
    out.problems = disagreements(coarse, exact);
  } finally {
    await db.close();
  }
  return out;
}

/** Where the summary's answer and the exact one differ beyond what an hour's resolution allows. */
export function disagreements(coarse: PlaybackTimeline, exact: PlaybackTimeline): string[] {
  const problems: string[] = [];
  if (coarse.resolutionMs !== HOUR)
    problems.push(`contract call did not read the summary (resolutionMs ${coarse.resolutionMs})`);
  if (exact.cameras.every((c) => c.ranges.length === 0)) problems.push('no footage in the window');
  for (const e of exact.cameras) {
    const c = coarse.cameras.find((x) => x.cameraId === e.cameraId);
    if (!c) {
      problems.push(`${e.cameraId}: missing from the summary's answer`);
      continue;
    }
    const covered = (t: typeof e) => t.ranges.reduce((s, r) => s + r.endMs - r.startMs, 0);
    const bytes = (t: typeof e) => t.activity.reduce((s, b) => s + b, 0);
    const off = (a: number, b: number) => Math.abs(a - b) / Math.max(1, b);
    if (off(covered(c), covered(e)) > 0.005)
      problems.push(`${e.cameraId}: covered ${covered(c)} ms vs exact ${covered(e)} ms`);
    if (off(bytes(c), bytes(e)) > 0.005)
      problems.push(`${e.cameraId}: ${bytes(c)} bytes vs exact ${bytes(e)}`);
    const a = hoursWithFootage(c.ranges);
    const b = hoursWithFootage(e.ranges);
    const only = [...a].filter((h) => !b.has(h)).concat([...b].filter((h) => !a.has(h)));
    if (only.length > 0)
      problems.push(`${e.cameraId}: ${only.length} hours with footage in only one answer`);
  }
  return problems;
}

function hoursWithFootage(ranges: { startMs: number; endMs: number }[]): Set<number> {
  const hours = new Set<number>();
  for (const r of ranges)
    for (let h = Math.floor(r.startMs / HOUR); h * HOUR < r.endMs; h++) hours.add(h);
  return hours;
}
