// Glass-to-glass latency of the live grid, measured, not estimated: the rig's cameras
// burn the wall clock into their pictures (startRig({ clockStamp: true }), clock_stamp.py),
// and the console page reads it back from every tile's <video> as the frame is shown
// (requestVideoFrameCallback, then a 40×1 canvas drawImage of the stamp band). Rig,
// Chromium and this process share the host clock, so shown − stamp is the latency.
// Baseline in the same run: ffmpeg reading the same RTSP mounts with no buffering
// (e2e/rig/stamp-reader.ts), i.e. encode + RTSP + decode without the station.
//
// Used by bench:latency and bench:live (16 tiles). The caller starts the page on a
// grid of stamped cameras, lets it warm up, and calls measureGlassLatency.
import { percentile } from './percentile';
import type { Page } from '@playwright/test';
import { decodeStamp, stampEpochMs, STAMP_BLOCKS } from '../e2e/rig/clock-stamp';
import { readRtspStamps } from '../e2e/rig/stamp-reader';

export interface LatencyFigures {
  /** Stamps read (CRC-valid). */
  samples: number;
  /** Stamps that failed the CRC (torn, blended or not yet decoded frames). */
  crcFailures: number;
  p50: number;
  p95: number;
  max: number;
}

export interface GlassLatency {
  console: LatencyFigures;
  direct: LatencyFigures;
  /** RTSP mounts the baseline decoded. */
  directStreams: number;
  /** Per tile: stamps read and failed, and frames it presented per second while sampled. */
  perTile: { cameraId: string; valid: number; failed: number; fps: number }[];
  /** Why the figures do not measure what they say (empty when valid). */
  invalid: string[];
}

export interface GlassLatencyOptions {
  /** RTSP URLs of the stamped encoders the tiles show (one per encoder is enough). */
  directUrls: string[];
  /** Tiles that must be sampled; default: every MSE tile on the page. */
  expectTiles?: number;
  /** Sampling time of each phase (console, then direct decode); default 15 s. */
  durationMs?: number;
  /** Least time between two samples of one tile (canvas reads cost CPU); default 500 ms. */
  sampleEveryMs?: number;
}

/** What the page hands back per sample: when the frame was due on screen, and its band's lumas. */
interface PageSample {
  cameraId: string;
  shownMs: number;
  lumas: number[];
}

const MIN_VALID_PER_TILE = 10;
const MAX_CRC_FAILURE_SHARE = 0.05;
// ffmpeg's first pictures come after RTSP set-up and probing, late: not the steady state.
const DIRECT_SETTLE_MS = 2000;

function figures(latencies: number[], crcFailures: number): LatencyFigures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    crcFailures,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
  };
}

/** Samples every MSE tile of the live grid for `durationMs` (runs inside the page). */
async function sampleTiles(page: Page, durationMs: number, everyMs: number, blocks: number) {
  // tsx (esbuild keepNames) wraps the named inner functions below in __name(), which the page lacks.
  await page.evaluate('globalThis.__name ??= (fn) => fn');
  return page.evaluate(
    ({ durationMs, everyMs, blocks }) =>
      new Promise<{ samples: PageSample[]; presented: Record<string, number> }>((resolve) => {
        const samples: PageSample[] = [];
        const presented: Record<string, number> = {};
        const canvas = document.createElement('canvas');
        canvas.width = blocks;
        canvas.height = 1;
        const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
        const tiles = [
          ...document.querySelectorAll<HTMLElement>('[data-testid="live-grid"] [data-camera-id]'),
        ];
        let running = true;
        for (const tile of tiles) {
          const video = tile.querySelector<HTMLVideoElement>('video[data-player="mse"]');
          const cameraId = tile.dataset.cameraId ?? '';
          if (!video || !cameraId) continue;
          let last = 0;
          presented[cameraId] = 0;
          const onFrame = (now: number, meta: VideoFrameCallbackMetadata) => {
            if (!running) return;
            presented[cameraId]!++;
            if (now - last >= everyMs && video.videoWidth >= blocks) {
              last = now;
              const block = Math.floor(video.videoWidth / blocks);
              // Bilinear down to one pixel per block reads each block's middle, away from its edges.
              ctx.drawImage(video, 0, 0, block * blocks, 2 * block, 0, 0, blocks, 1);
              const rgba = ctx.getImageData(0, 0, blocks, 1).data;
              const lumas: number[] = [];
              for (let i = 0; i < blocks; i++) lumas.push(rgba[i * 4]!);
              // expectedDisplayTime is on performance.now()'s clock: move it to the wall clock.
              const shownMs = Date.now() - (performance.now() - meta.expectedDisplayTime);
              samples.push({ cameraId, shownMs, lumas });
            }
            video.requestVideoFrameCallback(onFrame);
          };
          video.requestVideoFrameCallback(onFrame);
        }
        setTimeout(() => {
          running = false;
          resolve({ samples, presented });
        }, durationMs);
      }),
    { durationMs, everyMs, blocks },
  );
}

async function tileCount(page: Page): Promise<number> {
  return page
    .locator('[data-testid="live-grid"] [data-camera-id] video[data-player="mse"]')
    .count();
}

/** Console phase, then the direct-decode baseline over the same mounts. */
export async function measureGlassLatency(
  page: Page,
  opts: GlassLatencyOptions,
): Promise<GlassLatency> {
  const durationMs = opts.durationMs ?? 15_000;
  const invalid: string[] = [];
  const tiles = await tileCount(page);
  const expected = opts.expectTiles ?? tiles;
  if (tiles < expected || tiles === 0)
    invalid.push(`${tiles} MSE tiles on the page, expected ${expected}`);

  const sampled = await sampleTiles(page, durationMs, opts.sampleEveryMs ?? 500, STAMP_BLOCKS);
  const pageSamples = sampled.samples;
  const perTile = new Map<string, { valid: number; failed: number }>();
  const consoleMs: number[] = [];
  let consoleFailed = 0;
  for (const s of pageSamples) {
    const tile = perTile.get(s.cameraId) ?? { valid: 0, failed: 0 };
    perTile.set(s.cameraId, tile);
    const stamp = decodeStamp(s.lumas);
    if (stamp === null) {
      tile.failed++;
      consoleFailed++;
      continue;
    }
    tile.valid++;
    consoleMs.push(s.shownMs - stampEpochMs(stamp, s.shownMs));
  }
  const tileRows = Object.entries(sampled.presented).map(([cameraId, frames]) => ({
    cameraId,
    valid: perTile.get(cameraId)?.valid ?? 0,
    failed: perTile.get(cameraId)?.failed ?? 0,
    fps: frames / (durationMs / 1000),
  }));
  const thin = tileRows.filter((t) => t.valid < MIN_VALID_PER_TILE);
  const showing = tileRows.filter((t) => t.fps > 0).length;
  if (showing < expected) invalid.push(`${showing}/${expected} tiles presented frames`);
  if (thin.length > 0)
    invalid.push(`${thin.length} tile(s) with fewer than ${MIN_VALID_PER_TILE} readable stamps`);
  if (consoleFailed > MAX_CRC_FAILURE_SHARE * pageSamples.length)
    invalid.push(`${consoleFailed}/${pageSamples.length} console stamps failed the CRC`);

  const direct = await Promise.all(
    opts.directUrls.map((url) =>
      readRtspStamps(url, { durationMs: durationMs + DIRECT_SETTLE_MS }).catch((err: unknown) => {
        invalid.push(`direct decode: ${err instanceof Error ? err.message : String(err)}`);
        return [];
      }),
    ),
  );
  const directMs: number[] = [];
  let directFailed = 0;
  for (const readings of direct) {
    const settled = readings.filter(
      (r) => r.arrivedMs - readings[0]!.arrivedMs >= DIRECT_SETTLE_MS,
    );
    for (const r of settled) {
      if (r.stamp === null) directFailed++;
      else directMs.push(r.arrivedMs - stampEpochMs(r.stamp, r.arrivedMs));
    }
  }
  if (directFailed > MAX_CRC_FAILURE_SHARE * (directFailed + directMs.length))
    invalid.push(`${directFailed} direct-decode stamps failed the CRC`);

  return {
    console: figures(consoleMs, consoleFailed),
    direct: figures(directMs, directFailed),
    directStreams: opts.directUrls.length,
    perTile: tileRows,
    invalid,
  };
}

const fps = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');
const ms = (n: number) => (Number.isFinite(n) ? `${Math.round(n)}` : '—');

/** Report lines: the console beside its direct-decode baseline, and the verdict. */
export function glassLatencyLines(r: GlassLatency, tiles: number, targetP95Ms = 500): string[] {
  const row = (label: string, f: LatencyFigures) =>
    `${label.padEnd(34)} ${ms(f.p50).padStart(5)} ${ms(f.p95).padStart(5)} ${ms(f.max).padStart(5)} ` +
    `${String(f.samples).padStart(7)} ${String(f.crcFailures).padStart(9)}`;
  const met = Number.isFinite(r.console.p95) && r.console.p95 <= targetP95Ms;
  return [
    `${'glass-to-glass latency (ms)'.padEnd(34)}   p50   p95   max samples  CRC fail`,
    row(`console, ${tiles} tiles (MSE)`, r.console),
    row(`baseline: ffmpeg direct, ${r.directStreams} mounts`, r.direct),
    `tiles: frames presented per second while sampled min ${fps(Math.min(...r.perTile.map((t) => t.fps)))}, ` +
      `median ${fps(
        percentile(
          r.perTile.map((t) => t.fps).sort((a, b) => a - b),
          50,
        ),
      )}; ` +
      `readable stamps per tile min ${Math.min(...r.perTile.map((t) => t.valid))}`,
    `station's share at p50: ${ms(r.console.p50 - r.direct.p50)} ms; target p95 ≤ ${targetP95Ms} ms: ${met ? 'met' : 'missed'}`,
    ...(r.invalid.length ? [`INVALID: ${r.invalid.join('; ')}`] : []),
  ];
}
