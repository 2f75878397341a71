import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { recordingRootStore } from '../recording/storage-root-store';
import { SettingsService } from '../settings/settings-service';
import { settingsBackedStorageStore, type StorageSettingsStore } from './storage-settings';
import { StorageService, type StorageChange, type StorageRootStore } from './storage-service';

let dir: string;
let db: Database;
let settings: SettingsService;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-storage-'));
  db = await openStationDb(dir);
  settings = new SettingsService({ db, emit: () => undefined });
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function service(
  wrap: { roots?: Partial<StorageRootStore>; stored?: Partial<StorageSettingsStore> } = {},
): Promise<StorageService> {
  const svc = new StorageService({
    db,
    roots: { ...recordingRootStore(db), ...wrap.roots },
    storageDir: join(dir, 'disk1'),
    stored: { ...settingsBackedStorageStore(settings), ...wrap.stored },
    diskSpace: async () => ({ totalBytes: 100 * 1024 ** 3, freeBytes: 50 * 1024 ** 3 }),
  });
  await svc.load();
  await svc.start();
  return svc;
}

/** What a restart would find: the active root in the index and the stored folder. */
async function persisted(): Promise<{ activeRoots: string[]; folder: string | undefined }> {
  const rows = await db.all<{ path: string }>('SELECT path FROM storage_roots WHERE active = 1');
  return {
    activeRoots: rows.map((r) => r.path),
    folder: await settingsBackedStorageStore(settings).loadFolder(),
  };
}

describe('StorageService folder change', () => {
  it('switches the root and stores the folder together; a restart finds both', async () => {
    const svc = await service();
    const changes: StorageChange[] = [];
    svc.subscribe((c) => void changes.push(c));
    const disk2 = join(dir, 'disk2');
    expect(await svc.setFolder(disk2)).toBe(disk2);
    expect(svc.storageDir).toBe(disk2);
    expect(await persisted()).toEqual({ activeRoots: [disk2], folder: disk2 });
    expect(changes).toMatchObject([{ kind: 'root_changed', next: { path: disk2 } }]);

    const again = await service();
    expect(again.storageDir).toBe(disk2);
    expect(again.activeRoot.id).toBe(svc.activeRoot.id);
  });

  it('a switch that fails leaves the stored folder and the active root unchanged', async () => {
    const real = recordingRootStore(db);
    let failSwitch = false;
    const svc2 = await service({
      roots: {
        // The new root is registered and activated, then the switch fails inside the transaction.
        activate: async (path, at, tx) => {
          const id = await real.activate(path, at, tx);
          if (failSwitch) throw new Error('disk I/O error');
          return id;
        },
      },
    });
    const disk1 = svc2.storageDir;
    const changes: StorageChange[] = [];
    svc2.subscribe((c) => void changes.push(c));
    failSwitch = true;
    await expect(svc2.setFolder(join(dir, 'disk2'))).rejects.toThrow('disk I/O error');
    expect(svc2.storageDir).toBe(disk1);
    expect(await persisted()).toEqual({ activeRoots: [disk1], folder: undefined });
    expect(changes).toEqual([]);
    const roots = await db.all<{ path: string }>('SELECT path FROM storage_roots');
    expect(roots.map((r) => r.path)).toEqual([disk1]);
  });

  it('a setting that cannot be stored rolls the switch back', async () => {
    const svc = await service({
      stored: {
        saveFolder: async () => {
          throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
        },
      },
    });
    const disk1 = svc.storageDir;
    const changes: StorageChange[] = [];
    svc.subscribe((c) => void changes.push(c));
    await expect(svc.setFolder(join(dir, 'disk2'))).rejects.toThrow('database is locked');
    expect(svc.storageDir).toBe(disk1);
    expect(svc.activeRoot.path).toBe(disk1);
    expect(await persisted()).toEqual({ activeRoots: [disk1], folder: undefined });
    const roots = await db.all<{ path: string }>('SELECT path FROM storage_roots');
    expect(roots.map((r) => r.path)).toEqual([disk1]);
    expect(changes).toEqual([]);
    // Nothing stuck: the next change goes through.
    const ok = await service();
    expect(await ok.setFolder(join(dir, 'disk3'))).toBe(join(dir, 'disk3'));
  });

  it('rejects a folder inside the active root without touching anything', async () => {
    const svc = await service();
    mkdirSync(svc.storageDir, { recursive: true });
    await expect(svc.setFolder(join(svc.storageDir, 'sub'))).rejects.toMatchObject({
      code: 'overlaps_root',
    });
    expect(await persisted()).toEqual({ activeRoots: [svc.storageDir], folder: undefined });
  });
});

describe('StorageService quota and alarms', () => {
  it('stores the chosen quota and applies it; a restart loads it', async () => {
    const svc = await service();
    expect(svc.chosen).toEqual({ kind: 'percent', value: 90 });
    await svc.saveQuota({ kind: 'gb', value: 2 });
    expect(svc.quota()).toMatchObject({ quotaBytes: 2 * 1024 ** 3, quotaPercent: null });
    const again = await service();
    expect(again.chosen).toEqual({ kind: 'gb', value: 2 });
    expect(again.quota().quotaBytes).toBe(2 * 1024 ** 3);
  });

  it('reports the most serious alarm and tells subscribers once per raise and clear', async () => {
    const svc = await service();
    const changes: string[] = [];
    svc.subscribe(
      (c) => void changes.push(c.kind === 'alarm_raised' ? `+${c.alarm.kind}` : c.kind),
    );
    await svc.raiseAlarm('locked_over_quota', null);
    await svc.raiseAlarm('write_failed', 'EIO');
    await svc.raiseAlarm('write_failed', 'EIO');
    expect(svc.alarm()).toMatchObject({ kind: 'write_failed', code: 'EIO' });
    await svc.clearAlarm('write_failed');
    await svc.clearAlarm('write_failed');
    expect(svc.alarm()?.kind).toBe('locked_over_quota');
    expect(changes).toEqual(['+locked_over_quota', '+write_failed', 'alarm_cleared']);
  });

  it('raises unwritable for a folder that cannot be created', async () => {
    const svc = await service();
    expect(await svc.checkWritable()).toBe(true);
    expect(svc.alarm()).toBeNull();
    const blocker = join(dir, 'blocker');
    writeFileSync(blocker, 'a file, not a folder');
    const blocked = new StorageService({
      db,
      roots: recordingRootStore(db),
      storageDir: join(blocker, 'recordings'),
    });
    expect(await blocked.checkWritable()).toBe(false);
    expect(blocked.alarm()).toMatchObject({ kind: 'unwritable', code: 'ENOTDIR' });
  });
});
