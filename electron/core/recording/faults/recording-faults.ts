// Fault run: drops and restores a recorded camera N times (default 100) against
// the real RTSP rig and reports how recording coped. Too slow for the unit suite
// (a few minutes), so it runs on its own: `npm run test:faults` (tsx this file).
// Exit code 1 when any resume took longer than 5 s, a drop left no gap row, or an
// ffmpeg process was left behind (zombie or alive).
import { join } from 'node:path';
import { startRig } from '../../../../e2e/rig/rig';
import { RecordingService } from '../recording-service';
import {
  collectingEmit,
  FFMPEG,
  ffprobeFile,
  openRecordingDb,
  processStates,
  sleep,
  tempDir,
  waitFor,
  zombieFfmpegChildren,
} from '../testing/recording-test-kit';
import { absPath } from '../../storage/storage-layout';

const CYCLES = Math.max(
  1,
  Math.min(1000, Number(process.argv[2] ?? process.env.FAULT_CYCLES ?? 100)),
);
const OUTAGE_MS = 400;
const RESUME_LIMIT_MS = 5000;

async function main(): Promise<number> {
  const rig = await startRig({ h264: ['cam1'] });
  const tmp = await tempDir('rec-faults');
  const db = await openRecordingDb(join(tmp.dir, 'station.db'));
  const storage = join(tmp.dir, 'footage');
  const svc = new RecordingService({
    db,
    storageDir: storage,
    ffmpegPath: FFMPEG,
    resolveInput: async (cameraId) => ({
      kind: 'rtsp',
      url: rig.url(cameraId),
      safeLabel: cameraId,
    }),
    emit: collectingEmit().emit,
    segmentSeconds: 1,
    quota: { reserveBytes: 0 },
    // Short backoff so a hundred outages fit in minutes; production keeps 1 s → 30 s.
    timings: { supervisor: { backoffInitialMs: 200, backoffMaxMs: 1000, resetAfterLiveMs: 1500 } },
  });
  const pids = new Set<number>();
  const resumes: number[] = [];
  let failedResumes = 0;
  const started = Date.now();
  try {
    await svc.start();
    await svc.syncCameras(['cam1']);
    await waitFor('first recording', () => svc.status('cam1').recording, 15_000);
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      // Let a segment close after each resume so the previous gap is closed and counted.
      const before = (await svc.timeline('cam1', 0, Date.now() + 60_000)).recordings.length;
      await waitFor(
        'a segment',
        async () => (await svc.timeline('cam1', 0, Date.now() + 60_000)).recordings.length > before,
        8000,
        100,
      ).catch(() => undefined);
      for (const p of svc.recorderPids()) pids.add(p);
      await rig.stop();
      await waitFor(
        'recorder sees the drop',
        () => !svc.status('cam1').recording,
        10_000,
        50,
      ).catch(() => undefined);
      await sleep(OUTAGE_MS);
      await rig.restart();
      const back = Date.now();
      try {
        await waitFor('resume', () => svc.status('cam1').recording, 15_000, 50);
        resumes.push(Date.now() - back);
      } catch {
        failedResumes++;
      }
      if ((cycle + 1) % 10 === 0) process.stdout.write(`  ${cycle + 1}/${CYCLES} cycles\n`);
    }
    await waitFor(
      'last gap closed',
      async () =>
        (await svc.timeline('cam1', 0, Date.now() + 60_000)).gaps.every((g) => g.endMs !== null),
      10_000,
    ).catch(() => undefined);
    for (const p of svc.recorderPids()) pids.add(p);
  } finally {
    await svc.dispose();
    await rig.stop();
  }
  const tl = await svc.timeline('cam1', 0, Date.now() + 60_000);
  const gaps = tl.gaps.filter((g) => g.reason === 'camera_offline');
  let unplayable = 0;
  for (const r of tl.recordings.slice(-20))
    if (!(await ffprobeFile(absPath(storage, r.path))).ok) unplayable++;
  const leftovers = await processStates([...pids]);
  const zombies = (await zombieFfmpegChildren()) + leftovers.zombies;
  await db.close();
  await tmp.cleanup();

  const within = resumes.filter((ms) => ms <= RESUME_LIMIT_MS).length;
  const sorted = [...resumes].sort((a, b) => a - b);
  const summary = {
    cycles: CYCLES,
    resumesWithin5s: within,
    resumeMedianMs: sorted[Math.floor(sorted.length / 2)] ?? null,
    resumeMaxMs: sorted.at(-1) ?? null,
    failedResumes,
    gapsIndexed: gaps.length,
    gapsClosed: gaps.filter((g) => g.endMs !== null).length,
    segments: tl.recordings.length,
    lastSegmentsUnplayable: unplayable,
    ffmpegProcessesSeen: pids.size,
    zombieFfmpeg: zombies,
    ffmpegStillAlive: leftovers.alive,
    seconds: Math.round((Date.now() - started) / 1000),
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  const ok =
    within === CYCLES &&
    gaps.length >= CYCLES &&
    zombies === 0 &&
    leftovers.alive === 0 &&
    unplayable === 0;
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exit(1);
  },
);
