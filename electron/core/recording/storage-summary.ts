// The storage panel's summary: the disk, the quota in bytes, what each camera
// holds and how many days of footage fit at its recent rate.
import type { StorageService } from '../storage/storage-service';
import type { RecordingIndex } from './recording-index';
import type { StorageSummary } from './recording-types';
import { effectiveQuota } from './retention';

const DAY_MS = 86_400_000;

export async function storageSummary(o: {
  index: RecordingIndex;
  storage: StorageService;
  now: number;
  /** A camera's own age limit in days, or null. */
  maxAgeDays: (cameraId: string) => number | null;
}): Promise<StorageSummary> {
  const { index, storage, now } = o;
  const quota = storage.quota();
  const space = await storage.diskSpace(storage.storageDir).catch(() => ({
    totalBytes: 0,
    freeBytes: 0,
  }));
  const totals = await index.totals();
  const cams = await index.perCamera(now - DAY_MS);
  const quotaBytes = Math.min(
    effectiveQuota(quota, space.totalBytes),
    totals.bytes + Math.max(0, space.freeBytes - quota.reserveBytes),
  );
  const rates = cams.map((c) => {
    const span = c.recentFirstMs !== null ? Math.max(60_000, now - c.recentFirstMs) : 0;
    return span > 0 ? Math.round((c.recentBytes * DAY_MS) / span) : 0;
  });
  const perDay = rates.reduce((sum, r) => sum + r, 0);
  const days = perDay > 0 ? quotaBytes / perDay : null;
  const cameras = cams.map((c, i) => {
    const maxAge = o.maxAgeDays(c.cameraId);
    return {
      cameraId: c.cameraId,
      bytes: c.bytes,
      recordings: c.recordings,
      oldestMs: c.oldestMs,
      newestMs: c.newestMs,
      bytesPerDay: rates[i] ?? 0,
      daysAtCurrentRate: days === null ? maxAge : maxAge === null ? days : Math.min(days, maxAge),
    };
  });
  const roots = (await index.roots()).filter((r) => r.active || r.recordings > 0);
  return {
    storageDir: storage.storageDir,
    roots,
    totalBytes: space.totalBytes,
    freeBytes: space.freeBytes,
    usedByRecordings: totals.bytes,
    lockedBytes: totals.lockedBytes,
    quotaBytes,
    cameras,
    daysAtCurrentRate: days,
    alarm: storage.alarm(),
  };
}
