// The officer's storage choices (the footage quota and the storage folder) kept
// in the settings table, and the quota's translation to the retention settings.
import { isAbsolute } from 'node:path';
import type { StorageQuota } from '../../contract/recording-schemas';
import type { Queryable } from '../db/database';
import { DEFAULT_QUOTA, type QuotaSettings } from '../recording/recording-types';
import type { SettingsService } from '../settings/settings-service';

const QUOTA_KEY = 'storage.quota';
const FOLDER_KEY = 'storage.folder';
export const GIB = 1024 ** 3;

export const DEFAULT_STORAGE_QUOTA: StorageQuota = {
  kind: 'percent',
  value: DEFAULT_QUOTA.quotaPercent ?? 90,
};

export function toQuotaSettings(
  q: StorageQuota,
): Pick<QuotaSettings, 'quotaBytes' | 'quotaPercent'> {
  return q.kind === 'gb'
    ? { quotaBytes: Math.round(q.value * GIB), quotaPercent: null }
    : { quotaBytes: null, quotaPercent: q.value };
}

/** Where the storage service keeps what the officer chose. */
export interface StorageSettingsStore {
  /** The stored quota; undefined when missing or invalid (then the default applies). */
  loadQuota(): Promise<StorageQuota | undefined>;
  saveQuota(q: StorageQuota): Promise<void>;
  /** The folder chosen in the storage panel, or undefined (then the configured default). */
  loadFolder(): Promise<string | undefined>;
  /** Written inside the folder switch's transaction. */
  saveFolder(path: string, tx: Queryable): Promise<void>;
}

export function settingsBackedStorageStore(settings: SettingsService): StorageSettingsStore {
  return {
    async loadQuota() {
      const q = (await settings.getInternal(QUOTA_KEY)) as Partial<StorageQuota> | undefined;
      return q &&
        (q.kind === 'gb' || q.kind === 'percent') &&
        typeof q.value === 'number' &&
        q.value > 0 &&
        (q.kind === 'gb' || q.value <= 100)
        ? { kind: q.kind, value: q.value }
        : undefined;
    },
    saveQuota: (q) => settings.setInternal(QUOTA_KEY, q),
    async loadFolder() {
      const raw = await settings.getInternal(FOLDER_KEY);
      return typeof raw === 'string' && isAbsolute(raw) ? raw : undefined;
    },
    saveFolder: (path, tx) => settings.setInternal(FOLDER_KEY, path, tx),
  };
}
