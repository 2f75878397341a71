// One station core per data folder. Two would record every camera twice, race on
// the database and each think the other's segments are strays. The lock is a file
// created exclusively (O_EXCL) before the database opens, naming the holder's pid
// and its process start time. A lock whose holder is gone (kill -9, power cut) is
// taken over; the start time tells a reused pid from the holder itself.
import { readFileSync } from 'node:fs';
import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';

export const LOCK_FILE = 'station.lock';

interface LockBody {
  pid: number;
  /** Linux: the process start time from /proc/<pid>/stat; null elsewhere. */
  startTicks: string | null;
  since: number;
}

export class DataFolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
  ) {
    super(
      `Thư mục dữ liệu đang được một dịch vụ trạm khác dùng (pid ${holderPid}): ${dataDir}. ` +
        `Không chạy hai dịch vụ trên cùng dữ liệu. / ` +
        `The data folder is in use by another station service (pid ${holderPid}).`,
    );
    this.name = 'DataFolderInUseError';
  }
}

export interface DataFolderLock {
  release(): Promise<void>;
}

/** The kernel's start time of a process (field 22 of /proc/<pid>/stat), or null. */
function startTicksOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from its end.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function holderAlive(body: LockBody): boolean {
  try {
    process.kill(body.pid, 0);
  } catch (err) {
    // EPERM: it exists, owned by someone else.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // Same pid, another process (the pid was reused after a crash): not our holder.
  if (body.startTicks !== null) return startTicksOf(body.pid) === body.startTicks;
  return true;
}

async function readBody(file: string): Promise<LockBody | null> {
  try {
    const v = JSON.parse(await readFile(file, 'utf8')) as Partial<LockBody>;
    return typeof v.pid === 'number'
      ? { pid: v.pid, startTicks: v.startTicks ?? null, since: v.since ?? 0 }
      : null;
  } catch {
    return null; // torn or empty: a crash between create and write
  }
}

export async function acquireDataFolderLock(dataDir: string): Promise<DataFolderLock> {
  const file = join(dataDir, LOCK_FILE);
  const body: LockBody = {
    pid: process.pid,
    startTicks: startTicksOf(process.pid),
    since: Date.now(),
  };
  // Two tries: the second after removing a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(file, 'wx', 0o600);
      try {
        await fh.writeFile(JSON.stringify(body));
        await fh.sync();
      } finally {
        await fh.close();
      }
      let released = false;
      return {
        release: async () => {
          if (released) return;
          released = true;
          const now = await readBody(file);
          if (now?.pid === process.pid) await unlink(file).catch(() => undefined);
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = await readBody(file);
      // This very process counts too: a second core in one process is as wrong as two.
      if (holder && holderAlive(holder)) throw new DataFolderInUseError(dataDir, holder.pid);
      // Stale: removed only if it is still the lock we judged (another starter may have won).
      const again = await readBody(file);
      if (again?.pid === holder?.pid && again?.since === holder?.since)
        await unlink(file).catch(() => undefined);
    }
  }
  throw new DataFolderInUseError(dataDir, -1);
}
