// npm run bench:health — what the picture-alarm detector costs: 16 ward-shaped cameras
// from the RTSP rig (D1 sub-streams, 12.5 fps, GOP 4 s; 4 encoders, each served under 4
// names), one keyframe-only ffmpeg each (TamperWatch, as the station runs it), for
// BENCH_SECONDS (default 75) after a 20 s warm-up.
//
// CPU per camera = the detector ffmpeg children's ticks (/proc, matched by -skip_frame)
// plus this process's ticks minus a baseline of the same process with detection off,
// divided by the cameras, as % of one core. The rig's CPU is not charged. Target ≤ 0.5 %.
// Prints ffmpeg RSS and keyframes analysed per second. Exits non-zero when the workload
// did not run (a camera not watched, or no keyframe analysed).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { D1, startRig } from '../e2e/rig/rig';
import type { Camera } from '../electron/contract/schemas';
import { openStationDb } from '../electron/core/db/open-station-db';
import { CameraAlarmLog } from '../electron/core/outages/camera-alarm-log';
import { detectorRtspInput, DETECTOR_MARKER } from '../electron/core/tamper/detector-args';
import { ReferenceStore } from '../electron/core/tamper/reference-store';
import { TamperSettingsStore } from '../electron/core/tamper/tamper-settings-store';
import { TamperWatch } from '../electron/core/tamper/tamper-watch';
import { allProcesses, cmdlineHas, treeOf, type ProcInfo } from './proc-cpu';

const SECONDS = Math.max(20, Number(process.env.BENCH_SECONDS ?? 75));
const BASELINE_SECONDS = Math.max(10, Number(process.env.BENCH_BASELINE_SECONDS ?? 30));
const WARMUP_SECONDS = 20;
const GOP_SECONDS = Number(process.env.BENCH_GOP ?? 4);
const ENCODERS = 4;
const PER_ENCODER = 4;
const CAMERAS = ENCODERS * PER_ENCODER;
const CLK_TCK = 100;
const FFMPEG = process.env.FFMPEG_PATH || '/usr/bin/ffmpeg';

const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000));

const isDetector = (p: ProcInfo): boolean =>
  p.comm.startsWith('ffmpeg') && cmdlineHas(p.pid, DETECTOR_MARKER);

/** Ticks of this process and of each detector ffmpeg (by pid), now. */
function sample(): { own: number; detectors: Map<number, number> } {
  const tree = treeOf(process.pid, allProcesses());
  return {
    own: tree.find((p) => p.pid === process.pid)?.ticks ?? 0,
    detectors: new Map(tree.filter(isDetector).map((p) => [p.pid, p.ticks])),
  };
}

function rssMb(pid: number): number {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return kb / 1024;
  } catch {
    return 0;
  }
}

const pct = (ticks: number, seconds: number) => (ticks / CLK_TCK / seconds) * 100;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'station-bench-health-'));
  const rig = await startRig({
    h264: Array.from({ length: ENCODERS }, (_, i) => `cam${i + 1}`),
    sub: true,
    subSize: D1,
    fps: '25/2',
    gopSeconds: GOP_SECONDS,
    aliases: PER_ENCODER,
  });
  const db = await openStationDb(dir);
  let failed = false;
  try {
    const cameras: Camera[] = [];
    for (let e = 1; e <= ENCODERS; e++)
      for (let a = 1; a <= PER_ENCODER; a++) {
        const id = `cam${e}-a${a}`;
        await db.run(
          "INSERT INTO cameras (id, name, source, main_url, created_at) VALUES (?, ?, 'rtsp', ?, 0)",
          [id, id, rig.url(`cam${e}-a${a}`)],
        );
        cameras.push({ id, enabled: true, subUrl: rig.url(`cam${e}_sub-a${a}`) } as Camera);
      }
    const alarms = new CameraAlarmLog({ db, cameraExists: async () => true });
    await alarms.start();
    const watch = new TamperWatch({
      ffmpegPath: FFMPEG,
      cameras: async () => cameras,
      inputArgs: async (c, v) => detectorRtspInput(c.subUrl!, v),
      settings: new TamperSettingsStore(db),
      references: new ReferenceStore(db),
      alarms,
      emit: () => undefined,
    });

    console.log(
      `health bench: ${CAMERAS} cameras (D1 sub, 12.5 fps, GOP ${GOP_SECONDS} s), ${cpus().length} cores (${cpus()[0]?.model ?? '?'})`,
    );
    // Baseline: this process with the rig running and detection off.
    const b0 = sample();
    await sleep(BASELINE_SECONDS);
    const b1 = sample();
    const baselinePct = pct(b1.own - b0.own, BASELINE_SECONDS);

    for (const c of cameras)
      watch.onHealth({
        cameraId: c.id,
        reachable: 'up',
        since: Date.now(),
        errorKind: null,
        watchedBy: 'probe',
      });
    await sleep(WARMUP_SECONDS);
    const s0 = sample();
    const k0 = watch.keyframesAnalysed;
    await sleep(SECONDS);
    const s1 = sample();
    const keyframes = watch.keyframesAnalysed - k0;
    const running = (await watch.states()).filter((s) => s.running && s.lastFrameAt !== null);

    let ffTicks = 0;
    for (const [pid, t] of s1.detectors) ffTicks += t - (s0.detectors.get(pid) ?? 0);
    const ffPct = pct(ffTicks, SECONDS);
    const ownPct = Math.max(0, pct(s1.own - s0.own, SECONDS) - baselinePct);
    const rss = [...s1.detectors.keys()].map(rssMb).filter((x) => x > 0);
    const perCamera = (ffPct + ownPct) / CAMERAS;
    console.log(
      `measured ${SECONDS} s after ${WARMUP_SECONDS} s warm-up; baseline ${baselinePct.toFixed(2)} % over ${BASELINE_SECONDS} s`,
    );
    console.log(
      `detector ffmpeg: ${s1.detectors.size} processes, ${ffPct.toFixed(2)} % of one core in all`,
    );
    console.log(`station process (analysis): ${ownPct.toFixed(2)} % of one core above baseline`);
    console.log(
      `ffmpeg RSS each: median ${median(rss).toFixed(1)} MB, max ${Math.max(0, ...rss).toFixed(1)} MB`,
    );
    console.log(
      `keyframes analysed: ${keyframes} (${(keyframes / SECONDS).toFixed(2)}/s; expected ${(CAMERAS / GOP_SECONDS).toFixed(2)}/s)`,
    );
    console.log(`CPU per camera: ${perCamera.toFixed(3)} % of one core (target ≤ 0.5 %)`);
    if (keyframes === 0) {
      console.error('no keyframe was analysed: the detector did not run');
      failed = true;
    }
    if (running.length < CAMERAS) {
      console.error(`only ${running.length} of ${CAMERAS} cameras were watched`);
      failed = true;
    }
    await watch.dispose();
    await alarms.dispose();
  } finally {
    await db.close();
    await rig.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
