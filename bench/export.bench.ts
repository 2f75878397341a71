// npm run bench:export — time to export one hour of one camera and of four
// cameras through the built core (dist/, what users run), over its contract as the
// renderer asks: export.start → remux → verified copy → manifest, reports, player
// page, timed to its export.changed "complete". Baseline, in the same run: a plain
// copy of the same recorded bytes with an fsync per file. Target: ≤ 1.5 × the copy.
// Footage: one real 60 s H.264 segment hard-linked once per minute per camera
// (bench/playback-fixture.ts), indexed exactly as the recorder indexes.
// Exits non-zero when an export does not complete or writes no video.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, open, readFile, rm, stat } from 'node:fs/promises';
import { cpus, freemem, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { startStation } from '../e2e/station-process';
import type { ExportRecord } from '../electron/contract/export-schemas';
import { openStationDb } from '../electron/core/db/open-station-db';
import { planClip } from '../electron/core/export/clip-plan';
import { remuxClip } from '../electron/core/export/remux-clip';
import { absPath } from '../electron/core/storage/storage-layout';
import { seedFootage } from './playback-fixture';

// BENCH_MINUTES shortens the exported span for a quick check; the figures are for 60.
const MINUTES = Number(process.env.BENCH_MINUTES ?? 60);
const SPAN_MS = MINUTES * 60_000;
const SPAN = MINUTES === 60 ? '1 h' : `${MINUTES} min`;
const CAMERAS = ['cam-1', 'cam-2', 'cam-3', 'cam-4'];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

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
        throw new Error(
          `export ${rec.status} (${rec.errorCode ?? 'no error code'}): ${videos.length}/${cameraIds.length} videos written`,
        );
      await rm(path.join(dest, rec.folderName), { recursive: true, force: true });
      return { ms, rec };
    };

    // Warm the page cache for both sides alike: the segments are read once first.
    for (const f of await segmentFiles(CAMERAS)) await readFile(f);

    const rows: string[] = [];
    for (const cams of [CAMERAS.slice(0, 1), CAMERAS]) {
      const files = await segmentFiles(cams);
      if (files.length === 0) throw new Error(`no footage indexed for ${cams.join(', ')}`);
      const copies: number[] = [];
      const exports: number[] = [];
      let bytes = 0;
      let exported = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const c = await plainCopy(files);
        copies.push(c.ms);
        bytes = c.bytes;
        const e = await exportOnce(cams);
        exports.push(e.ms);
        exported = e.rec.bytes;
      }
      const copyMs = Math.min(...copies);
      const exportMs = Math.min(...exports);
      const ratio = exportMs / copyMs;
      const line =
        `${SPAN} × ${cams.length} camera(s): ${(bytes / 1e6).toFixed(0)} MB recorded → ${(exported / 1e6).toFixed(0)} MB exported; ` +
        `plain copy ${(copyMs / 1000).toFixed(2)} s, export ${(exportMs / 1000).toFixed(2)} s, ratio ${ratio.toFixed(2)}× (target ≤ 1.5×)`;
      console.log(line);
      rows.push(
        `| ${SPAN} × ${cams.length} | ${(bytes / 1e6).toFixed(0)} MB | ${(copyMs / 1000).toFixed(2)} s | ${(exportMs / 1000).toFixed(2)} s | ${ratio.toFixed(2)}× |`,
      );
    }
    // Where the time goes, for one camera (components, run in this process: ffmpeg and OpenSSL
    // do this work whichever process starts them): the stream copy alone, and one SHA-256 pass
    // over its output (the export hashes every byte twice: as written, and read back).
    const oneCam = await segmentFiles(CAMERAS.slice(0, 1));
    const segRows = await db.all<{ id: number; start_ms: number; end_ms: number; bytes: number }>(
      `SELECT id, start_ms, end_ms, bytes FROM recordings WHERE camera_id = ? AND start_ms < ? AND end_ms > ? ORDER BY start_ms`,
      ['cam-1', toMs, fromMs],
    );
    const plan = planClip(
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
    const work = path.join(dataDir, 'breakdown');
    await mkdir(work);
    let t0 = performance.now();
    const remuxed = await remuxClip({
      ffmpegPath: process.env.FFMPEG_PATH ?? '/usr/bin/ffmpeg',
      plan,
      workDir: work,
      outPath: path.join(work, 'one-hour.mp4'),
      signal: new AbortController().signal,
    });
    const remuxMs = performance.now() - t0;
    t0 = performance.now();
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path.join(work, 'one-hour.mp4'), {
      highWaterMark: 4 << 20,
    }))
      hash.update(chunk as Buffer);
    hash.digest();
    const hashMs = performance.now() - t0;
    console.log(
      `\nbreakdown, ${SPAN} × 1 camera (${(remuxed.bytes / 1e6).toFixed(0)} MB): stream copy (ffmpeg) ${(remuxMs / 1000).toFixed(2)} s, ` +
        `one SHA-256 pass ${(hashMs / 1000).toFixed(2)} s`,
    );
    await rm(work, { recursive: true, force: true });

    console.log(
      '\n| export | recorded bytes | plain copy + fsync | export (remux, copy, verify, reports) | ratio |',
    );
    console.log('|---|---|---|---|---|');
    for (const r of rows) console.log(r);
    console.log(
      `\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB (${(freemem() / 2 ** 30).toFixed(0)} free), node ${process.version}, ${new Date().toISOString()}`,
    );
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
