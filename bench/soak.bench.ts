// npm run bench:soak — the whole station over a long run, as a duty room runs it: the
// built core (browser mode) recording 16 ward-shaped cameras from the RTSP rig (12.5 fps,
// 4 s GOP; 2 encoders, each served under 8 names) in the default 60 s segments, and a
// signed-in Debian Chromium page showing all 16 live.
//
// Baseline, in the same run: one minute of the same console signed in with no camera.
// Then once a minute: core RSS, browser RSS, PSS and USS (summed over Chromium's processes;
// the verdict uses USS: PSS moves with other Chromiums on a shared machine),
// the core's open fds, its ffmpeg children (recorders and live remuxers; picture-alarm
// detectors apart), tiles playing, frames shown and segments filed, beside /proc/loadavg.
// At the end: slopes in MB/h after the warm-up (least squares) and the fd change.
// BENCH_MINUTES (default 30) sets the length; BENCH_WARMUP_MINUTES (default 5) the warm-up.
//
// Exits non-zero for an invalid run: after the warm-up fewer than 16 tiles play or the
// ffmpeg count is not 32; a minute (after the first) files no segment; the run ends
// early. BENCH_STRICT=1 also fails a slope above 20 MB/h.
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { startRig } from '../e2e/rig/rig';
import { until } from '../e2e/service-kit';
import { startStation } from '../e2e/station-process';
import { DETECTOR_MARKER } from '../electron/core/tamper/detector-args';
import type { LayoutKind } from '../electron/contract/schemas';
import { SESSION_TOKEN_KEY } from '../renderer/auth/session-token';
import { allProcesses } from './proc-cpu';
import {
  browserProcesses,
  fdCount,
  ffmpegChildren,
  loadAvg,
  memoryOf,
  rssMb,
  slope,
} from './proc-sample';

const MINUTES = Math.max(1, Number(process.env.BENCH_MINUTES ?? 30));
const WARMUP_MINUTES = Math.min(
  Math.max(0, Number(process.env.BENCH_WARMUP_MINUTES ?? 5)),
  MINUTES - 1,
);
const STRICT = process.env.BENCH_STRICT === '1';
const SLOPE_TARGET_MB_H = 20;
const ENCODERS = 2;
const PER_ENCODER = 8;
const CAMERAS = ENCODERS * PER_ENCODER;
const SOURCE_FPS = 12.5;
// A recorder and a live remuxer per camera.
const EXPECTED_FFMPEG = 2 * CAMERAS;

interface TileStats {
  cameraId: string;
  decodedFrames: number;
  droppedFrames: number;
}

interface Sample {
  minute: number;
  at: number;
  coreRssMb: number;
  browserRssMb: number;
  browserPssMb: number;
  browserUssMb: number;
  coreFds: number;
  ffmpeg: number;
  detectors: number;
}

function sample(minute: number, corePid: number): Sample {
  const procs = allProcesses();
  const browser = memoryOf(browserProcesses(process.pid, procs));
  const ff = ffmpegChildren(corePid, DETECTOR_MARKER, procs);
  return {
    minute,
    at: Date.now(),
    coreRssMb: rssMb(corePid),
    browserRssMb: browser.rssMb,
    browserPssMb: browser.pssMb,
    browserUssMb: browser.ussMb,
    coreFds: fdCount(corePid),
    ffmpeg: ff.media.length,
    detectors: ff.detectors.length,
  };
}

const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - Date.now())));
const f1 = (n: number) => n.toFixed(1);
const shown = (s: TileStats) => s.decodedFrames - s.droppedFrames;

function versionLine(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8' }).split('\n')[0]!.trim();
  } catch {
    return `${cmd}: ?`;
  }
}

async function main(): Promise<void> {
  const failures: string[] = [];
  const bases = Array.from({ length: ENCODERS }, (_, i) => `soak${i + 1}`);
  const rig = await startRig({ h264: bases, aliases: PER_ENCODER, fps: '25/2', gopSeconds: 4 });
  const { station, pid: corePid, stop } = await startStation('off');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'],
  });
  try {
    const api = station.api;
    // Nobody touches the console for half an hour: the idle lock would end the live view.
    await api.settings.updateStation({ idleLockMinutes: 0 });
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await station.open(page);
    console.log(
      `bench:soak — ${new Date().toISOString()} — ${cpus().length}× ${cpus()[0]?.model ?? '?'} — ` +
        `SHA ${versionLine('git', ['rev-parse', '--short', 'HEAD'])} — Chromium ${browser.version()} — ` +
        `${versionLine('ffmpeg', ['-version'])}`,
    );
    console.log(
      `${CAMERAS} cameras (640×360 H.264, 12.5 fps, 4 s GOP; ${ENCODERS} rig encoders × ${PER_ENCODER} names) ` +
        `recording 60 s segments + ${CAMERAS} live tiles, ${MINUTES} min, warm-up ${WARMUP_MINUTES} min; load ${loadAvg()}`,
    );

    // Baseline: the same console signed in, no camera.
    const idle0 = sample(0, corePid);
    await page.waitForTimeout(60_000);
    const idle = sample(0, corePid);
    console.log(
      `baseline, signed-in console with no camera, 1 min: core RSS ${f1(idle.coreRssMb)} MB ` +
        `(${f1(idle.coreRssMb - idle0.coreRssMb)} over the minute), browser RSS ${f1(idle.browserRssMb)} / ` +
        `PSS ${f1(idle.browserPssMb)} / USS ${f1(idle.browserUssMb)} MB, core fds ${idle.coreFds}, ffmpeg ${idle.ffmpeg}; load ${loadAvg()}`,
    );

    const ids: string[] = [];
    for (let e = 0; e < ENCODERS; e++)
      for (let a = 1; a <= PER_ENCODER; a++) {
        const name = `${bases[e]}-a${a}`;
        const url = rig.url(name);
        ids.push((await api.cameras.add({ name, mainUrl: url, subUrl: url })).id);
      }
    const layout = await api.layouts.save({
      name: 'soak-16',
      kind: String(CAMERAS) as LayoutKind,
      tiles: ids,
    });
    await api.settings.update({ lastLayoutId: layout.id });
    await page.reload();
    await page.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('live-grid').waitFor({ timeout: 30_000 });
    const recording = await until(async () => {
      const st = await api.recordings.statuses();
      return ids.every((id) => st.some((s) => s.cameraId === id && s.recording));
    }, 60_000);
    if (!recording) throw new Error(`not all ${CAMERAS} cameras are recording`);

    const tileStats = () =>
      page.evaluate(
        () =>
          ((window as unknown as { __stationStats?: () => unknown[] }).__stationStats?.() ??
            []) as TileStats[],
      );
    // On a loaded machine the bench's RPC socket can miss heartbeats and reconnect, which
    // leaves the new connection signed out: it rejoins the page's session and asks again.
    const token = await page.evaluate((key) => sessionStorage.getItem(key), SESSION_TOKEN_KEY);
    let rejoined = 0;
    const ask = async <T>(call: () => Promise<T>): Promise<T> => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await call();
        } catch (err) {
          if (attempt === 3 || !token) throw err;
          rejoined++;
          await new Promise((r) => setTimeout(r, 1000));
          await api.auth.resume({ token }).catch(() => undefined);
        }
      }
    };
    const segmentsSince = async (from: number) => {
      let n = 0;
      for (const id of ids)
        n += (await ask(() => api.recordings.timeline({ cameraId: id, from, to: Date.now() })))
          .recordings.length;
      return n;
    };

    const t0 = Date.now();
    const samples: Sample[] = [sample(0, corePid)];
    let stats = await tileStats();
    let filed = await segmentsSince(t0 - 60_000);
    console.log(
      'minute  core RSS  browser RSS  browser PSS  browser USS  core fds  ffmpeg (+det)  tiles playing  frames shown %  segments  load',
    );
    for (let m = 1; m <= MINUTES; m++) {
      await sleepUntil(t0 + m * 60_000);
      // A mouse move is the console's own input: it keeps the session as an officer would.
      await page.mouse.move(10 + (m % 2) * 20, 10);
      const s = sample(m, corePid);
      const prev = samples[samples.length - 1]!;
      samples.push(s);
      const nextStats = await tileStats();
      let frames = 0;
      let playing = 0;
      for (const a of nextStats) {
        const b = stats.find((x) => x.cameraId === a.cameraId);
        const d = shown(a) - (b ? shown(b) : 0);
        frames += d;
        if (d > 0) playing++;
      }
      stats = nextStats;
      const nowFiled = await segmentsSince(t0 - 60_000);
      const newSegments = nowFiled - filed;
      filed = nowFiled;
      const framesPct = (frames / (SOURCE_FPS * ((s.at - prev.at) / 1000) * CAMERAS)) * 100;
      console.log(
        `${String(m).padStart(6)}  ${f1(s.coreRssMb).padStart(8)}  ${f1(s.browserRssMb).padStart(11)}  ` +
          `${f1(s.browserPssMb).padStart(11)}  ${f1(s.browserUssMb).padStart(11)}  ` +
          `${String(s.coreFds).padStart(8)}  ` +
          `${`${s.ffmpeg} (+${s.detectors})`.padStart(13)}  ${`${playing}/${CAMERAS}`.padStart(13)}  ` +
          `${f1(framesPct).padStart(14)}  ${String(newSegments).padStart(8)}  ${loadAvg()}`,
      );
      if (m > WARMUP_MINUTES && playing < CAMERAS)
        failures.push(`minute ${m}: ${playing}/${CAMERAS} tiles playing`);
      if (m > WARMUP_MINUTES && s.ffmpeg !== EXPECTED_FFMPEG)
        failures.push(`minute ${m}: ${s.ffmpeg} ffmpeg, expected ${EXPECTED_FFMPEG}`);
      if (m > 1 && newSegments === 0) failures.push(`minute ${m}: no segment filed`);
    }

    const last = samples[samples.length - 1]!;
    const warm = samples.filter((s) => s.minute >= WARMUP_MINUTES);
    const hours = warm.map((s) => (s.at - t0) / 3_600_000);
    const mbPerHour = (mb: (s: Sample) => number) => slope(hours, warm.map(mb));
    const slopes = {
      core: mbPerHour((s) => s.coreRssMb),
      browserRss: mbPerHour((s) => s.browserRssMb),
      browserPss: mbPerHour((s) => s.browserPssMb),
      browserUss: mbPerHour((s) => s.browserUssMb),
    };
    console.log(
      `slope after minute ${WARMUP_MINUTES} (MB/h, target ≤ ${SLOPE_TARGET_MB_H}): core RSS ${f1(slopes.core)}, ` +
        `browser USS ${f1(slopes.browserUss)} (PSS ${f1(slopes.browserPss)}, RSS sum ${f1(slopes.browserRss)})`,
    );
    console.log(
      `RPC socket rejoined the session ${rejoined}× (missed heartbeats under load); ` +
        `core RSS ${f1(idle.coreRssMb)} (idle) → ${f1(samples[0]!.coreRssMb)} (start) → ${f1(last.coreRssMb)} MB; ` +
        `browser USS ${f1(idle.browserUssMb)} → ${f1(samples[0]!.browserUssMb)} → ${f1(last.browserUssMb)} MB; ` +
        `core fds ${idle.coreFds} → ${samples[0]!.coreFds} → ${last.coreFds} ` +
        `(${last.coreFds - (warm[0] ?? samples[0]!).coreFds >= 0 ? '+' : ''}${last.coreFds - (warm[0] ?? samples[0]!).coreFds} after warm-up)`,
    );
    const worst = Math.max(slopes.core, slopes.browserUss);
    console.log(
      `target ${worst <= SLOPE_TARGET_MB_H ? 'met' : 'missed'}: largest slope ${f1(worst)} MB/h`,
    );
    if (STRICT && worst > SLOPE_TARGET_MB_H)
      failures.push(`slope ${f1(worst)} MB/h above ${SLOPE_TARGET_MB_H} (BENCH_STRICT)`);
  } finally {
    await browser.close();
    await stop();
    await rig.stop();
  }
  if (failures.length > 0) {
    console.error(`INVALID RUN:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
