// A destination file system that misbehaves on cue, over the real one: fills up
// after so many bytes, loses the stick, fails an fsync, or reads back altered
// bytes. Only paths under `under` are touched; everything else passes through.
import { sep } from 'node:path';
import { nodeFsOps, type FileOps, type FsOps } from '../fs-ops';

export interface FaultPlan {
  /** The destination folder the faults apply to. */
  under: string;
  /** Writes under `under` fail with `code` once this many bytes were written there. */
  failWritesAfter?: { bytes: number; code: string };
  /** From the first write failure on, every call under `under` fails with ENOENT (stick pulled). */
  vanishOnWriteFailure?: boolean;
  /** fsync of files whose path matches fails with `code`. */
  failSync?: { match: RegExp; code: string };
  /** Reads of files whose path matches come back with their first byte flipped. */
  corruptReads?: RegExp;
  /** Seen before every write under `under` (e.g. to cancel mid-copy). */
  beforeWrite?: (path: string, bytesSoFar: number) => void;
}

export interface FaultyFs extends FsOps {
  /** Bytes written under `under` so far. */
  written(): number;
  /** Whether the simulated stick is gone. */
  vanished(): boolean;
}

export function errno(code: string, what: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated, ${what}`), { code });
}

export function faultyFs(plan: FaultPlan, base: FsOps = nodeFsOps): FaultyFs {
  let written = 0;
  let gone = false;
  const inside = (path: string) => path === plan.under || path.startsWith(plan.under + sep);
  const guard = (path: string, what: string) => {
    if (gone && inside(path)) throw errno('ENOENT', `${what} ${path} after the stick was pulled`);
  };

  const wrap = (path: string, file: FileOps): FileOps => ({
    read: async (buffer, offset, length, position) => {
      guard(path, 'read');
      const r = await file.read(buffer, offset, length, position);
      if (plan.corruptReads?.test(path) && r.bytesRead > 0 && (position ?? 0) === 0)
        buffer[offset] = buffer[offset]! ^ 0xff;
      return r;
    },
    write: async (buffer, offset, length, position) => {
      guard(path, 'write');
      if (!inside(path)) return file.write(buffer, offset, length, position);
      plan.beforeWrite?.(path, written);
      const limit = plan.failWritesAfter;
      if (limit && written + length > limit.bytes) {
        // Like a real full disk: what fits is written, the next call fails.
        const room = limit.bytes - written;
        if (room > 0) {
          const r = await file.write(buffer, offset, room, position);
          written += r.bytesWritten;
          return r;
        }
        if (plan.vanishOnWriteFailure) gone = true;
        throw errno(limit.code, `write ${path}`);
      }
      const r = await file.write(buffer, offset, length, position);
      written += r.bytesWritten;
      return r;
    },
    sync: async () => {
      guard(path, 'fsync');
      if (plan.failSync?.match.test(path)) throw errno(plan.failSync.code, `fsync ${path}`);
      await file.sync();
    },
    close: () => file.close(),
  });

  return {
    open: async (path, flags) => {
      guard(path, 'open');
      return wrap(path, await base.open(path, flags));
    },
    rename: async (from, to) => {
      guard(from, 'rename');
      await base.rename(from, to);
    },
    rm: async (path, options) => {
      guard(path, 'rm');
      await base.rm(path, options);
    },
    mkdir: async (path, options) => {
      guard(path, 'mkdir');
      await base.mkdir(path, options);
    },
    stat: async (path) => {
      guard(path, 'stat');
      return base.stat(path);
    },
    written: () => written,
    vanished: () => gone,
  };
}
