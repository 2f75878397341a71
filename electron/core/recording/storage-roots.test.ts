// Changing the storage folder (a second disk) against the real RTSP rig, real
// ffmpeg and a real SQLite file: new footage lands in the new root, old footage
// stays indexed and playable in the old one, restarts reconcile every root and
// an unplugged old disk marks its rows missing without a crash. Every wait is bounded.
import { existsSync, mkdirSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type Rig } from '../../../e2e/rig/rig';
import { Database } from '../db/database';
import { migrate } from '../db/migrate';
import { migrations } from '../db/schema';
import { StorageFolderError } from '../storage/storage-folder';
import { RecordingService } from './recording-service';
import {
  collectingEmit,
  FFMPEG,
  ffprobeFile,
  openRecordingDb,
  tempDir,
  waitFor,
} from './testing/recording-test-kit';

const CAM = 'camroot';
let rig: Rig;

function makeService(db: Database, storageDir: string): RecordingService {
  return new RecordingService({
    db,
    storageDir,
    ffmpegPath: FFMPEG,
    resolveInput: async (id) => ({ kind: 'rtsp', url: rig.url(id), safeLabel: id }),
    emit: collectingEmit().emit,
    segmentSeconds: 2,
    quota: { reserveBytes: 0 },
    timings: { healthCheckMs: 500, supervisor: { backoffInitialMs: 300, backoffMaxMs: 2000 } },
  });
}

async function rejection(p: Promise<unknown>): Promise<StorageFolderError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof StorageFolderError) return err;
    throw err;
  }
  throw new Error('expected a StorageFolderError');
}

beforeAll(async () => {
  rig = await startRig({ h264: [CAM] });
});

afterAll(async () => {
  await rig?.stop();
});

describe('storage roots', () => {
  it('switches folder while recording, keeps old footage playable, reconciles every root', async () => {
    const tmp = await tempDir('rec-roots');
    const dbFile = join(tmp.dir, 'station.db');
    const rootA = join(tmp.dir, 'diskA', 'recordings');
    const rootB = join(tmp.dir, 'diskB', 'recordings');
    mkdirSync(join(tmp.dir, 'diskB')); // the second disk's mount point; its folder is created
    let db = await openRecordingDb(dbFile);
    let svc = makeService(db, rootA);
    try {
      await svc.start();
      await svc.syncCameras([CAM]);
      const inA = await waitFor(
        'two segments in root A',
        async () => {
          const tl = await svc.timeline(CAM, 0, Date.now() + 60_000);
          return tl.recordings.length >= 2 ? tl.recordings : null;
        },
        20_000,
      );
      const idA = (await svc.storageRoots()).find((r) => r.active)!.id;

      // Rejected folders change nothing.
      expect((await rejection(svc.storage.setFolder('relative/path'))).code).toBe('not_absolute');
      const blocker = join(tmp.dir, 'a-file');
      await writeFile(blocker, 'not a folder');
      const unwritable = await rejection(svc.storage.setFolder(join(blocker, 'recordings')));
      expect(unwritable.code).toBe('unwritable');
      expect(unwritable.errno).toBe('ENOTDIR');
      expect((await rejection(svc.storage.setFolder(rootA))).code).toBe('same_folder');
      expect((await rejection(svc.storage.setFolder(join(rootA, 'sub')))).code).toBe(
        'overlaps_root',
      );
      expect(existsSync(join(rootA, 'sub'))).toBe(false);
      expect(svc.storageDir).toBe(rootA);
      expect((await svc.storageRoots()).map((r) => r.path)).toEqual([rootA]);

      const switchedAt = Date.now();
      expect(await svc.storage.setFolder(rootB)).toBe(rootB);
      expect(svc.storageDir).toBe(rootB);
      const inB = await waitFor(
        'two segments in root B',
        async () => {
          const tl = await svc.timeline(CAM, switchedAt, Date.now() + 60_000);
          const b = tl.recordings.filter((r) => r.rootId !== idA);
          return b.length >= 2 ? b : null;
        },
        20_000,
      );
      const roots = await svc.storageRoots();
      const idB = roots.find((r) => r.active)!.id;
      expect(idB).not.toBe(idA);
      for (const r of inB) {
        expect(r.rootId).toBe(idB);
        const file = await svc.recordingFile(r.id);
        expect(file?.startsWith(rootB)).toBe(true);
        expect((await ffprobeFile(file!)).ok).toBe(true);
      }
      for (const r of inA) {
        expect(r.rootId).toBe(idA);
        const file = await svc.recordingFile(r.id);
        expect(file?.startsWith(rootA)).toBe(true);
        const probe = await ffprobeFile(file!);
        expect(probe.ok, probe.error).toBe(true);
      }
      // Both roots listed with their footage.
      const summary = await svc.storageSummary();
      expect(summary.storageDir).toBe(rootB);
      expect(summary.roots.map((r) => [r.path, r.active])).toEqual([
        [rootA, false],
        [rootB, true],
      ]);
      expect(summary.roots.every((r) => r.bytes > 0)).toBe(true);
      await svc.dispose();

      // Restart in B: both roots are walked, nothing is missing.
      svc = makeService(db, rootB);
      await svc.start();
      await svc.reconciled();
      const all = (await svc.timeline(CAM, 0, Date.now() + 60_000)).recordings;
      expect(all.length).toBeGreaterThanOrEqual(4);
      expect(all.filter((r) => r.status === 'missing')).toEqual([]);
      expect(new Set(all.map((r) => r.rootId))).toEqual(new Set([idA, idB]));
      await svc.dispose();
      await db.close();

      // Disk A unplugged: its rows become missing, B's stay, no crash; back again: restored.
      await rename(join(tmp.dir, 'diskA'), join(tmp.dir, 'diskA-away'));
      db = await openRecordingDb(dbFile);
      svc = makeService(db, rootB);
      await svc.start();
      await svc.reconciled();
      const unplugged = (await svc.timeline(CAM, 0, Date.now() + 60_000)).recordings;
      expect(unplugged.filter((r) => r.rootId === idA).every((r) => r.status === 'missing')).toBe(
        true,
      );
      expect(unplugged.filter((r) => r.rootId === idB).every((r) => r.status === 'complete')).toBe(
        true,
      );
      expect(await svc.recordingFile(inA[0]!.id)).toBeNull();
      expect(svc.storage.alarm()).toBeNull();
      expect((await svc.storageRoots()).map((r) => r.id)).toContain(idA);
      await svc.dispose();
      await rename(join(tmp.dir, 'diskA-away'), join(tmp.dir, 'diskA'));
      svc = makeService(db, rootB);
      await svc.start();
      await svc.reconciled();
      const back = (await svc.timeline(CAM, 0, Date.now() + 60_000)).recordings;
      expect(back.filter((r) => r.status === 'missing')).toEqual([]);
      expect(await svc.recordingFile(inA[0]!.id)).toBe(join(rootA, ...inA[0]!.path.split('/')));
    } finally {
      await svc.dispose();
      await db.close().catch(() => undefined);
      await tmp.cleanup();
    }
  }, 90_000);

  it('an active root whose folder vanished raises the disk alarm instead of recording elsewhere', async () => {
    const tmp = await tempDir('rec-root-gone');
    const dbFile = join(tmp.dir, 'station.db');
    const root = join(tmp.dir, 'disk', 'recordings');
    const db = await openRecordingDb(dbFile);
    let svc = makeService(db, root);
    try {
      await svc.start();
      await svc.syncCameras([CAM]);
      await waitFor(
        'a segment',
        async () => (await svc.timeline(CAM, 0, Date.now() + 60_000)).recordings.length > 0,
        20_000,
      );
      await svc.dispose();
      await rename(join(tmp.dir, 'disk'), join(tmp.dir, 'disk-away'));
      svc = makeService(db, root);
      await svc.start();
      expect(svc.storage.alarm()).toMatchObject({ kind: 'unwritable', code: 'ENOENT' });
      // Not silently recreated on the system disk under the missing mount.
      expect(existsSync(root)).toBe(false);
      expect(svc.status(CAM).reason).toBe('disk_error');
    } finally {
      await svc.dispose();
      await db.close().catch(() => undefined);
      await tmp.cleanup();
    }
  }, 60_000);

  it('a v2 index is upgraded: its rows are adopted by the root the service starts with', async () => {
    const tmp = await tempDir('rec-root-migrate');
    const root = join(tmp.dir, 'recordings');
    const db = await Database.open(join(tmp.dir, 'station.db'));
    // v2 = core + recording steps, before storage roots existed.
    await migrate(db, migrations.slice(0, 2));
    await db.run(
      `INSERT INTO recordings (camera_id, stream, start_ms, end_ms, bytes, path, status, codec, run_id, seq, second_bytes, indexed_at)
       VALUES ('old', 'main', 1000, 61000, 5000, 'old/1970-01-01/00/x.mp4', 'complete', 'avc1', 'r', 1, x'', 1)`,
    );
    await migrate(db, migrations);
    const svc = makeService(db, root);
    try {
      await svc.start();
      const roots = await svc.storageRoots();
      expect(roots).toMatchObject([{ path: root, active: true, bytes: 5000, recordings: 1 }]);
      const [rec] = (await svc.timeline('old', 0, 120_000)).recordings;
      expect(rec?.rootId).toBe(roots[0]!.id);
      expect(await svc.recordingFile(rec!.id)).toBe(join(root, 'old', '1970-01-01', '00', 'x.mp4'));
    } finally {
      await svc.dispose();
      await db.close();
      await tmp.cleanup();
    }
  });
});
