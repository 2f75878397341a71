// npm run bench:latency — glass-to-glass latency of the live grid (glass-latency.ts):
// the built core (browser mode) with real ffmpeg, the real renderer in Debian's
// Chromium at 1920×1080, BENCH_TILES (default 16) tiles of 640×360 H.264 at 25 fps from
// 4 clock-stamped rig encoders (bench:live's shape), beside ffmpeg decoding the same
// mounts directly in the same run. Target: console p95 ≤ 500 ms.
//
// Exits non-zero for an invalid run (tiles not all playing, too few readable stamps, the
// baseline not read); BENCH_STRICT=1 also fails a missed target.
import { gitSha } from './git-sha';
import { chromium } from '@playwright/test';
import { cpus } from 'node:os';
import { startRig } from '../e2e/rig/rig';
import { startStation } from '../e2e/station-process';
import type { LayoutKind } from '../electron/contract/schemas';
import { glassLatencyLines, measureGlassLatency } from './glass-latency';
import { loadAvg } from './proc-sample';

const TILES = Number(process.env.BENCH_TILES ?? 16);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 6000);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 15000);
const TARGET_P95_MS = 500;
const ENCODERS = 4;
const WITH_RECORDING = process.env.BENCH_RECORD === '1';

async function main(): Promise<void> {
  const bases = Array.from({ length: ENCODERS }, (_, i) => `cam${i + 1}`);
  const rig = await startRig({
    h264: bases,
    aliases: Math.ceil(TILES / ENCODERS),
    clockStamp: true,
  });
  const { station, stop } = await startStation('off');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'],
  });
  let invalid = false;
  try {
    const ids: string[] = [];
    for (let i = 0; i < TILES; i++) {
      const mount = `${bases[i % ENCODERS]}-a${Math.floor(i / ENCODERS) + 1}`;
      const cam = await station.api.cameras.add({
        name: `Latency ${i + 1}`,
        mainUrl: rig.url(mount),
        subUrl: rig.url(mount),
      });
      ids.push(cam.id);
      if (!WITH_RECORDING)
        await station.api.recordings.setCamera({ cameraId: cam.id, enabled: false });
    }
    const layout = await station.api.layouts.save({
      name: `latency-${TILES}`,
      kind: String(TILES) as LayoutKind,
      tiles: ids,
    });
    await station.api.settings.update({ lastLayoutId: layout.id });
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await station.open(page);
    await page.getByTestId('live-grid').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(WARMUP_MS);

    console.log(
      `bench:latency — ${new Date().toISOString()} — ${cpus().length}× ${cpus()[0]?.model ?? '?'} — ` +
        `SHA ${gitSha()} — Chromium ${browser.version()} — ${TILES} tiles of 640×360 H.264 @ 25 fps ` +
        `(${ENCODERS} stamped encoders), recording ${WITH_RECORDING ? 'on' : 'off'}, ` +
        `${WINDOW_MS / 1000} s per phase after ${WARMUP_MS / 1000} s warm-up; load before ${loadAvg()}`,
    );
    const result = await measureGlassLatency(page, {
      directUrls: bases.map((b) => rig.url(b)),
      expectTiles: TILES,
      durationMs: WINDOW_MS,
    });
    for (const line of glassLatencyLines(result, TILES, TARGET_P95_MS)) console.log(line);
    // Where part of the station's share sits: media buffered ahead of the playhead.
    const lags = await page.evaluate(() =>
      (
        ((
          window as unknown as { __stationStats?: () => { latencySec: number }[] }
        ).__stationStats?.() ?? []) as { latencySec: number }[]
      ).map((s) => Math.round(s.latencySec * 1000)),
    );
    lags.sort((a, b) => a - b);
    console.log(
      `MSE edge lag (buffered end − playhead) at the end, ms: min ${lags[0]}, ` +
        `median ${lags[Math.floor(lags.length / 2)]}, max ${lags[lags.length - 1]}`,
    );
    console.log(`load after ${loadAvg()}`);
    invalid = result.invalid.length > 0;
    if (process.env.BENCH_STRICT === '1' && !(result.console.p95 <= TARGET_P95_MS)) invalid = true;
  } finally {
    await browser.close();
    await stop();
    await rig.stop();
  }
  if (invalid) process.exit(1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
