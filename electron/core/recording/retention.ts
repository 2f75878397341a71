// Retention: keeps footage within the quota and each camera's maximum age by
// deleting the oldest unlocked recordings first. Locked ranges (incidents) are
// never touched; when locked footage alone exceeds the quota that is an alarm
// for the officer, not a reason to delete evidence.
import { unlink } from 'node:fs/promises';
import type { DiskSpaceReader } from '../storage/disk-space';
import { absPath } from '../storage/storage-layout';
import type { RecordingIndex } from './recording-index';
import type { QuotaSettings, RootRef } from './recording-types';

export interface RetentionResult {
  deleted: number;
  freedBytes: number;
  quotaBytes: number;
  usedBytes: number;
  lockedBytes: number;
  /** Locked footage alone is over the quota. */
  lockedOverQuota: boolean;
  /** Files that could not be deleted (kept in the index, retried next pass). */
  failures: number;
}

export interface RetentionDeps {
  index: RecordingIndex;
  /** The root written to: its volume is the one the percent quota and the reserve apply to. */
  activeRoot: () => RootRef;
  diskSpace: DiskSpaceReader;
  now: () => number;
}

const BATCH = 100;
// Bounds one pass; the next pass continues where this one stopped.
const MAX_BATCHES = 200;

export function effectiveQuota(q: QuotaSettings, totalBytes: number): number {
  const caps: number[] = [];
  if (q.quotaBytes !== null) caps.push(q.quotaBytes);
  if (q.quotaPercent !== null) caps.push(Math.floor((totalBytes * q.quotaPercent) / 100));
  return caps.length ? Math.max(0, Math.min(...caps)) : Number.MAX_SAFE_INTEGER;
}

export class Retention {
  constructor(private readonly deps: RetentionDeps) {}

  /**
   * One pass: first each camera's maximum age, then the quota and the free-space
   * reserve, oldest unlocked footage of any camera first.
   */
  async run(
    quota: QuotaSettings,
    maxAgeDays: ReadonlyMap<string, number>,
  ): Promise<RetentionResult> {
    const { index } = this.deps;
    let deleted = 0;
    let freedBytes = 0;
    let failures = 0;
    const failed = new Set<number>();
    const rootPaths = new Map((await index.roots()).map((r) => [r.id, r.path]));
    const active = this.deps.activeRoot();

    const remove = async (rec: {
      id: number;
      path: string;
      bytes: number;
      rootId: number | null;
    }): Promise<boolean> => {
      const rootPath = rec.rootId === null ? undefined : rootPaths.get(rec.rootId);
      if (rootPath === undefined) {
        // Not adopted into a root yet (cannot happen after start): never guess a folder.
        failures++;
        failed.add(rec.id);
        return false;
      }
      try {
        await unlink(absPath(rootPath, rec.path));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
          failures++;
          failed.add(rec.id);
          return false;
        }
      }
      // File first, row second: a crash in between leaves a row whose file is gone,
      // which reconciliation marks missing — never a file nobody knows about.
      await index.deleteRecording(rec.id);
      deleted++;
      freedBytes += rec.bytes;
      return true;
    };

    for (const [cameraId, days] of maxAgeDays) {
      const cutoff = this.deps.now() - days * 86_400_000;
      for (let i = 0; i < MAX_BATCHES; i++) {
        const batch = (await index.oldestUnlocked(BATCH, cameraId, cutoff)).filter(
          (r) => !failed.has(r.id),
        );
        if (!batch.length) break;
        for (const rec of batch) await remove(rec);
      }
    }

    // The quota counts footage of every root (GB, or a share of the active volume);
    // the free-space reserve is about the active volume only, so when just the reserve
    // is short only the active root's footage is pruned — deleting an old disk's
    // footage would not free a byte where the recorders write.
    const space = await this.deps.diskSpace(active.path);
    const quotaBytes = effectiveQuota(quota, space.totalBytes);
    let { bytes: usedBytes, lockedBytes } = await index.totals();
    let freeBytes = space.freeBytes;
    for (let i = 0; i < MAX_BATCHES; i++) {
      if (usedBytes <= quotaBytes && freeBytes >= quota.reserveBytes) break;
      const onlyActive = usedBytes <= quotaBytes ? active.id : undefined;
      const batch = (await index.oldestUnlocked(BATCH, undefined, undefined, onlyActive)).filter(
        (r) => !failed.has(r.id),
      );
      if (!batch.length) break;
      for (const rec of batch) {
        if (usedBytes <= quotaBytes && freeBytes >= quota.reserveBytes) break;
        if (usedBytes <= quotaBytes && rec.rootId !== active.id) break;
        if (await remove(rec)) {
          usedBytes -= rec.bytes;
          if (rec.rootId === active.id) freeBytes += rec.bytes;
        }
      }
    }
    ({ bytes: usedBytes, lockedBytes } = await index.totals());
    return {
      deleted,
      freedBytes,
      quotaBytes,
      usedBytes,
      lockedBytes,
      lockedOverQuota: lockedBytes > quotaBytes,
      failures,
    };
  }
}
