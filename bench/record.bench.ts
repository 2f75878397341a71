// npm run bench:record — recording cost and index speed, bounded to a few minutes.
// 1. CPU per recorded camera (utime+stime of the recorder ffmpeg processes from
//    /proc/<pid>/stat) and write throughput, for 8, 16 and 32 cameras from the RTSP
//    rig (4 encoders, the other cameras are aliases sharing them), plus segment loss.
// 2. Timeline query time over a synthetic index of 64 cameras × 30 days.
// Usage: tsx bench/record.bench.ts [--counts 8,16,32] [--seconds 30]
import { execFileSync } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { cpus, hostname } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startRig } from '../e2e/rig/rig';
import { RecordingIndex } from '../electron/core/recording/recording-index';
import { RecordingService } from '../electron/core/recording/recording-service';
import {
  collectingEmit,
  FFMPEG,
  openRecordingDb,
  processStates,
  sleep,
  tempDir,
  waitFor,
} from '../electron/core/recording/testing/recording-test-kit';
import { fillSyntheticIndex } from '../electron/core/recording/testing/synthetic-index';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const COUNTS = arg('counts', '8,16,32')
  .split(',')
  .map(Number)
  .filter((n) => n > 0 && n <= 64);
const WINDOW_S = Math.min(120, Math.max(10, Number(arg('seconds', '30'))));
const SEGMENT_S = 10;
const ENCODERS = 4;
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

async function cpuTicks(pid: number): Promise<number> {
  try {
    const s = await readFile(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 (utime, stime) are 12 and 13 after the state field.
    return Number(f[11]) + Number(f[12]);
  } catch {
    return 0;
  }
}

async function treeBytes(dir: string, depth = 0): Promise<number> {
  if (depth > 6) return 0;
  let total = 0;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) total += await treeBytes(p, depth + 1);
    else if (e.isFile()) total += (await stat(p).catch(() => ({ size: 0 }))).size;
  }
  return total;
}

interface RecordResult {
  cameras: number;
  cpuPerCameraPct: number;
  cpuAllRecordersPct: number;
  mainProcessPct: number;
  writeMBps: number;
  segments: number;
  lostSegments: number;
  holes: number;
  gaps: number;
}

async function benchRecording(n: number): Promise<RecordResult> {
  const perEncoder = Math.ceil(n / ENCODERS);
  const bases = Array.from({ length: ENCODERS }, (_, i) => `bench${i + 1}`);
  const rig = await startRig({ h264: bases, aliases: perEncoder });
  const cams = Array.from(
    { length: n },
    (_, i) => `${bases[i % ENCODERS]}-a${Math.floor(i / ENCODERS) + 1}`,
  );
  const tmp = await tempDir('bench-record');
  const db = await openRecordingDb(join(tmp.dir, 'station.db'));
  const storage = join(tmp.dir, 'footage');
  const svc = new RecordingService({
    db,
    storageDir: storage,
    ffmpegPath: FFMPEG,
    resolveInput: async (id) => ({ kind: 'rtsp', url: rig.url(id), safeLabel: id }),
    emit: collectingEmit().emit,
    segmentSeconds: SEGMENT_S,
    quota: { reserveBytes: 0 },
  });
  try {
    await svc.start();
    await svc.syncCameras(cams);
    await waitFor('all recording', () => cams.every((c) => svc.status(c).recording), 60_000, 250);
    await sleep(3000);
    const pids = svc.recorderPids();
    const t0 = performance.now();
    const ticks0 = await Promise.all(pids.map(cpuTicks));
    const cpu0 = process.cpuUsage();
    const bytes0 = await treeBytes(storage);
    await sleep(WINDOW_S * 1000);
    const ticks1 = await Promise.all(pids.map(cpuTicks));
    const cpu1 = process.cpuUsage(cpu0);
    const bytes1 = await treeBytes(storage);
    const seconds = (performance.now() - t0) / 1000;
    const ticks = ticks1.reduce((a, b, i) => a + Math.max(0, b - (ticks0[i] ?? 0)), 0);
    const allPct = ((ticks / CLK_TCK) * 100) / seconds;
    await svc.dispose();
    const left = await processStates(pids);
    if (left.alive + left.zombies > 0)
      throw new Error(`recorders left behind: ${JSON.stringify(left)}`);

    let segments = 0;
    let holes = 0;
    let gaps = 0;
    let lost = 0;
    const index = new RecordingIndex(db);
    for (const c of cams) {
      const tl = await index.timeline(c, 0, Date.now() + 60_000);
      segments += tl.recordings.length;
      gaps += tl.gaps.length;
      for (let i = 1; i < tl.recordings.length; i++) {
        const hole = tl.recordings[i]!.startMs - tl.recordings[i - 1]!.endMs;
        if (hole > 500) holes++;
        // A missing segment shows as a hole of about one segment length.
        if (hole > SEGMENT_S * 500) lost += Math.round(hole / (SEGMENT_S * 1000));
      }
    }
    const inboxLeft = await treeBytes(join(storage, '.inbox'));
    if (inboxLeft > 0) lost++;
    return {
      cameras: n,
      cpuPerCameraPct: allPct / n,
      cpuAllRecordersPct: allPct,
      mainProcessPct: ((cpu1.user + cpu1.system) / 1e6 / seconds) * 100,
      writeMBps: (bytes1 - bytes0) / seconds / 1e6,
      segments,
      lostSegments: lost,
      holes,
      gaps,
    };
  } finally {
    await svc.dispose();
    await rig.stop();
    await db.close();
    await tmp.cleanup();
  }
}

async function benchTimeline(): Promise<Record<string, number>> {
  const tmp = await tempDir('bench-timeline');
  const db = await openRecordingDb(join(tmp.dir, 'station.db'));
  try {
    const end = Date.UTC(2026, 10, 27);
    const t = performance.now();
    const rows = await fillSyntheticIndex(db, {
      cameras: 64,
      days: 30,
      segmentSeconds: 60,
      endMs: end,
    });
    const fillS = (performance.now() - t) / 1000;
    const index = new RecordingIndex(db);
    const measure = async (
      spanMs: number,
      runs: number,
    ): Promise<{ median: number; p95: number }> => {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const cam = `synthetic-${String((i * 17) % 64).padStart(2, '0')}`;
        const from =
          end - 30 * 86_400_000 + ((i * 7919) % 29) * 86_400_000 + ((i * 3571) % 86_400_000);
        const s = performance.now();
        await index.timeline(cam, from, Math.min(end, from + spanMs));
        times.push(performance.now() - s);
      }
      times.sort((a, b) => a - b);
      return { median: times[Math.floor(runs / 2)]!, p95: times[Math.floor(runs * 0.95)]! };
    };
    await measure(86_400_000, 5); // warm the page cache
    const hour = await measure(3_600_000, 50);
    const day = await measure(86_400_000, 50);
    const month = await measure(30 * 86_400_000, 10);
    return {
      rows,
      fillSeconds: fillS,
      hourMedianMs: hour.median,
      hourP95Ms: hour.p95,
      dayMedianMs: day.median,
      dayP95Ms: day.p95,
      monthMedianMs: month.median,
    };
  } finally {
    await db.close();
    await tmp.cleanup();
  }
}

async function main(): Promise<void> {
  const cpu = cpus()[0]?.model ?? 'unknown cpu';
  process.stdout.write(
    `record bench ${new Date().toISOString()} on ${hostname()} (${cpus().length} × ${cpu}), ffmpeg ${FFMPEG}, ` +
      `segments ${SEGMENT_S} s, window ${WINDOW_S} s\n\n`,
  );
  process.stdout.write(
    'cameras | CPU/camera | CPU all recorders | node main | write MB/s | segments | lost | holes>0.5s | gaps\n',
  );
  for (const n of COUNTS) {
    const r = await benchRecording(n);
    process.stdout.write(
      `${String(r.cameras).padStart(7)} | ${r.cpuPerCameraPct.toFixed(2).padStart(9)}% | ${r.cpuAllRecordersPct
        .toFixed(1)
        .padStart(
          16,
        )}% | ${r.mainProcessPct.toFixed(1).padStart(8)}% | ${r.writeMBps.toFixed(2).padStart(10)} | ${String(
        r.segments,
      ).padStart(
        8,
      )} | ${String(r.lostSegments).padStart(4)} | ${String(r.holes).padStart(10)} | ${r.gaps}\n`,
    );
  }
  const tl = await benchTimeline();
  process.stdout.write(
    `\ntimeline over ${tl.rows} synthetic rows (64 cameras × 30 days × 60 s segments, filled in ${tl.fillSeconds!.toFixed(1)} s):\n` +
      `  1 h window:  median ${tl.hourMedianMs!.toFixed(2)} ms, p95 ${tl.hourP95Ms!.toFixed(2)} ms\n` +
      `  24 h window: median ${tl.dayMedianMs!.toFixed(2)} ms, p95 ${tl.dayP95Ms!.toFixed(2)} ms (target ≤ 20 ms)\n` +
      `  30 d window: median ${tl.monthMedianMs!.toFixed(2)} ms (43 200 rows returned)\n`,
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
