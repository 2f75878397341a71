// Integration tests of continuous recording against the real RTSP rig, real
// ffmpeg and a real SQLite file. Every wait is bounded.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type Rig } from '../../../e2e/rig/rig';
import type { Database } from '../db/database';
import type { InputResolver } from '../streams/types';
import { absPath } from '../storage/storage-layout';
import { RecordingService, type RecordingServiceOptions } from './recording-service';
import {
  collectingEmit,
  FFMPEG,
  ffprobeFile,
  openRecordingDb,
  processStates,
  sleep,
  tempDir,
  waitFor,
} from './testing/recording-test-kit';

const CAMS = ['cam1', 'cam2', 'cam3'];
const SEGMENT_S = 4;
// Coverage tolerance: the first segment starts after connect (≤ 4 s), the last ends at stop; between
// consecutive segments of one run there is no hole at all, we allow 300 ms of anchor jitter.
const JOIN_TOLERANCE_MS = 300;

let rig: Rig;

function resolver(r: Rig): InputResolver {
  return async (cameraId) => ({ kind: 'rtsp', url: r.url(cameraId), safeLabel: cameraId });
}

async function makeService(
  db: Database,
  storageDir: string,
  extra: Partial<RecordingServiceOptions> = {},
): Promise<{ svc: RecordingService; events: ReturnType<typeof collectingEmit>['events'] }> {
  const { emit, events } = collectingEmit();
  const svc = new RecordingService({
    db,
    storageDir,
    ffmpegPath: FFMPEG,
    resolveInput: resolver(rig),
    emit,
    segmentSeconds: SEGMENT_S,
    quota: { reserveBytes: 0 },
    timings: { healthCheckMs: 500, supervisor: { backoffInitialMs: 300, backoffMaxMs: 2000 } },
    ...extra,
  });
  return { svc, events };
}

beforeAll(async () => {
  rig = await startRig({ h264: CAMS });
});

afterAll(async () => {
  await rig?.stop();
});

describe('RecordingService against the RTSP rig', () => {
  it('records 3 cameras: the index covers the time and every segment plays', async () => {
    const tmp = await tempDir('rec-basic');
    const db = await openRecordingDb(join(tmp.dir, 'station.db'));
    const storage = join(tmp.dir, 'footage');
    const { svc } = await makeService(db, storage);
    try {
      const t0 = Date.now();
      await svc.start();
      await svc.syncCameras(CAMS);
      await waitFor(
        'all cameras recording',
        () => CAMS.every((c) => svc.status(c).recording),
        15_000,
      );
      // Records for a fixed time (the wait is the point).
      await sleep(20_000);
      const pids = svc.recorderPids();
      expect(pids).toHaveLength(3);
      await svc.dispose();
      const t1 = Date.now();
      expect(await processStates(pids)).toEqual({ alive: 0, zombies: 0 });

      for (const cam of CAMS) {
        const tl = await svc.timeline(cam, t0 - 60_000, t1 + 60_000);
        const recs = tl.recordings;
        expect(recs.length).toBeGreaterThanOrEqual(5);
        // Starts within the connect time, ends at the stop, within a second.
        expect(recs[0]!.startMs - t0).toBeLessThan(8000);
        expect(recs[0]!.startMs).toBeGreaterThanOrEqual(t0 - 1000);
        expect(Math.abs(t1 - recs.at(-1)!.endMs)).toBeLessThan(2500);
        let covered = 0;
        for (let i = 0; i < recs.length; i++) {
          const r = recs[i]!;
          expect(r.status).toBe('complete');
          expect(r.path).toMatch(
            new RegExp(
              `^${cam}/\\d{4}-\\d{2}-\\d{2}/\\d{2}/\\d{8}T\\d{9}Z_main_[a-z0-9]+-\\d{6}\\.mp4$`,
            ),
          );
          covered += r.endMs - r.startMs;
          if (i > 0)
            expect(Math.abs(r.startMs - recs[i - 1]!.endMs)).toBeLessThanOrEqual(JOIN_TOLERANCE_MS);
          const probe = await ffprobeFile(absPath(storage, r.path));
          expect(probe.ok, `${r.path}: ${probe.error}`).toBe(true);
          expect(probe.codec).toBe('h264');
          // The index duration is what the file plays, within a frame or two.
          expect(Math.abs(probe.durationS * 1000 - (r.endMs - r.startMs))).toBeLessThan(120);
        }
        const span = recs.at(-1)!.endMs - recs[0]!.startMs;
        expect(covered).toBeGreaterThanOrEqual(span - JOIN_TOLERANCE_MS * recs.length);
        expect(span).toBeGreaterThan(19_000);
        // Nothing left behind in the inbox after a clean stop.
        expect(await readdir(join(storage, '.inbox', cam, 'main'))).toEqual([]);
      }
      const summary = await svc.storageSummary();
      expect(summary.cameras.map((c) => c.cameraId).sort()).toEqual(CAMS);
      expect(summary.cameras.every((c) => c.bytes > 50_000 && c.bytesPerDay > 0)).toBe(true);
      expect(summary.freeBytes).toBeGreaterThan(0);
      const kinds = (await svc.events(100)).map((e) => e.kind);
      expect(kinds).toContain('recording_started');
      expect(kinds).toContain('recording_stopped');
    } finally {
      await svc.dispose();
      await db.close();
      await tmp.cleanup();
    }
  }, 90_000);

  it('a camera that goes offline gets a camera_offline gap and records again by itself', async () => {
    const tmp = await tempDir('rec-offline');
    const db = await openRecordingDb(join(tmp.dir, 'station.db'));
    const storage = join(tmp.dir, 'footage');
    const { svc } = await makeService(db, storage);
    try {
      await svc.start();
      await svc.syncCameras(['cam1']);
      await waitFor('recording', () => svc.status('cam1').recording, 15_000);
      // Some footage before the camera drops (the wait is the point).
      await sleep(5000);
      const stoppedAt = Date.now();
      await rig.stop();
      await waitFor('offline status', () => svc.status('cam1').reason === 'camera_offline', 10_000);
      const open = await waitFor(
        'open gap',
        async () => (await svc.timeline('cam1', stoppedAt - 60_000, Date.now())).gaps[0],
        5000,
      );
      expect(open.reason).toBe('camera_offline');
      expect(open.endMs).toBeNull();
      // The gap starts where the footage ends: the segment ffmpeg closed when the camera dropped.
      expect(Math.abs(open.startMs - stoppedAt)).toBeLessThan(2500);
      // The camera stays away 8 s (the wait is the point).
      await sleep(Math.max(0, stoppedAt + 8000 - Date.now()));
      await rig.restart();
      const restartedAt = Date.now();
      await waitFor('recording again', () => svc.status('cam1').recording, 10_000);
      const resumedAfter = Date.now() - restartedAt;
      expect(resumedAfter).toBeLessThan(5000);
      const closed = await waitFor(
        'gap closed by the first new segment',
        async () =>
          (await svc.timeline('cam1', stoppedAt - 60_000, Date.now() + 60_000)).gaps.find(
            (g) => g.endMs !== null,
          ),
        15_000,
      );
      expect(closed.reason).toBe('camera_offline');
      expect(closed.endMs! - closed.startMs).toBeGreaterThan(7000);
      expect(closed.endMs! - restartedAt).toBeLessThan(6000);
      const tl = await svc.timeline('cam1', stoppedAt - 60_000, Date.now() + 60_000);
      // No footage inside the gap, footage on both sides of it.
      expect(tl.recordings.some((r) => r.endMs <= closed.startMs + 300)).toBe(true);
      expect(tl.recordings.some((r) => r.startMs >= closed.endMs! - 300)).toBe(true);
      expect(
        tl.recordings.every(
          (r) => r.endMs <= closed.startMs + 300 || r.startMs >= closed.endMs! - 300,
        ),
      ).toBe(true);
      // The stored event log tells the gap's opening and closing.
      const kinds = (await svc.events(50)).map((e) => e.kind);
      expect(kinds).toEqual(expect.arrayContaining(['gap_opened', 'gap_closed']));
    } finally {
      await svc.dispose();
      await db.close();
      await tmp.cleanup();
      if (!rig.running()) await rig.restart();
    }
  }, 90_000);

  it('kill -9 of the app and its ffmpeg mid-segment: restart recovers the torn segment up to its last fragment', async () => {
    const tmp = await tempDir('rec-crash');
    const dbFile = join(tmp.dir, 'station.db');
    const storage = join(tmp.dir, 'footage');
    const script = join(import.meta.dirname, 'testing', 'record-child.ts');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        script,
        dbFile,
        storage,
        String(SEGMENT_S),
        `rtsp://127.0.0.1:${rig.port}`,
        'cam2',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    let db: Database | null = null;
    let svc: RecordingService | null = null;
    try {
      const ready = await new Promise<{ pids: number[] }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`child not ready: ${stderr}`)), 40_000);
        createInterface({ input: child.stdout }).on('line', (line) => {
          try {
            const msg = JSON.parse(line) as { ready?: boolean; pids?: number[] };
            if (msg.ready && msg.pids) {
              clearTimeout(timer);
              resolve({ pids: msg.pids });
            }
          } catch {
            /* not ours */
          }
        });
      });
      // Mid-segment: one segment closed, the second half written.
      await sleep(SEGMENT_S * 1000 + 2500);
      const killedAt = Date.now();
      child.kill('SIGKILL');
      for (const pid of ready.pids) process.kill(pid, 'SIGKILL');
      await exited;
      await waitFor('ffmpeg gone', async () => (await processStates(ready.pids)).alive === 0, 5000);
      const inbox = join(storage, '.inbox', 'cam2', 'main');
      const torn = await readdir(inbox);
      expect(torn.length).toBe(1);

      db = await openRecordingDb(dbFile);
      ({ svc } = await makeService(db, storage));
      await svc.start();
      const all = await svc.timeline('cam2', killedAt - 120_000, killedAt + 5000);
      const recovered = all.recordings.find((r) => r.status === 'recovered');
      expect(recovered, JSON.stringify(all)).toBeDefined();
      const probe = await ffprobeFile(absPath(storage, recovered!.path));
      expect(probe.durationS).toBeGreaterThan(1);
      expect(probe.codec).toBe('h264');
      // Lost at most the fragment being written (≤ 1 s) plus the kill latency.
      expect(killedAt - recovered!.endMs).toBeLessThan(2500);
      expect(
        Math.abs(probe.durationS * 1000 - (recovered!.endMs - recovered!.startMs)),
      ).toBeLessThan(1100);
      // Index and disk agree: every row's file exists, rows do not overlap, the inbox is empty.
      const rows = all.recordings;
      for (const r of rows) expect(existsSync(absPath(storage, r.path)), r.path).toBe(true);
      for (let i = 1; i < rows.length; i++)
        expect(rows[i]!.startMs).toBeGreaterThanOrEqual(rows[i - 1]!.endMs - 300);
      expect((await readdir(inbox)).filter((f) => torn.includes(f))).toEqual([]);
      const kinds = (await svc.events(50)).map((e) => e.kind);
      expect(kinds).toContain('segment_recovered');
      // The time the app was down is a gap, closed once recording resumes.
      await waitFor(
        'app_not_running gap closed',
        async () =>
          (await svc!.timeline('cam2', killedAt - 60_000, Date.now() + 60_000)).gaps.find(
            (g) => g.reason === 'app_not_running' && g.endMs !== null,
          ),
        15_000,
      );
    } finally {
      child.kill('SIGKILL');
      await svc?.dispose();
      await db?.close();
      await tmp.cleanup();
    }
  }, 120_000);

  it('kill -9 of the recorder ffmpeg alone: the torn segment is filed while the service records on', async () => {
    const tmp = await tempDir('rec-ffkill');
    const db = await openRecordingDb(join(tmp.dir, 'station.db'));
    const storage = join(tmp.dir, 'footage');
    const { svc } = await makeService(db, storage);
    try {
      await svc.start();
      await svc.syncCameras(['cam1']);
      await waitFor('recording', () => svc.status('cam1').recording, 15_000);
      await waitFor(
        'a segment',
        async () => (await svc.timeline('cam1', 0, Date.now() + 60_000)).recordings.length > 0,
        15_000,
      );
      await sleep(2500); // into the next segment
      const [pid] = svc.recorderPids();
      const killedAt = Date.now();
      process.kill(pid!, 'SIGKILL');
      const recovered = await waitFor(
        'torn segment filed',
        async () =>
          (await svc.timeline('cam1', 0, Date.now() + 60_000)).recordings.find(
            (r) => r.status === 'recovered',
          ),
        10_000,
      );
      expect((await ffprobeFile(absPath(storage, recovered.path))).durationS).toBeGreaterThan(1);
      expect(killedAt - recovered.endMs).toBeLessThan(2000);
      await waitFor(
        'recording again',
        () => svc.status('cam1').recording && !svc.recorderPids().includes(pid!),
        10_000,
      );
      const gap = await waitFor(
        'short camera_offline gap closed',
        async () =>
          (await svc.timeline('cam1', 0, Date.now() + 60_000)).gaps.find((g) => g.endMs !== null),
        15_000,
      );
      // The gap starts where the recovered footage ends: nothing before it is called missing.
      expect(gap.startMs).toBe(recovered.endMs);
      expect(await processStates([pid!])).toEqual({ alive: 0, zombies: 0 });
    } finally {
      await svc.dispose();
      await db.close();
      await tmp.cleanup();
    }
  }, 90_000);

  it('a tiny quota prunes the oldest footage first and keeps a locked range', async () => {
    const tmp = await tempDir('rec-quota');
    const db = await openRecordingDb(join(tmp.dir, 'station.db'));
    const storage = join(tmp.dir, 'footage');
    const { svc, events } = await makeService(db, storage, { segmentSeconds: 2 });
    try {
      await svc.start();
      await svc.syncCameras(['cam3']);
      await waitFor(
        '6 segments',
        async () => (await svc.timeline('cam3', 0, Date.now() + 60_000)).recordings.length >= 6,
        30_000,
      );
      await svc.setCamera('cam3', { enabled: false });
      const recs = (await svc.timeline('cam3', 0, Date.now() + 60_000)).recordings;
      const locked = recs[1]!;
      await svc.addLock({
        cameraId: 'cam3',
        startMs: locked.startMs + 10,
        endMs: locked.endMs - 10,
        reason: 'incident',
        incidentId: 'INC-1',
      });
      const newest = recs.at(-1)!;
      svc.storage.setQuota({
        quotaBytes: locked.bytes + newest.bytes + 1,
        quotaPercent: null,
        reserveBytes: 0,
      });
      const result = await svc.runRetention();
      const left = (await svc.timeline('cam3', 0, Date.now() + 60_000)).recordings.map((r) => r.id);
      expect(left).toEqual([locked.id, newest.id]);
      expect(result.deleted).toBe(recs.length - 2);
      expect(result.lockedOverQuota).toBe(false);
      for (const r of recs) expect(existsSync(absPath(storage, r.path))).toBe(left.includes(r.id));

      // Locked footage alone over the quota: an alarm, and the locked file stays.
      svc.storage.setQuota({ quotaBytes: 1000 });
      const over = await svc.runRetention();
      expect(over.lockedOverQuota).toBe(true);
      expect(svc.storage.alarm()?.kind).toBe('locked_over_quota');
      expect(existsSync(absPath(storage, locked.path))).toBe(true);
      expect(
        (await svc.timeline('cam3', 0, Date.now() + 60_000)).recordings.map((r) => r.id),
      ).toEqual([locked.id]);
      expect(
        events.some(
          (e) => e.event === 'recording.alarm' && e.payload.alarm?.kind === 'locked_over_quota',
        ),
      ).toBe(true);
      const kinds = (await svc.events(50)).map((e) => e.kind);
      expect(kinds).toContain('retention_pruned');
      expect(kinds).toContain('locked_over_quota');
    } finally {
      await svc.dispose();
      await db.close();
      await tmp.cleanup();
    }
  }, 90_000);

  it('an unwritable storage folder raises an alarm, keeps running and recovers when it is fixed', async () => {
    const tmp = await tempDir('rec-unwritable');
    const db = await openRecordingDb(join(tmp.dir, 'station.db'));
    // A file where the folder should be: fails for root too, unlike chmod.
    const blocker = join(tmp.dir, 'disk');
    await writeFile(blocker, 'not a folder');
    const storage = join(blocker, 'footage');
    const { svc, events } = await makeService(db, storage);
    try {
      await svc.start();
      await svc.syncCameras(['cam1']);
      expect(svc.storage.alarm()?.kind).toBe('unwritable');
      expect(svc.storage.alarm()?.code).toBe('ENOTDIR');
      expect(svc.status('cam1')).toMatchObject({ recording: false, reason: 'disk_error' });
      expect(svc.recorderPids()).toEqual([]);
      // Stays failed a while: one gap, not one per retry (a fixed wait is the point).
      await sleep(1500);
      const gaps = (await svc.timeline('cam1', 0, Date.now() + 1000)).gaps;
      expect(gaps.map((g) => g.reason)).toEqual(['disk_error']);
      expect(
        events.some((e) => e.event === 'recording.alarm' && e.payload.alarm?.kind === 'unwritable'),
      ).toBe(true);
      expect((await svc.storageSummary()).alarm?.kind).toBe('unwritable');

      await rm(blocker);
      await waitFor('alarm cleared', () => svc.storage.alarm() === null, 5000);
      await waitFor('recording', () => svc.status('cam1').recording, 15_000);
      await waitFor(
        'a segment',
        async () => (await svc.timeline('cam1', 0, Date.now() + 60_000)).recordings.length > 0,
        15_000,
      );
      const closed = (await svc.timeline('cam1', 0, Date.now() + 60_000)).gaps[0]!;
      expect(closed.reason).toBe('disk_error');
      expect(closed.endMs).not.toBeNull();
    } finally {
      await svc.dispose();
      await db.close();
      await tmp.cleanup();
    }
  }, 90_000);

  it('a disk that fails mid-recording: statuses follow the alarm both ways (no stale disk_error)', async () => {
    const tmp = await tempDir('rec-disk-fails');
    const db = await openRecordingDb(join(tmp.dir, 'station.db'));
    const storage = join(tmp.dir, 'footage');
    // Slower health checks than the recorder's reconnect, as in production (10 s).
    const { svc, events } = await makeService(db, storage, {
      segmentSeconds: 1,
      timings: {
        healthCheckMs: 3000,
        supervisor: { backoffInitialMs: 300, backoffMaxMs: 2000 },
      },
    });
    const lastStatus = () =>
      events
        .filter((e) => e.event === 'recording.status')
        .map((e) => e.payload as { cameraId: string; recording: boolean; reason: string | null })
        .filter((p) => p.cameraId === 'cam1')
        .at(-1);
    try {
      await svc.start();
      await svc.syncCameras(['cam1']);
      await waitFor('recording', () => lastStatus()?.recording === true, 15_000);
      // The disk goes away under a running recorder (a file where the folder was).
      await rename(storage, `${storage}.gone`);
      await writeFile(storage, 'not a folder');
      await waitFor('disk_error status', () => lastStatus()?.reason === 'disk_error', 15_000);
      await rm(storage);
      await rename(`${storage}.gone`, storage);
      await waitFor('alarms cleared', () => svc.storage.alarm() === null, 15_000);
      // The renderer only hears events: the last one must say "recording" again.
      await waitFor('recording status event', () => lastStatus()?.recording === true, 15_000);
      expect(svc.status('cam1').recording).toBe(true);
    } finally {
      await svc.dispose();
      await db.close();
      await tmp.cleanup();
    }
  }, 90_000);

  it('clock steps forward and back: new runs, a clock_change gap, nothing overwritten or renumbered', async () => {
    const tmp = await tempDir('rec-clock');
    const db = await openRecordingDb(join(tmp.dir, 'station.db'));
    const storage = join(tmp.dir, 'footage');
    let offset = 0;
    const { svc } = await makeService(db, storage, {
      segmentSeconds: 2,
      now: () => Date.now() + offset,
    });
    const count = async (): Promise<number> =>
      (await svc.timeline('cam2', 0, Date.now() + 86_400_000)).recordings.length;
    try {
      await svc.start();
      await svc.syncCameras(['cam2']);
      await waitFor('2 segments', async () => (await count()) >= 2, 20_000);
      offset += 600_000; // NTP steps the clock 10 minutes forward
      const afterForward = await count();
      await waitFor(
        '2 segments after the forward step',
        async () => (await count()) >= afterForward + 2,
        20_000,
      );
      offset -= 1_200_000; // then a BIOS clock fix puts it 20 minutes back
      const afterBack = await count();
      await waitFor(
        '2 segments after the backward step',
        async () => (await count()) >= afterBack + 2,
        20_000,
      );
      await svc.dispose();

      const tl = await svc.timeline('cam2', 0, Date.now() + 86_400_000);
      const steps = (await svc.events(200))
        .filter((e) => e.kind === 'clock_step' && e.cameraId === null)
        .reverse();
      expect(steps.map((e) => Math.sign(Number(e.detail.deltaMs)))).toEqual([1, -1]);
      const clockGap = tl.gaps.find((g) => g.reason === 'clock_change');
      expect(clockGap?.endMs).not.toBeNull();
      expect(clockGap!.endMs! - clockGap!.startMs).toBeGreaterThan(590_000);
      // Every row has its own file; ids follow recording order even where times overlap.
      const byId = [...tl.recordings].sort((a, b) => a.id - b.id);
      expect(new Set(byId.map((r) => r.path)).size).toBe(byId.length);
      for (const r of byId) expect(existsSync(absPath(storage, r.path)), r.path).toBe(true);
      const backSteps = byId.filter(
        (r, i) => i > 0 && r.startMs < byId[i - 1]!.startMs - 15 * 60_000,
      );
      expect(backSteps).toHaveLength(1);
      // Within each clock era, recording order and time order agree.
      const era = byId.indexOf(backSteps[0]!);
      for (const part of [byId.slice(0, era), byId.slice(era)]) {
        for (let i = 1; i < part.length; i++)
          expect(part[i]!.startMs).toBeGreaterThanOrEqual(part[i - 1]!.endMs - 300);
      }
    } finally {
      await svc.dispose();
      await db.close();
      await tmp.cleanup();
    }
  }, 90_000);
});
