// npm run bench:export — time to export one hour of one camera and of four
// cameras through the built core (dist/, what users run), over its contract as the
// renderer asks: export.start → MP4 built from the recorded fragments, hashed as
// written, read back → manifest, reports, player page, timed to its export.changed
// "complete". Baselines, in the same run, alternated with it round by round: a
// plain copy of the same recorded bytes with an fsync per file, and (1 camera) the
// old video path, ffmpeg remux to staging + verified copy, run in this process.
// Target: ≤ 2 × the copy. Footage: one real 60 s H.264 segment hard-linked once per
// minute per camera (bench/playback-fixture.ts), indexed as the recorder indexes.
// Exits non-zero when an export does not complete, writes no video, was not made
// from fragments, or its video does not hold the range's frames.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { copyFile, mkdir, mkdtemp, open, readFile, rm, stat } from 'node:fs/promises';
import { cpus, freemem, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { startStation } from '../e2e/station-process';
import type { ExportRecord } from '../electron/contract/export-schemas';
import { openStationDb } from '../electron/core/db/open-station-db';
import { planClip, type ClipPlan } from '../electron/core/export/clip-plan';
import { fragmentMp4Bytes, planFragmentMp4 } from '../electron/core/export/fragment-mp4';
import { remuxClip } from '../electron/core/export/remux-clip';
import { copyVerified, streamVerified } from '../electron/core/export/verified-copy';
import { absPath } from '../electron/core/storage/storage-layout';
import { seedFootage } from './playback-fixture';

// BENCH_MINUTES shortens the exported span for a quick check; the figures are for 60.
const MINUTES = Number(process.env.BENCH_MINUTES ?? 60);
const SPAN_MS = MINUTES * 60_000;
const SPAN = MINUTES === 60 ? '1 h' : `${MINUTES} min`;
const CAMERAS = ['cam-1', 'cam-2', 'cam-3', 'cam-4'];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET = 2;
const FFMPEG = process.env.FFMPEG_PATH ?? '/usr/bin/ffmpeg';
const FFPROBE = process.env.FFPROBE_PATH ?? '/usr/bin/ffprobe';
const FPS = 25; // the seeded segment's rate (bench/playback-fixture.ts)

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const load = () =>
  readFile('/proc/loadavg', 'utf8').then((t) => t.split(' ').slice(0, 3).join(' '));

/** A run that measured the wrong thing fails: the workload must be what the figure says. */
function invalid(reason: string): never {
  throw new Error(`INVALID RUN: ${reason}`);
}

const run = promisify(execFile);

/**
 * Frames in the file's video stream, counted from its packets. Asynchronous: a blocked
 * event loop misses the core's WebSocket pings and the session's connection is dropped.
 */
async function frameCount(file: string): Promise<number> {
  const { stdout } = await run(FFPROBE, [
    '-v',
    'error',
    '-count_packets',
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream=nb_read_packets',
    '-of',
    'csv=p=0',
    file,
  ]);
  return Number(stdout.trim());
}

async function fsyncFile(file: string): Promise<void> {
  const fh = await open(file, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-export-'));
  // The destination is outside the station's folders (an export into them is refused).
  const dest = await mkdtemp(path.join(tmpdir(), 'bench-export-usb-'));
  const fromMs = Date.UTC(2026, 10, 27, 1, 0, 0); // 08:00 station time
  const toMs = fromMs + SPAN_MS;
  console.log(`seeding ${SPAN} × ${CAMERAS.length} cameras of 60 s segments in ${dataDir} …`);
  await seedFootage({ dataDir, cameraIds: CAMERAS, fromMs, toMs: toMs + 60_000 });

  const db = await openStationDb(dataDir);
  const segmentFiles = async (cameraIds: string[]) => {
    const rows = await db.all<{ path: string; root: string }>(
      `SELECT r.path, s.path AS root FROM recordings r JOIN storage_roots s ON s.id = r.root_id
       WHERE r.camera_id IN (${cameraIds.map(() => '?').join(',')}) AND r.start_ms < ? AND r.end_ms > ?
       ORDER BY r.camera_id, r.start_ms`,
      [...cameraIds, toMs, fromMs],
    );
    return rows.map((r) => absPath(r.root, r.path));
  };

  const plainCopy = async (files: string[]): Promise<{ ms: number; bytes: number }> => {
    const out = path.join(dest, 'plain-copy');
    await mkdir(out, { recursive: true });
    let bytes = 0;
    const t0 = performance.now();
    for (const [i, f] of files.entries()) {
      const target = path.join(out, `${i}.mp4`);
      await copyFile(f, target);
      await fsyncFile(target);
      bytes += (await stat(target)).size;
    }
    const ms = performance.now() - t0;
    await rm(out, { recursive: true, force: true });
    return { ms, bytes };
  };

  // The built core on the seeded folder, driven over its contract like the renderer.
  const { station, stop } = await startStation('off', { dataDir });
  try {
    const finished = new Map<string, ExportRecord>();
    let wake = () => {};
    station.api.on('export.changed', (r) => {
      if (r.status === 'running') return;
      finished.set(r.id, r);
      wake();
    });
    const exportOnce = async (cameraIds: string[]): Promise<{ ms: number; rec: ExportRecord }> => {
      const t0 = performance.now();
      const { id } = await station.api.exports.start({
        incidentId: null,
        cameraIds,
        fromMs,
        toMs,
        destination: dest,
        caseNumber: '',
      });
      const rec = await new Promise<ExportRecord>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`export ${id} did not end in 30 min`)),
          1_800_000,
        );
        wake = () => {
          const r = finished.get(id);
          if (!r) return;
          clearTimeout(timer);
          resolve(r);
        };
        wake();
      });
      const ms = performance.now() - t0;
      const videos = rec.files.filter((f) => f.kind === 'video' && f.bytes > 0);
      if (rec.status !== 'complete' || videos.length !== cameraIds.length)
        invalid(
          `export ${rec.status} (${rec.errorCode ?? 'no error code'}): ${videos.length}/${cameraIds.length} videos written`,
        );
      for (const v of videos) {
        if (v.method !== 'fragments')
          invalid(`${v.name} made by ${v.method ?? 'unknown'}, not fragments`);
        const frames = await frameCount(path.join(dest, rec.folderName, v.name));
        // Starts on the keyframe before the range (hidden by the edit list): up to a GOP more.
        if (Math.abs(frames - (SPAN_MS / 1000) * FPS) > FPS + 1)
          invalid(`${v.name} holds ${frames} frames for ${SPAN}`);
      }
      await rm(path.join(dest, rec.folderName), { recursive: true, force: true });
      return { ms, rec };
    };

    // Warm the page cache for both sides alike: the segments are read once first.
    for (const f of await segmentFiles(CAMERAS)) await readFile(f);

    // One camera's plan, as the core makes it, for the in-process old path and the breakdown.
    const segRows = await db.all<{ id: number; start_ms: number; end_ms: number; bytes: number }>(
      `SELECT id, start_ms, end_ms, bytes FROM recordings WHERE camera_id = ? AND start_ms < ? AND end_ms > ? ORDER BY start_ms`,
      ['cam-1', toMs, fromMs],
    );
    const oneCam = await segmentFiles(CAMERAS.slice(0, 1));
    const plan: ClipPlan = planClip(
      segRows.map((r, i) => ({
        id: r.id,
        startMs: r.start_ms,
        endMs: r.end_ms,
        bytes: r.bytes,
        path: oneCam[i]!,
      })),
      fromMs,
      toMs,
    );
    const work = path.join(dataDir, 'old-path');
    const oldPath = async (): Promise<number> => {
      await mkdir(work, { recursive: true });
      const t0 = performance.now();
      const staged = path.join(work, 'one-hour.mp4');
      await remuxClip({
        ffmpegPath: FFMPEG,
        plan,
        workDir: work,
        outPath: staged,
        signal: new AbortController().signal,
      });
      await copyVerified({ src: staged, destDir: dest, name: 'old-path.mp4' });
      const ms = performance.now() - t0;
      await rm(work, { recursive: true, force: true });
      await rm(path.join(dest, 'old-path.mp4'), { force: true });
      return ms;
    };

    const rows: string[] = [];
    const verdicts: boolean[] = [];
    for (const cams of [CAMERAS.slice(0, 1), CAMERAS]) {
      const files = await segmentFiles(cams);
      if (files.length === 0) invalid(`no footage indexed for ${cams.join(', ')}`);
      const copies: number[] = [];
      const exports: number[] = [];
      const olds: number[] = [];
      let bytes = 0;
      let exported = 0;
      // A B (C) A B (C) …: the machine's noise falls on every side alike; medians.
      for (let round = 0; round < ROUNDS; round++) {
        const c = await plainCopy(files);
        copies.push(c.ms);
        bytes = c.bytes;
        const e = await exportOnce(cams);
        exports.push(e.ms);
        exported = e.rec.bytes;
        if (cams.length === 1) olds.push(await oldPath());
      }
      const copyMs = median(copies);
      const exportMs = median(exports);
      const ratio = exportMs / copyMs;
      const met = ratio <= TARGET;
      verdicts.push(met);
      const old = olds.length ? median(olds) : null;
      console.log(
        `${SPAN} × ${cams.length} camera(s): ${(bytes / 1e6).toFixed(0)} MB recorded → ${(exported / 1e6).toFixed(0)} MB exported; ` +
          `plain copy ${sec(copyMs)}, export ${sec(exportMs)}, ratio ${ratio.toFixed(2)}× (target ≤ ${TARGET}×: ${met ? 'met' : 'missed'})` +
          (old === null
            ? ''
            : `; old ffmpeg video path alone ${sec(old)} (${(old / copyMs).toFixed(2)}×)`) +
          ` [medians of ${ROUNDS}; load ${await load()}]`,
      );
      rows.push(
        `| ${SPAN} × ${cams.length} | ${(bytes / 1e6).toFixed(0)} MB | ${sec(copyMs)} | ${sec(exportMs)} | **${ratio.toFixed(2)}×** | ${old === null ? '—' : `${sec(old)} (${(old / copyMs).toFixed(2)}×)`} |`,
      );
    }

    // Where the new path's time goes, one camera, in this process: the headers read and the
    // file laid out, then written + hashed + fsynced, then the read-back's tail after the last write.
    let t0 = performance.now();
    const planned = await planFragmentMp4(plan);
    const scanMs = performance.now() - t0;
    if (!('layout' in planned)) invalid(`the fragment path fell back: ${planned.fallback}`);
    let lastWrite = 0;
    // CPU of this process and its worker threads: on a loaded machine, the work beside the wait.
    const cpu0 = process.cpuUsage();
    t0 = performance.now();
    await streamVerified({
      destDir: dest,
      name: 'breakdown.mp4',
      chunks: fragmentMp4Bytes(planned.layout),
      source: plan.segments[0]!.path,
      onBytes: (_n, stage) => {
        if (stage === 'write') lastWrite = performance.now();
      },
    });
    const end = performance.now();
    const cpu = process.cpuUsage(cpu0);
    const cpuS = (cpu.user + cpu.system) / 1e6;
    await rm(path.join(dest, 'breakdown.mp4'), { force: true });
    console.log(
      `\nbreakdown, ${SPAN} × 1 camera (${(planned.layout.bytes / 1e6).toFixed(0)} MB, ${planned.layout.samples} samples): ` +
        `read headers + lay out ${sec(scanMs)}, write + hash ${sec(lastWrite - t0)}, fsync + read-back tail ${sec(end - lastWrite)}; ` +
        `CPU used by the write, both hashes and the read-back ${cpuS.toFixed(2)} s over ${sec(end - t0)} of wall time`,
    );

    console.log(
      '\n| export | recorded bytes | plain copy + fsync | export (fragments, verify, reports) | ratio | old ffmpeg video path (remux + verified copy) |',
    );
    console.log('|---|---|---|---|---|---|');
    for (const r of rows) console.log(r);
    console.log(
      `\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB (${(freemem() / 2 ** 30).toFixed(0)} free), node ${process.version}, load ${await load()}, ${new Date().toISOString()}`,
    );
    if (process.env.BENCH_STRICT === '1' && verdicts.some((v) => !v)) process.exitCode = 1;
  } finally {
    await stop();
  }
  await db.close();
  await rm(dataDir, { recursive: true, force: true });
  await rm(dest, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
