// The officer's storage settings (the footage quota and the storage folder) kept
// in the settings table, and their translation to the recording service's QuotaSettings.
import { isAbsolute } from 'node:path';
import type { StorageQuota } from '../../contract/recording-schemas';
import { DEFAULT_QUOTA, type QuotaSettings } from '../recording/retention';
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

export class StorageSettingsStore {
  private quota: StorageQuota = DEFAULT_STORAGE_QUOTA;

  constructor(private readonly settings: SettingsService) {}

  /** Loads the stored quota; a missing or invalid row means the default. */
  async load(): Promise<StorageQuota> {
    const raw = await this.settings.getInternal(QUOTA_KEY);
    const q = raw as Partial<StorageQuota> | undefined;
    if (
      q &&
      (q.kind === 'gb' || q.kind === 'percent') &&
      typeof q.value === 'number' &&
      q.value > 0 &&
      (q.kind === 'gb' || q.value <= 100)
    )
      this.quota = { kind: q.kind, value: q.value };
    return this.quota;
  }

  /**
   * The folder chosen in the storage panel, or undefined: then the configured
   * default (config.storageDir) is used, as on a fresh install.
   */
  async loadFolder(): Promise<string | undefined> {
    const raw = await this.settings.getInternal(FOLDER_KEY);
    return typeof raw === 'string' && isAbsolute(raw) ? raw : undefined;
  }

  async saveFolder(path: string): Promise<void> {
    await this.settings.setInternal(FOLDER_KEY, path);
  }

  get current(): StorageQuota {
    return this.quota;
  }

  async save(q: StorageQuota): Promise<void> {
    await this.settings.setInternal(QUOTA_KEY, q);
    this.quota = q;
  }
}
