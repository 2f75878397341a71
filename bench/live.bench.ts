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
import { chromium, type Browser, type Page } from '@playwright/test';
import { cpus } from 'node:os';
import { startRig } from '../e2e/rig/rig';
import { startStation } from '../e2e/station-process';
import { DETECTOR_MARKER } from '../electron/core/tamper/detector-args';
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

interface TileStats {
  cameraId: string;
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

function pct(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
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
    const b = before.find((s) => s.cameraId === a.cameraId);
    return b !== undefined && shown(a) > shown(b);
  }).length;
}

/** Runs one grid; `tiles` 0 is the baseline: the signed-in console with no camera. */
async function run(tiles: number, path: 'mse' | 'jsmpeg', rigUrl: (mount: string) => string) {
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
    if (path === 'jsmpeg')
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
    await page.waitForTimeout(WARMUP_MS);

    // Chromium is a child of this process (Playwright's launcher), the core too.
    const coreTree = new Set(treeOf(corePid).map((p) => p.pid));
    const classify = (p: ProcInfo): string | null => {
      // The picture-alarm detectors (sub-streams) are not live view: bench:health measures them.
      if (p.comm === 'ffmpeg' && coreTree.has(p.ppid))
        return cmdlineHas(p.pid, DETECTOR_MARKER) ? 'detector' : 'ffmpeg';
      if (p.pid === corePid) return 'core';
      if (/^chrom/i.test(p.comm)) return 'browser';
      return null;
    };
    const trees = () => treeOf(process.pid);
    const before = snapshot(trees(), classify);
    const statsBefore = await tileStats(page);
    await page.waitForTimeout(WINDOW_MS);
    const after = snapshot(trees(), classify);
    const statsAfter = await tileStats(page);
    const cpu = cpuPercent(before, after, WINDOW_MS / 1000);

    let shown = 0;
    for (const a of statsAfter) {
      const b = statsBefore.find((s) => s.cameraId === a.cameraId);
      if (!b) continue;
      shown += a.decodedFrames - a.droppedFrames - (b.decodedFrames - b.droppedFrames);
    }
    const source = SOURCE_FPS * (WINDOW_MS / 1000) * tiles;
    // The JSMpeg player reports no edge lag (always 0): the column is for MSE only.
    const latencies = path === 'mse' ? statsAfter.map((s) => s.latencySec * 1000) : [];
    const ff = [...firstFrame.values()];
    const total = (cpu.ffmpeg ?? 0) + (cpu.core ?? 0) + (cpu.browser ?? 0);
    const playing = playingTiles(statsBefore, statsAfter);
    return {
      tiles: tiles === 0 ? '0 (baseline)' : tiles,
      path: tiles === 0 ? '—' : path,
      playing: `${playing}/${tiles}`,
      ok: playing === tiles,
      cpuFfmpeg: f1(cpu.ffmpeg ?? 0),
      cpuCore: f1(cpu.core ?? 0),
      cpuBrowser: f1(cpu.browser ?? 0),
      cpuTotal: f1(total),
      firstFrameP50: f1(pct(ff, 50)),
      firstFrameMax: f1(Math.max(...ff)),
      framesShownPct: tiles === 0 ? '—' : f1((shown / source) * 100),
      edgeLagP50: f1(pct(latencies, 50)),
      edgeLagP95: f1(pct(latencies, 95)),
    };
  } finally {
    await browser.close();
    await stop();
  }
}

async function main(): Promise<void> {
  const rig = await startRig({
    h264: Array.from({ length: ENCODERS }, (_, i) => `cam${i + 1}`),
    aliases: Math.ceil(Math.max(...TILE_COUNTS) / ENCODERS),
  });
  const rows = [];
  try {
    process.stderr.write('measuring the baseline: the signed-in console, no camera…\n');
    rows.push(await run(0, 'mse', (m) => rig.url(m)));
    for (const path of PATHS) {
      for (const tiles of TILE_COUNTS) {
        process.stderr.write(`measuring ${tiles} tiles on ${path}…\n`);
        rows.push(await run(tiles, path, (m) => rig.url(m)));
      }
    }
  } finally {
    await rig.stop();
  }
  console.log(
    `bench:live — ${new Date().toISOString()} — ${cpus().length}× ${cpus()[0]?.model ?? '?'} — ` +
      `640×360 H.264 @ ${SOURCE_FPS} fps, viewport ${VIEW_W}×${VIEW_H}, recording ${WITH_RECORDING ? 'on' : 'off'}, window ${WINDOW_MS / 1000} s after ${WARMUP_MS / 1000} s warm-up`,
  );
  console.log(
    'CPU in % of one core; times in ms; edge lag = buffered end − playhead (MSE only); ' +
      'baseline = the same console signed in with no camera',
  );
  console.table(rows.map(({ ok: _ok, ...row }) => row));
  const short = rows.filter((r) => !r.ok);
  if (short.length > 0) {
    console.error(
      `FAILED: fewer tiles played than asked in ${short.map((r) => `${r.tiles} ${r.path} (${r.playing})`).join(', ')}`,
    );
    process.exitCode = 1;
  }
}

await main();
