// npm run bench:live — the live grid under load, measured end to end: the real core
// (browser mode) with real ffmpeg, the real renderer in Debian's Chromium, and the
// GStreamer RTSP rig serving 640×360 H.264 at 25 fps.
//
// For 4, 16 and 36 tiles, on the MSE path and on the JSMpeg fallback, it prints:
// CPU (% of one core) of ffmpeg, the core (node) and the browser, first-frame time,
// displayed vs source frames, and the player's distance from the live edge; beside
// them, as the baseline, the same signed-in console showing no video.
//
// The page signs in as the e2e fixture does (station.open). It exits non-zero when a
// run shows fewer playing tiles than asked: then it measured something else.
import { percentile as pct } from './percentile';
import { gitSha } from './git-sha';
import { chromium, type Browser, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { startRig } from '../e2e/rig/rig';
import { startStation } from '../e2e/station-process';
import { DETECTOR_MARKER } from '../electron/core/tamper/detector-args';
import { TEST_FFMPEG } from '../electron/core/streams/testing/ffmpeg-bin';
import { recordFloorClips, startFloorServer, type FloorRect, type FloorServer } from './floor-page';
import { glassLatencyLines, measureGlassLatency, type GlassLatency } from './glass-latency';
import { traceFor, type TraceRow } from './trace-summary';
import { cmdlineHas, cpuPercent, snapshot, treeOf, type ProcInfo } from './proc-cpu';
import type { LayoutKind } from '../electron/contract/schemas';

const SOURCE_FPS = 25;
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 6000);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 15000);
const TILE_COUNTS = (process.env.BENCH_TILES ?? '4,16,36').split(',').map(Number);
const PATHS = (process.env.BENCH_PATHS ?? 'mse,jsmpeg').split(',') as Array<'mse' | 'jsmpeg'>;
const [VIEW_W, VIEW_H] = (process.env.BENCH_VIEWPORT ?? '1920x1080').split('x').map(Number);
// Extra CSS for experiments, e.g. BENCH_CSS='.tile-overlay{display:none}'.
const EXTRA_CSS = process.env.BENCH_CSS ?? '';
// Cameras record 24/7 by default; the live figures leave recording out unless asked.
const WITH_RECORDING = process.env.BENCH_RECORD === '1';
const ENCODERS = 4; // rig encoders; every camera is an alias sharing one of them
// The floor row (BENCH_FLOOR=0 leaves it out) and how many console/floor pairs to alternate.
const FLOOR = process.env.BENCH_FLOOR !== '0';
const REPEAT = Number(process.env.BENCH_REPEAT ?? 2);
// "16 tiles + single view": the grid under the single view (BENCH_SINGLE=0 leaves it out).
const SINGLE_ROW = process.env.BENCH_SINGLE !== '0';
// BENCH_TRACE=1: a 5 s Chromium trace after each window, summed per thread and slice.
const TRACE = process.env.BENCH_TRACE === '1';
const traces: Array<{ label: string; rows: TraceRow[] }> = [];
// Glass-to-glass latency at 16 MSE tiles (glass-latency.ts) on clock-stamped rig cameras,
// after that run's CPU window; BENCH_LATENCY=0 leaves it out.
const LATENCY =
  process.env.BENCH_LATENCY !== '0' && TILE_COUNTS.includes(16) && PATHS.includes('mse');
const LATENCY_TILES = 16;
let latency: GlassLatency | null = null;

interface TileStats {
  cameraId: string;
  /** The tile's test id: a camera can show twice (its grid tile and the single view). */
  tile: string;
  player: string;
  decodedFrames: number;
  droppedFrames: number;
  latencySec: number;
}

async function tileStats(page: Page): Promise<TileStats[]> {
  return page.evaluate(
    () =>
      ((window as unknown as { __stationStats?: () => unknown[] }).__stationStats?.() ??
        []) as TileStats[],
  );
}

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');

function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

/** Tiles whose shown frames advanced over the window: playing, not merely started. */
function playingTiles(before: TileStats[], after: TileStats[]): number {
  const shown = (s: TileStats) => s.decodedFrames - s.droppedFrames;
  return after.filter((a) => {
    const b = before.find((s) => s.tile === a.tile);
    return b !== undefined && shown(a) > shown(b);
  }).length;
}

type Stats = () => Promise<TileStats[]>;

/** CPU per class and frames shown over the window, after the warm-up; `corePid` 0 for the floor. */
async function measureWindow(page: Page, stats: Stats, tiles: number, corePid: number) {
  await page.waitForTimeout(WARMUP_MS);
  // Chromium is a child of this process (Playwright's launcher), the core too.
  const coreTree = new Set(corePid ? treeOf(corePid).map((p) => p.pid) : []);
  const classify = (p: ProcInfo): string | null => {
    // The picture-alarm detectors (sub-streams) are not live view: bench:health measures them.
    if (p.comm === 'ffmpeg' && coreTree.has(p.ppid))
      return cmdlineHas(p.pid, DETECTOR_MARKER) ? 'detector' : 'ffmpeg';
    if (corePid && p.pid === corePid) return 'core';
    if (/^chrom/i.test(p.comm)) return 'browser';
    return null;
  };
  const trees = () => treeOf(process.pid);
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const before = snapshot(trees(), classify);
  const statsBefore = await stats();
  await page.waitForTimeout(WINDOW_MS);
  const after = snapshot(trees(), classify);
  const statsAfter = await stats();
  const cpu = cpuPercent(before, after, WINDOW_MS / 1000);
  let shown = 0;
  for (const a of statsAfter) {
    const b = statsBefore.find((s) => s.tile === a.tile);
    if (!b) continue;
    shown += a.decodedFrames - a.droppedFrames - (b.decodedFrames - b.droppedFrames);
  }
  const source = SOURCE_FPS * (WINDOW_MS / 1000) * tiles;
  const total = (cpu.ffmpeg ?? 0) + (cpu.core ?? 0) + (cpu.browser ?? 0);
  const playing = playingTiles(statsBefore, statsAfter);
  return { cpu, total, shownPct: (shown / source) * 100, playing, statsAfter, load };
}

interface Row {
  tiles: number | string;
  path: string;
  playing: string;
  ok: boolean;
  total: number;
  shownPct: number;
  [column: string]: unknown;
}

function row(
  tiles: number,
  path: string,
  m: Awaited<ReturnType<typeof measureWindow>>,
  extra: Record<string, string> = {},
): Row {
  return {
    tiles: tiles === 0 ? '0 (baseline)' : tiles,
    path: tiles === 0 ? '—' : path,
    playing: `${m.playing}/${tiles}`,
    ok: m.playing === tiles,
    total: m.total,
    shownPct: m.shownPct,
    cpuFfmpeg: f1(m.cpu.ffmpeg ?? 0),
    cpuCore: f1(m.cpu.core ?? 0),
    cpuBrowser: f1(m.cpu.browser ?? 0),
    cpuTotal: f1(m.total),
    framesShownPct: tiles === 0 ? '—' : f1(m.shownPct),
    loadavg: m.load,
    ...extra,
  };
}

/** Where the console drew each tile's picture, so the floor draws its clip at the same place. */
async function tileRects(page: Page): Promise<FloorRect[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="live-grid"] .tile')]
      .filter((t) => t.querySelector('.tile-media'))
      .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
      .map((t) => {
        const r = t.querySelector('.tile-media')!.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }),
  );
}

interface ConsoleRun {
  row: Row;
  rects: FloorRect[];
}

/**
 * Runs one grid; `tiles` 0 is the baseline: the signed-in console with no camera.
 * `single` opens the first tile's camera in the single view before measuring.
 */
async function run(
  tiles: number,
  player: 'mse' | 'jsmpeg',
  rigUrl: (mount: string) => string,
  single = false,
): Promise<ConsoleRun> {
  const { station, pid: corePid, stop } = await startStation('off');
  // A fresh browser per run: nothing of the previous grid keeps decoding in the background.
  const browser = await launchBrowser();
  const page = await browser.newPage({
    viewport: { width: VIEW_W!, height: VIEW_H! },
    bypassCSP: EXTRA_CSS !== '',
  });
  if (EXTRA_CSS) {
    await page.addInitScript((css) => {
      document.addEventListener('DOMContentLoaded', () => {
        const style = document.createElement('style');
        style.textContent = css;
        document.head.append(style);
      });
    }, EXTRA_CSS);
  }
  try {
    const ids: string[] = [];
    for (let i = 0; i < tiles; i++) {
      const mount = `cam${(i % ENCODERS) + 1}-a${Math.floor(i / ENCODERS) + 1}`;
      const cam = await station.api.cameras.add({
        name: `Bench ${i + 1}`,
        mainUrl: rigUrl(mount),
        subUrl: rigUrl(mount),
      });
      ids.push(cam.id);
      if (!WITH_RECORDING)
        await station.api.recordings.setCamera({ cameraId: cam.id, enabled: false });
    }
    if (tiles > 0) {
      const layout = await station.api.layouts.save({
        name: `bench-${tiles}`,
        kind: String(tiles) as LayoutKind,
        tiles: ids,
      });
      await station.api.settings.update({ lastLayoutId: layout.id });
    }
    // The renderer picks its player from the address: add the query before its scripts run.
    if (player === 'jsmpeg')
      await page.addInitScript(() => {
        const url = new URL(location.href);
        url.searchParams.set('player', 'jsmpeg');
        history.replaceState(null, '', url);
      });
    const t0 = Date.now();
    await station.open(page);
    // Signed in and on the live grid, not at the sign-in screen.
    await page.getByTestId('live-grid').waitFor({ timeout: 30_000 });
    const firstFrame = new Map<string, number>();
    const deadline = Date.now() + 30_000;
    while (firstFrame.size < tiles && Date.now() < deadline) {
      for (const s of await tileStats(page)) {
        if (s.decodedFrames > 0 && !firstFrame.has(s.cameraId))
          firstFrame.set(s.cameraId, Date.now() - t0);
      }
      await page.waitForTimeout(50);
    }
    const rects = await tileRects(page);
    // The single view pauses the grid under it but its own camera's tile: two tiles play.
    if (single) await page.getByTestId('tile-0').dblclick();
    const m = await measureWindow(page, () => tileStats(page), single ? 2 : tiles, corePid);
    // The JSMpeg player reports no edge lag (always 0): the column is for MSE only.
    const latencies = player === 'mse' ? m.statsAfter.map((s) => s.latencySec * 1000) : [];
    const ff = [...firstFrame.values()];
    const label = single ? `${player} + single view` : player;
    if (TRACE && tiles > 0)
      traces.push({ label: `${tiles} ${label}`, rows: await traceFor(browser, page, 5000) });
    if (LATENCY && !latency && tiles === LATENCY_TILES && player === 'mse' && !single)
      latency = await measureGlassLatency(page, {
        directUrls: Array.from({ length: ENCODERS }, (_, i) => rigUrl(`cam${i + 1}`)),
        expectTiles: tiles,
        durationMs: 10_000,
      });
    return {
      rects,
      row: {
        ...row(single ? 2 : tiles, player, m, {
          firstFrameP50: f1(pct(ff, 50)),
          firstFrameMax: f1(Math.max(...ff)),
          edgeLagP50: f1(pct(latencies, 50)),
          edgeLagP95: f1(pct(latencies, 95)),
        }),
        // Grid tiles under the single view are paused: 1 playing of 1 expected.
        ...(single ? { tiles: `${tiles} + single view` } : {}),
      },
    };
  } finally {
    await browser.close();
    await stop();
  }
}

/** The floor: the same clips in plain <video> elements at the console's tile rectangles. */
async function runFloor(tiles: number, rects: FloorRect[], floor: FloorServer): Promise<Row> {
  floor.setTiles(rects.map((rect, i) => ({ clip: i % ENCODERS, rect })));
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: VIEW_W!, height: VIEW_H! } });
  try {
    await page.goto(floor.baseUrl);
    const stats = () =>
      page.evaluate(
        () =>
          (window as unknown as { __floorStats: () => TileStats[] }).__floorStats() as TileStats[],
      );
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if ((await stats()).every((s) => s.decodedFrames > 0)) break;
      await page.waitForTimeout(50);
    }
    const m = await measureWindow(page, stats, tiles, 0);
    if (TRACE) traces.push({ label: `${tiles} floor`, rows: await traceFor(browser, page, 5000) });
    // Same rectangles as the console or the comparison is void.
    const ok = rects.length === tiles && m.playing === tiles;
    return { ...row(tiles, 'floor <video>', m), ok };
  } finally {
    await browser.close();
  }
}

const median = (xs: number[]) => pct(xs, 50);

async function main(): Promise<void> {
  const rig = await startRig({
    h264: Array.from({ length: ENCODERS }, (_, i) => `cam${i + 1}`),
    aliases: Math.ceil(Math.max(...TILE_COUNTS) / ENCODERS),
    // The stamp is in every picture, the floor clips' too: both sides decode the same.
    clockStamp: LATENCY,
  });
  const rows: Row[] = [];
  const ratios: Array<Record<string, string>> = [];
  const clipDir = mkdtempSync(path.join(tmpdir(), 'bench-floor-'));
  let floor: FloorServer | null = null;
  try {
    if (FLOOR) {
      // Clips outlast warm-up + window; `loop` covers anything longer.
      const seconds = Math.ceil((WARMUP_MS + WINDOW_MS) / 1000) + 5;
      process.stderr.write(`recording ${ENCODERS} floor clips of ${seconds} s…\n`);
      const urls = Array.from({ length: ENCODERS }, (_, i) => rig.url(`cam${i + 1}`));
      floor = await startFloorServer(await recordFloorClips(TEST_FFMPEG, urls, seconds, clipDir));
    }
    process.stderr.write('measuring the baseline: the signed-in console, no camera…\n');
    rows.push((await run(0, 'mse', (m) => rig.url(m))).row);
    for (const player of PATHS) {
      for (const tiles of TILE_COUNTS) {
        const consoleTotals: number[] = [];
        const floorTotals: number[] = [];
        const consoleShown: number[] = [];
        const floorShown: number[] = [];
        // Console and floor alternate (A B A B) so a burst of load hits both alike.
        for (let r = 0; r < (floor && player === 'mse' ? REPEAT : 1); r++) {
          process.stderr.write(`measuring ${tiles} tiles on ${player} (${r + 1})…\n`);
          const c = await run(tiles, player, (m) => rig.url(m));
          rows.push(c.row);
          consoleTotals.push(c.row.total);
          consoleShown.push(c.row.shownPct);
          if (!floor || player !== 'mse') continue;
          process.stderr.write(`measuring the floor at ${tiles} tiles (${r + 1})…\n`);
          const f = await runFloor(tiles, c.rects, floor);
          rows.push(f);
          floorTotals.push(f.total);
          floorShown.push(f.shownPct);
        }
        if (floorTotals.length > 0) {
          const ratio = median(consoleTotals) / median(floorTotals);
          // CPU per shown frame: a starved run (frames not shown) also spends less CPU.
          const perFrame =
            median(consoleTotals) /
            median(consoleShown) /
            (median(floorTotals) / median(floorShown));
          // On a machine too busy to show the frames, the CPU figures compare nothing.
          const starved = median(consoleShown) < 95 || median(floorShown) < 95;
          const target =
            tiles === 16
              ? starved
                ? 'not decided: frames not all shown (machine busy)'
                : `≤ 1.10×: ${ratio <= 1.1 ? 'met' : 'missed'}`
              : tiles === 36
                ? `≥ 95 % shown: ${median(consoleShown) >= 95 ? 'met' : 'missed'}`
                : '—';
          ratios.push({
            tiles: String(tiles),
            runs: String(consoleTotals.length),
            consoleTotalMedian: f1(median(consoleTotals)),
            floorTotalMedian: f1(median(floorTotals)),
            consoleOverFloor: `${ratio.toFixed(2)}×`,
            perShownFrame: `${perFrame.toFixed(2)}×`,
            consoleShownMedian: f1(median(consoleShown)),
            floorShownMedian: f1(median(floorShown)),
            target,
          });
        }
      }
    }
    if (SINGLE_ROW && PATHS.includes('mse')) {
      process.stderr.write('measuring 16 tiles + the single view…\n');
      rows.push((await run(16, 'mse', (m) => rig.url(m), true)).row);
    }
  } finally {
    await floor?.stop();
    rmSync(clipDir, { recursive: true, force: true });
    await rig.stop();
  }
  console.log(
    `bench:live — ${new Date().toISOString()} — SHA ${gitSha()} — ${cpus().length}× ${cpus()[0]?.model ?? '?'} — ` +
      `640×360 H.264 @ ${SOURCE_FPS} fps, viewport ${VIEW_W}×${VIEW_H}, recording ${WITH_RECORDING ? 'on' : 'off'}, window ${WINDOW_MS / 1000} s after ${WARMUP_MS / 1000} s warm-up`,
  );
  console.log(
    'CPU in % of one core; times in ms; edge lag = buffered end − playhead (MSE only); ' +
      'baseline = the same console signed in with no camera; floor = the same streams as local ' +
      'files in plain <video muted autoplay loop> at the console tiles’ rectangles (file server not counted)',
  );
  console.table(rows.map(({ ok: _ok, total: _t, shownPct: _s, ...r }) => r));
  if (ratios.length > 0) {
    console.log('console ÷ floor (total CPU, medians of alternating runs):');
    console.table(ratios);
  }
  if (latency) for (const line of glassLatencyLines(latency, LATENCY_TILES)) console.log(line);
  for (const t of traces) {
    console.log(`Chromium trace, ${t.label}: top-level slices, ms per second`);
    console.table(t.rows.map((r) => ({ ...r, msPerSec: f1(r.msPerSec) })));
  }
  if (LATENCY && (!latency || latency.invalid.length > 0)) {
    console.error('FAILED: the glass-to-glass latency run was not valid');
    process.exitCode = 1;
  }
  const short = rows.filter((r) => !r.ok);
  if (short.length > 0) {
    console.error(
      `FAILED: fewer tiles played than asked in ${short.map((r) => `${r.tiles} ${r.path} (${r.playing})`).join(', ')}`,
    );
    process.exitCode = 1;
  }
}

await main();
