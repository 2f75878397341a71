// Where Chromium spends its time, from a trace: the top-level slices of every thread
// (nested slices are inside their parent's time), summed per thread name and slice name.
// bench:live prints it with BENCH_TRACE=1.
import type { Browser, Page } from '@playwright/test';

/** Categories that show decode, compositing, painting and script per thread. */
export const TRACE_CATEGORIES = [
  'toplevel',
  'cc',
  'viz',
  'media',
  'blink',
  'v8',
  'disabled-by-default-devtools.timeline',
];

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

export interface TraceRow {
  thread: string;
  slice: string;
  /** Milliseconds of top-level slice time per second of trace. */
  msPerSec: number;
}

/**
 * Sums top-level complete slices ('X') per (thread name, slice name), largest first; for
 * the renderer's main thread, self time per slice name instead.
 */
export function summarizeTrace(events: TraceEvent[], seconds: number, top = 30): TraceRow[] {
  const threadNames = new Map<string, string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name)
      threadNames.set(`${e.pid}:${e.tid}`, e.args.name);
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const key = `${e.pid}:${e.tid}`;
    const list = byThread.get(key) ?? [];
    list.push(e);
    byThread.set(key, list);
  }
  const sums = new Map<string, number>();
  for (const [key, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!); // a parent before its first child
    // Thread names repeat across processes (16 media threads): group by name, not id.
    const thread = (threadNames.get(key) ?? 'unnamed').replace(/\d+$/, 'N');
    // The renderer's main thread runs everything in "RunTask": its rows are self time per
    // slice name (a slice's time minus its children's), which says what the tasks were.
    const selfTime = thread === 'CrRendererMain';
    const open: Array<{ end: number; key: string }> = [];
    for (const e of list) {
      while (open.length > 0 && e.ts >= open[open.length - 1]!.end) open.pop();
      const parent = open[open.length - 1];
      if (!selfTime && parent) continue; // nested in a top-level slice
      const k = `${selfTime ? `${thread} (self)` : thread}\u0000${e.name}`;
      sums.set(k, (sums.get(k) ?? 0) + e.dur!);
      if (selfTime && parent) sums.set(parent.key, (sums.get(parent.key) ?? 0) - e.dur!);
      open.push({ end: e.ts + e.dur!, key: k });
    }
  }
  return [...sums.entries()]
    .map(([k, us]) => {
      const [thread, slice] = k.split('\u0000') as [string, string];
      return { thread, slice, msPerSec: us / 1000 / seconds };
    })
    .sort((a, b) => b.msPerSec - a.msPerSec)
    .slice(0, top);
}

/** Traces the browser for `ms` and returns the summary. */
export async function traceFor(browser: Browser, page: Page, ms: number): Promise<TraceRow[]> {
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  await page.waitForTimeout(ms);
  const buf = await browser.stopTracing();
  const parsed = JSON.parse(buf.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  return summarizeTrace(events, ms / 1000);
}
