// The few file-system calls an export makes, behind one small interface so the
// tests can make a stick fill up, fail an fsync, vanish mid-write or hand back
// altered bytes: faults that a real disk cannot be told to produce on cue.
import * as fsp from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** An open file: positional reads and writes, flush, close. */
export interface FileOps {
  read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number | null,
  ): Promise<{ bytesRead: number }>;
  write(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number | null,
  ): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface FsOps {
  /** 'r' to read; 'w' creates or truncates. */
  open(path: string, flags: 'r' | 'w'): Promise<FileOps>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options?: { recursive?: boolean; force?: boolean }): Promise<void>;
  mkdir(path: string, options?: { recursive?: boolean }): Promise<void>;
  stat(path: string): Promise<{ size: number; isDirectory(): boolean }>;
}

export const nodeFsOps: FsOps = {
  open: (path, flags) => fsp.open(path, flags),
  rename: (from, to) => fsp.rename(from, to),
  rm: (path, options) => fsp.rm(path, options),
  mkdir: async (path, options) => {
    await fsp.mkdir(path, options);
  },
  stat: (path) => fsp.stat(path),
};

/** Whether `path` exists; any error but "not there" is passed on (the stick may be gone). */
export async function pathExists(fs: FsOps, path: string): Promise<boolean> {
  try {
    await fs.stat(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

/** Codes Windows gives while Defender, the indexer or Explorer still holds a just-closed file or folder. */
const RENAME_BUSY = new Set(['EPERM', 'EACCES', 'EBUSY']);

export interface RetryPolicy {
  /** First wait; each later wait is twice the one before. */
  firstDelayMs: number;
  /** Most time spent waiting in all, after which the last error is thrown. */
  totalMs: number;
}

/** 50, 100, 200 … ms, about 10 s in all: a scan of a large video on a slow stick takes seconds. */
export const RENAME_RETRY: RetryPolicy = { firstDelayMs: 50, totalMs: 10_000 };

/**
 * `fs.rename`, tried again while the target or source is briefly locked
 * (EPERM, EACCES, EBUSY). Any other error, or the same one once the time is
 * spent, is thrown; an abort of `signal` while waiting rejects with AbortError.
 */
export async function renameWithRetry(
  fs: FsOps,
  from: string,
  to: string,
  signal?: AbortSignal,
  policy: RetryPolicy = RENAME_RETRY,
): Promise<void> {
  let waited = 0;
  // At least 1 ms, so the waits add up to the total and the loop ends.
  let delay = Math.max(1, policy.firstDelayMs);
  for (;;) {
    try {
      await fs.rename(from, to);
      return;
    } catch (err) {
      const busy = RENAME_BUSY.has((err as NodeJS.ErrnoException).code ?? '');
      if (!busy || waited >= policy.totalMs) throw err;
    }
    const wait = Math.min(delay, policy.totalMs - waited);
    await sleep(wait, undefined, signal ? { signal } : undefined);
    waited += wait;
    delay *= 2;
  }
}
