// npm run bench:playback — playback measured end to end: the real core (browser
// mode) serving indexed segments, the real renderer and its playback engine in
// Debian's Chromium. Footage: 7 days × 16 cameras of 60 s H.264 segments (640×360,
// 25 fps, 1 s GOP), seeded by bench/playback-fixture.ts with a 2-minute gap at the
// top of every hour.
//
// Prints: timeline click → first frame of the clicked time (p50/p95/max over
// BENCH_SEEKS random seeks in one day) twice in one run, the same seeks each time:
// fetching whole segments (the baseline, localStorage station.playback.rangedSeek
// = '0') and ranged from the keyframe before the target (GET /recordings/<id>?at=),
// alternated in BENCH_BLOCKS blocks (A B A B: a load that drifts hits both alike),
// each with the seek's stages (listed, first byte, media appended, frame) and the
// machine load; then frame updates per second while dragging the playhead, and the
// timeline overview (7 days × 16 cameras) round trip beside a trivial contract call's.
// BENCH_DAYS and BENCH_CAMERAS shrink the footage for a quick check; BENCH_GOP_S sets
// the seeded segments' keyframe interval (default 1 s).
//
// It exits non-zero when its workload did not run: no footage, no seeded keyframe
// index, a seek that never showed its frame, a ranged phase without an ?at= request
// (or a baseline with one), a drag that changed no frame, an overview without footage.
import { percentile as pct } from './percentile';
import { chromium, type Browser, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { startStation, type Station } from '../e2e/station-process';
import { random as seeded } from '../electron/core/tamper/testing/synthetic-pictures';
import { RANGED_SEEK_KEY } from '../renderer/playback/engine/types';
import { seedFootage } from './playback-fixture';

const SEEKS = Number(process.env.BENCH_SEEKS ?? 60);
const BLOCKS = Math.max(1, Number(process.env.BENCH_BLOCKS ?? 2));
const GOP_S = Number(process.env.BENCH_GOP_S ?? 1);
const DAYS = Number(process.env.BENCH_DAYS ?? 7);
const DAY = 86_400_000;
const CAMERAS = Array.from(
  { length: Number(process.env.BENCH_CAMERAS ?? 16) },
  (_, i) => `bench-cam-${i + 1}`,
);

interface SeekStages {
  listedMs?: number;
  firstByteMs?: number;
  appendedMs?: number;
  frameMs?: number;
}

interface Stats {
  positionMs: number;
  playing: boolean;
  scrubbing: boolean;
  cameras: {
    cameraId: string;
    frameWallMs: number | null;
    state: string;
    lastSeek?: SeekStages;
  }[];
}

const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

const stats = (page: Page) =>
  page.evaluate(() => (window as unknown as { __playbackStats: () => Stats }).__playbackStats());

/** Resolves with ms from now until camera 0 shows a frame within `tolMs` of `target`. */
function waitFrame(page: Page, target: number, tolMs: number): Promise<number> {
  return page.evaluate(
    ({ target, tolMs }) =>
      new Promise<number>((resolve) => {
        const t0 = performance.now();
        const tick = () => {
          const s = (window as unknown as { __playbackStats: () => Stats }).__playbackStats();
          const f = s.cameras[0]?.frameWallMs;
          if (f !== null && f !== undefined && Math.abs(f - target) <= tolMs && !s.scrubbing)
            resolve(performance.now() - t0);
          else if (performance.now() - t0 > 15_000) resolve(-1);
          else requestAnimationFrame(tick);
        };
        tick();
      }),
    { target, tolMs },
  );
}

async function timelineBox(page: Page) {
  const el = page.getByTestId('timeline-canvas');
  const box = (await el.boundingBox())!;
  const tl = page.getByTestId('timeline');
  const from = Number(await tl.getAttribute('data-from'));
  const to = Number(await tl.getAttribute('data-to'));
  return { box, from, to };
}

const f0 = (n: number) => n.toFixed(0);

interface SeekRun {
  label: string;
  page: Page;
  clicks: number[];
  failures: number;
  stages: SeekStages[];
  /** Resource timing of the page's /recordings/ fetches: the floor under click → frame. */
  fetches: number[];
  fetchedKb: number;
  atRequests: number;
  load: string;
}

/**
 * Random seeks within one day on a fresh page (a fresh engine reads the switch): jump near
 * the time (and let that seek settle), then click the timeline at a recorded moment a little
 * further on and time click → that frame.
 */
async function measureSeeks(
  browser: Browser,
  station: Station,
  dayStart: number,
  rangedSeek: boolean,
  seed: number,
  count: number,
  keepPage: boolean,
): Promise<SeekRun> {
  const label = rangedSeek ? 'ranged from the keyframe' : 'whole segments (baseline)';
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  // tsx keeps function names with an `__name` helper that does not exist in the page.
  await page.addInitScript('window.__name = (f) => f');
  // Keep every segment fetch's timing (the default buffer holds 250).
  await page.addInitScript(() => performance.setResourceTimingBufferSize(1_000_000));
  await page.addInitScript(([key, value]) => localStorage.setItem(key, value), [
    RANGED_SEEK_KEY,
    rangedSeek ? '1' : '0',
  ] as const);
  await station.open(page);
  await page.getByTestId('tile-0').hover();
  await page.getByTestId('tile-0').getByTestId('tile-playback').click();
  await page.getByTestId('playback-view').waitFor();
  // A tile's replay plays at once (30 s back); seeks are measured paused, as before.
  await page.getByTestId('playback-pause').click();
  await page.evaluate(() => performance.clearResourceTimings());

  // The same pseudo-random targets for both phases.
  const random = seeded(seed);
  const inGap = (t: number) => (t % 3_600_000) / 60_000 < 2.1; // the seeded gap per hour
  const clicks: number[] = [];
  const stages: SeekStages[] = [];
  let failures = 0;
  const load0 = loadavg();
  for (let i = 0; i < count; i++) {
    const jump = dayStart + Math.floor(random() * (DAY - 10 * 60_000));
    const local = new Date(jump + 7 * 3_600_000);
    await page.getByTestId('playback-date').fill(local.toISOString().slice(0, 10));
    await page.getByTestId('playback-time').fill(local.toISOString().slice(11, 19));
    const settled = waitFrame(page, jump, 5_000);
    await page.getByTestId('playback-go').click();
    await settled;
    const { box, from, to } = await timelineBox(page);
    let target = 0;
    for (let k = 0; k < 20 && (target === 0 || inGap(target)); k++)
      target = from + (0.25 + random() * 0.5) * (to - from);
    const x = box.x + ((target - from) / (to - from)) * box.width;
    const tol = Math.max(2_000, (2 * (to - from)) / box.width);
    const waiting = waitFrame(page, target, tol);
    await page.mouse.click(x, box.y + box.height / 2);
    const ms = await waiting;
    if (ms < 0) failures++;
    else {
      clicks.push(ms);
      const last = (await stats(page)).cameras[0]?.lastSeek;
      if (last) stages.push(last);
    }
  }
  const fetched = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/recordings/'))
      .map((e) => {
        const r = e as PerformanceResourceTiming;
        return {
          ms: r.responseEnd - r.startTime,
          bytes: r.encodedBodySize,
          at: r.name.includes('at='),
        };
      }),
  );
  if (!keepPage) await page.close();
  return {
    label,
    page,
    clicks,
    failures,
    stages,
    fetches: fetched.map((f) => f.ms),
    fetchedKb: fetched.reduce((n, f) => n + f.bytes, 0) / 1024,
    atRequests: fetched.filter((f) => f.at).length,
    load: `${load0} → ${loadavg()}`,
  };
}

/** The blocks of one phase as one run (the last block's page is kept for the scrub). */
function joinRuns(runs: SeekRun[]): SeekRun {
  const last = runs[runs.length - 1]!;
  return {
    label: last.label,
    page: last.page,
    clicks: runs.flatMap((r) => r.clicks),
    failures: runs.reduce((n, r) => n + r.failures, 0),
    stages: runs.flatMap((r) => r.stages),
    fetches: runs.flatMap((r) => r.fetches),
    fetchedKb: runs.reduce((n, r) => n + r.fetchedKb, 0),
    atRequests: runs.reduce((n, r) => n + r.atRequests, 0),
    load: runs.map((r) => r.load).join('; '),
  };
}

function printSeeks(m: SeekRun): void {
  const { clicks } = m;
  console.log(
    `timeline click → first frame, ${m.label} (${clicks.length} seeks, ${m.failures} without the frame in 15 s): p50 ${f0(pct(clicks, 50))} ms, p95 ${f0(pct(clicks, 95))} ms, max ${f0(Math.max(...clicks))} ms; load ${m.load}`,
  );
  const stage = (k: keyof SeekStages) => {
    const v = m.stages.map((s) => s[k]).filter((x): x is number => x !== undefined);
    return `${k.replace('Ms', '')} p50 ${f0(pct(v, 50))} / p95 ${f0(pct(v, 95))}`;
  };
  console.log(
    `  stages after the player's seek starts (ms): ${(['listedMs', 'firstByteMs', 'appendedMs', 'frameMs'] as const).map(stage).join('; ')}`,
  );
  console.log(
    `  beside: the page's ${m.fetches.length} segment fetches (${m.atRequests} ranged, ${f0(m.fetchedKb / Math.max(1, m.fetches.length))} KB each on average), resource timing: p50 ${f0(pct(m.fetches, 50))} ms, p95 ${f0(pct(m.fetches, 95))} ms`,
  );
  console.log(
    `  all: ${[...clicks]
      .sort((a, b) => a - b)
      .map(f0)
      .join(' ')}`,
  );
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'station-bench-playback-'));
  const end = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000;
  const t0 = Date.now();
  const seeded = await seedFootage({
    dataDir,
    cameraIds: CAMERAS,
    fromMs: end - DAYS * DAY,
    toMs: end,
    gapMinutesPerHour: 2,
    gopSeconds: GOP_S,
  });
  console.log(`seeded ${seeded.segments} segments in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (seeded.segments === 0) throw new Error('no footage seeded');
  const problems: string[] = [];

  const { station, stop } = await startStation('off', { dataDir });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    // Timeline overview: 7 days × 16 cameras, as the renderer asks for it; beside it, the
    // round trip of a call that does nothing (the transport's share).
    const overview: number[] = [];
    const trivial: number[] = [];
    for (let i = 0; i < 5; i++) {
      let s = performance.now();
      await station.api.system.info();
      trivial.push(performance.now() - s);
      s = performance.now();
      const tl = await station.api.playback.timeline({
        cameraIds: CAMERAS,
        fromMs: end - DAYS * DAY,
        toMs: end,
        buckets: 600,
      });
      overview.push(performance.now() - s);
      if (i === 0 && tl.cameras.every((c) => c.ranges.length === 0))
        problems.push('overview without footage');
    }

    const seed = Number(process.env.BENCH_SEED ?? Date.now() % 1_000_000);
    const wholeRuns: SeekRun[] = [];
    const rangedRuns: SeekRun[] = [];
    for (let b = 0; b < BLOCKS; b++) {
      const count = Math.ceil(SEEKS / BLOCKS);
      const last = b === BLOCKS - 1;
      wholeRuns.push(
        await measureSeeks(browser, station, end - DAY, false, seed + b, count, false),
      );
      rangedRuns.push(await measureSeeks(browser, station, end - DAY, true, seed + b, count, last));
    }
    const whole = joinRuns(wholeRuns);
    const ranged = joinRuns(rangedRuns);
    for (const m of [whole, ranged])
      if (m.clicks.length === 0 || m.failures > 0)
        problems.push(`${m.label}: ${m.failures} of ${SEEKS} seeks never showed their frame`);
    if (seeded.keyframes === 0) problems.push('no seeded segment has a keyframe index');
    if (ranged.atRequests === 0) problems.push('the ranged phase made no ?at= request');
    if (whole.atRequests > 0) problems.push('the whole-segment baseline made ?at= requests');
    const page = ranged.page;
    // Scrub: drag the playhead across the visible window for ~3 s, count frame changes.
    const { box, from, to } = await timelineBox(page);
    const pos = (await stats(page)).positionMs;
    const startX = box.x + ((pos - from) / (to - from)) * box.width;
    const y = box.y + box.height / 2;
    await page.evaluate(() => {
      const w = window as unknown as { __scrubSeen: number[]; __scrubStop: boolean };
      w.__scrubSeen = [];
      w.__scrubStop = false;
      let last: number | null = null;
      const tick = () => {
        const s = (window as unknown as { __playbackStats: () => Stats }).__playbackStats();
        const f = s.cameras[0]?.frameWallMs ?? null;
        if (f !== null && f !== last) w.__scrubSeen.push(performance.now());
        last = f;
        if (!w.__scrubStop) requestAnimationFrame(tick);
      };
      tick();
    });
    await page.mouse.move(startX, y);
    await page.mouse.down();
    const steps = 90;
    const dragStart = Date.now();
    for (let i = 1; i <= steps; i++) {
      await page.mouse.move(
        startX + (i / steps) * Math.min(600, box.x + box.width - startX - 5),
        y,
      );
      await page.waitForTimeout(33);
    }
    const dragMs = Date.now() - dragStart;
    const seen = await page.evaluate(() => {
      const w = window as unknown as { __scrubSeen: number[]; __scrubStop: boolean };
      w.__scrubStop = true;
      return w.__scrubSeen.length;
    });
    await page.mouse.up();

    if (seen === 0) problems.push('the drag changed no frame');

    console.log('\nPlayback benchmark');
    console.log(
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}; ${new Date().toISOString()}`,
    );
    console.log(
      `footage: ${seeded.segments} segments of 60 s (GOP ${GOP_S} s), ${seeded.keyframes} with a keyframe index; seek targets seed ${seed}, ${BLOCKS} blocks per phase alternated`,
    );
    for (const m of [whole, ranged]) printSeeks(m);
    const p95 = pct(ranged.clicks, 95);
    console.log(
      `seek p95 ranged ${f0(p95)} ms beside whole segments ${f0(pct(whole.clicks, 95))} ms (same run, same targets): target ≤ 250 ms ${p95 <= 250 ? 'met' : 'MISSED'}`,
    );
    console.log(
      `scrub: ${(seen / (dragMs / 1000)).toFixed(1)} frame updates/s over a ${dragMs} ms drag`,
    );
    console.log(
      `timeline overview ${DAYS} days × ${CAMERAS.length} cameras (core query + transport): median ${f0(pct(overview, 50))} ms, max ${f0(Math.max(...overview))} ms`,
    );
    console.log(
      `  baseline: a contract call that does nothing (system.info): median ${pct(trivial, 50).toFixed(1)} ms`,
    );
    if (problems.length > 0) {
      console.error(`FAILED: ${problems.join('; ')}`);
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
