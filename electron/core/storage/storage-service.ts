// The footage storage: which folder new segments go to (and switching it), the
// quota retention keeps to, and the disk alarms (unwritable, write failures, disk
// full, locked footage over quota). Recording writes where this says and follows
// its changes by subscribing; it never decides them. See docs/design/recording.md.
import { resolve } from 'node:path';
import type { StorageFolderChoice, StorageQuota } from '../../contract/recording-schemas';
import type { Database, Queryable } from '../db/database';
import { silentLogger, type Logger } from '../logging/logger';
import type { DiskAlarm, DiskAlarmKind, RootRef } from '../recording/recording-types';
import { DEFAULT_QUOTA, type QuotaSettings } from '../recording/recording-types';
import { readDiskSpace, type DiskSpaceReader } from './disk-space';
import { prepareStorageFolder } from './storage-folder';
import { mountedVolumes, spaceOf, storageFolderChoices } from './folder-choices';
import { probeStorage } from './storage-health';
import {
  DEFAULT_STORAGE_QUOTA,
  toQuotaSettings,
  type StorageSettingsStore,
} from './storage-settings';

/** The footage roots as the recording index keeps them: what storage needs of them. */
export interface StorageRootStore {
  /** Registers the folder as a root (once) and makes it the only active one; its id. */
  activate(path: string, at: number, tx: Queryable): Promise<number>;
  paths(): Promise<string[]>;
  hasFootage(rootId: number): Promise<boolean>;
}

export type StorageChange =
  | { kind: 'alarm_raised'; alarm: DiskAlarm }
  | { kind: 'alarm_cleared'; alarmKind: DiskAlarmKind }
  | { kind: 'root_changed'; previous: RootRef; next: RootRef };

export type StorageListener = (change: StorageChange) => void | Promise<void>;

export interface StorageServiceOptions {
  db: Pick<Database, 'transaction'>;
  roots: StorageRootStore;
  /** The folder of a fresh install; a folder chosen in the panel (stored) wins. */
  storageDir: string;
  /** Absent: nothing is persisted (a recording service tested on its own). */
  stored?: StorageSettingsStore;
  quota?: Partial<QuotaSettings>;
  diskSpace?: DiskSpaceReader;
  now?: () => number;
  logger?: Logger;
}

/** The alarm reported first when several are raised. */
const ALARM_PRIORITY = ['unwritable', 'write_failed', 'disk_full', 'locked_over_quota'] as const;

export class StorageService {
  readonly diskSpace: DiskSpaceReader;
  private readonly now: () => number;
  private readonly logger: Logger;
  private readonly listeners = new Set<StorageListener>();
  private readonly alarms = new Map<DiskAlarmKind, DiskAlarm>();
  private quotaSettings: QuotaSettings;
  private chosenQuota: StorageQuota = DEFAULT_STORAGE_QUOTA;
  /** The root new segments go to; id -1 until start() registers it. */
  private active: RootRef;
  private started: Promise<void> | null = null;
  /** Serialises folder changes. */
  private folderChange: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: StorageServiceOptions) {
    this.now = opts.now ?? Date.now;
    this.logger = opts.logger ?? silentLogger;
    this.diskSpace = opts.diskSpace ?? readDiskSpace;
    this.quotaSettings = { ...DEFAULT_QUOTA, ...opts.quota };
    this.active = { id: -1, path: resolve(opts.storageDir) };
  }

  /** Reads the stored quota and folder (before start). */
  async load(): Promise<void> {
    const stored = this.opts.stored;
    if (!stored) return;
    const quota = await stored.loadQuota();
    if (quota) this.chosenQuota = quota;
    this.setQuota(toQuotaSettings(this.chosenQuota));
    const folder = await stored.loadFolder();
    if (folder && this.active.id < 0) this.active = { id: -1, path: resolve(folder) };
  }

  /** Registers the active folder as the active root; once. */
  start(): Promise<void> {
    this.started ??= (async () => {
      const path = this.active.path;
      const id = await this.opts.db.transaction((tx) =>
        this.opts.roots.activate(path, this.now(), tx),
      );
      // A folder change made before start has registered its root already.
      if (this.active.path === path) this.active = { id, path };
    })();
    return this.started;
  }

  /** Tells `listener` of every alarm and folder change, awaited in order. */
  subscribe(listener: StorageListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  // ---- folder ----------------------------------------------------------------

  get activeRoot(): RootRef {
    return this.active;
  }

  /** The active root's folder (where new segments are written). */
  get storageDir(): string {
    return this.active.path;
  }

  /**
   * Makes another folder the storage root (e.g. a second disk). Rejects with a
   * StorageFolderError (nothing changed) when it is relative, the active root,
   * nested in another root or not writable. The switch and the stored setting are
   * one transaction: both happen or neither does. Subscribers (recording) then move
   * to it; old footage stays where it is. Returns the new root's path.
   */
  /** Folders the panel offers for the footage, with their free space. */
  async folderChoices(): Promise<StorageFolderChoice[]> {
    return storageFolderChoices({
      active: this.active.path,
      known: await this.opts.roots.paths(),
      volumes: await mountedVolumes(),
      space: spaceOf,
    });
  }

  setFolder(input: string): Promise<string> {
    const next = this.folderChange.then(() => this.changeFolder(input));
    this.folderChange = next.catch(() => undefined);
    return next;
  }

  private async changeFolder(input: string): Promise<string> {
    const path = await prepareStorageFolder(input, this.active.path, await this.opts.roots.paths());
    const previous = this.active;
    const id = await this.opts.db.transaction(async (tx) => {
      const rootId = await this.opts.roots.activate(path, this.now(), tx);
      await this.opts.stored?.saveFolder(path, tx);
      return rootId;
    });
    this.active = { id, path };
    await this.notify({ kind: 'root_changed', previous, next: this.active });
    return path;
  }

  // ---- quota -------------------------------------------------------------------

  /** What retention keeps to now. */
  quota(): QuotaSettings {
    return { ...this.quotaSettings };
  }

  /** The quota as the officer chose it (storage panel). */
  get chosen(): StorageQuota {
    return this.chosenQuota;
  }

  setQuota(patch: Partial<QuotaSettings>): void {
    this.quotaSettings = { ...this.quotaSettings, ...patch };
  }

  /** Stores the officer's quota and applies it. */
  async saveQuota(q: StorageQuota): Promise<void> {
    await this.opts.stored?.saveQuota(q);
    this.chosenQuota = q;
    this.setQuota(toQuotaSettings(q));
  }

  // ---- health and alarms ---------------------------------------------------------

  /** Probes the active folder: clears or raises the unwritable alarm; true when writable. */
  async checkWritable(): Promise<boolean> {
    // A root that holds footage is never created again: its folder missing means an
    // unplugged disk (alarm), not an empty folder to record into on the system disk.
    const create = this.active.id < 0 || !(await this.opts.roots.hasFootage(this.active.id));
    const probe = await probeStorage(this.active.path, { create });
    if (probe.ok) {
      await this.clearAlarm('unwritable');
      return true;
    }
    await this.raiseAlarm('unwritable', probe.code);
    return false;
  }

  /** Raises or clears disk_full from the active volume's free space. */
  async checkFreeSpace(): Promise<void> {
    const space = await this.diskSpace(this.active.path).catch(() => null);
    if (!space) return;
    if (space.freeBytes < Math.min(this.quotaSettings.reserveBytes, space.totalBytes * 0.01))
      await this.raiseAlarm('disk_full', 'ENOSPC');
    else await this.clearAlarm('disk_full');
  }

  /** The alarm to show (the most serious raised), or null. */
  alarm(): DiskAlarm | null {
    for (const kind of ALARM_PRIORITY) {
      const a = this.alarms.get(kind);
      if (a) return a;
    }
    return null;
  }

  hasAlarm(kind: DiskAlarmKind): boolean {
    return this.alarms.has(kind);
  }

  async raiseAlarm(kind: DiskAlarmKind, code: string | null): Promise<void> {
    if (this.alarms.has(kind)) return;
    const alarm: DiskAlarm = { kind, since: this.now(), code };
    this.alarms.set(kind, alarm);
    this.logger.warn('recording alarm', { kind, code });
    await this.notify({ kind: 'alarm_raised', alarm });
  }

  async clearAlarm(kind: DiskAlarmKind): Promise<void> {
    if (!this.alarms.delete(kind)) return;
    await this.notify({ kind: 'alarm_cleared', alarmKind: kind });
  }

  private async notify(change: StorageChange): Promise<void> {
    for (const listener of [...this.listeners]) {
      try {
        await listener(change);
      } catch (err) {
        // The change itself has happened (and is stored); a follower's failure is its own.
        this.logger.error('storage change listener failed', { change: change.kind, err });
      }
    }
  }
}
