// Writes one file of an export so that it is either whole and proven or absent:
// `<name>.part` is written while the source bytes are hashed, flushed to the
// device, read back and hashed again, and only a matching file is renamed to
// its final name. A full or removed stick, an I/O error or a cancel removes the
// `.part` and rejects with ExportFailure(code) / ExportCancelled.
//
// The read-back is served from the OS page cache when it still holds the
// pages; it proves what the file system returns for the file, which is what a
// bad stick or a driver fault corrupts. Node cannot drop the cache per file.
import { createHash, type Hash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { ExportCancelled, ExportFailure, classifyWriteError, isCancel } from './export-errors';
import { nodeFsOps, renameWithRetry, type FileOps, type FsOps } from './fs-ops';
import { ReadbackHash } from './readback-hash-worker';

/** Read and write size: large enough for USB throughput, small enough to cancel promptly. */
export const COPY_CHUNK_BYTES = 4 * 1024 * 1024;
export const PART_SUFFIX = '.part';
/**
 * With `readBackAlongside`, the written part is flushed to the device every this
 * many bytes and read back up to there while the rest is still being written.
 */
export const SYNC_STEP_BYTES = 64 * 1024 * 1024;

/** `write`: a chunk reached the destination; `verify`: a chunk was read back. */
export type CopyStage = 'write' | 'verify';

export interface VerifiedFile {
  bytes: number;
  sha256: string;
}

interface TargetOptions {
  destDir: string;
  /** File name in destDir (may hold `/`-separated folders that already exist). */
  name: string;
  signal?: AbortSignal;
  onBytes?: (bytes: number, stage: CopyStage) => void;
  fs?: FsOps;
  /**
   * Read back and hash (on a worker thread) what is already flushed while the rest
   * is written: for big files (videos); a small file is not worth the thread.
   */
  readBackAlongside?: boolean;
}

export interface CopyVerifiedOptions extends TargetOptions {
  src: string;
}

export interface WriteVerifiedOptions extends TargetOptions {
  data: Buffer;
}

export interface StreamVerifiedOptions extends TargetOptions {
  /** The file's bytes in order; a failure to produce them is the station's, not the stick's. */
  chunks: AsyncIterable<Buffer>;
  /** Names the source in that failure. */
  source: string;
}

export async function copyVerified(o: CopyVerifiedOptions): Promise<VerifiedFile> {
  const fs = o.fs ?? nodeFsOps;
  return writeThenVerify(o, fs, async (sink) => {
    let src: FileOps;
    try {
      src = await fs.open(o.src, 'r');
    } catch (err) {
      throw sourceFailure(o.src, err);
    }
    try {
      for await (const chunk of readAhead(src, o.src)) await sink(chunk);
    } finally {
      await src.close().catch(() => undefined);
    }
  });
}

/** The same steps for a small generated file (manifest, report, player page). */
export async function writeVerified(o: WriteVerifiedOptions): Promise<VerifiedFile> {
  return writeThenVerify(o, o.fs ?? nodeFsOps, async (sink) => {
    for (let at = 0; at < o.data.length; at += COPY_CHUNK_BYTES) {
      await sink(o.data.subarray(at, at + COPY_CHUNK_BYTES));
    }
  });
}

/** The same steps for a file made while it is written (an export's MP4 built from recorded fragments). */
export async function streamVerified(o: StreamVerifiedOptions): Promise<VerifiedFile> {
  return writeThenVerify(o, o.fs ?? nodeFsOps, async (sink) => {
    const it = o.chunks[Symbol.asyncIterator]();
    try {
      for (;;) {
        let next: IteratorResult<Buffer>;
        try {
          next = await it.next();
        } catch (err) {
          throw sourceFailure(o.source, err);
        }
        if (next.done) return;
        await sink(next.value);
      }
    } finally {
      // Stopped early (a write failed, a cancel): the producer closes its files.
      await it.return?.().catch(() => undefined);
    }
  });
}

type Sink = (chunk: Buffer) => Promise<void>;

async function writeThenVerify(
  o: TargetOptions,
  fs: FsOps,
  produce: (sink: Sink) => Promise<void>,
): Promise<VerifiedFile> {
  const final = join(o.destDir, o.name);
  const part = final + PART_SUFFIX;
  try {
    throwIfAborted(o.signal);
    const { written, readBack } = o.readBackAlongside
      ? await writeAndReadBack(fs, part, o, produce)
      : { written: await writePart(fs, part, o, produce), readBack: await hashFile(fs, part, o) };
    if (readBack.bytes !== written.bytes || readBack.sha256 !== written.sha256) {
      throw new ExportFailure(
        'verify_mismatch',
        `${o.name}: wrote ${written.bytes} B ${written.sha256}, read ${readBack.bytes} B ${readBack.sha256}`,
      );
    }
    throwIfAborted(o.signal);
    // Windows: a virus scanner opens the file the moment it is closed and holds it briefly.
    await renameWithRetry(fs, part, final, o.signal);
    await syncDir(fs, dirname(final));
    return written;
  } catch (err) {
    // Best effort: a removed stick cannot be cleaned, and its .part never looks complete.
    await fs.rm(part, { force: true }).catch(() => undefined);
    throw toExportError(err);
  }
}

/**
 * Writes every chunk the producer gives, hashing it as it goes, then flushes to the
 * device. `afterChunk` runs after each chunk reached the file (the total so far).
 */
async function writePart(
  fs: FsOps,
  part: string,
  o: TargetOptions,
  produce: (sink: Sink) => Promise<void>,
  afterChunk?: (out: FileOps, bytes: number) => Promise<void>,
): Promise<VerifiedFile> {
  const hash = createHash('sha256');
  let bytes = 0;
  const out = await fs.open(part, 'w');
  try {
    await produce(async (chunk) => {
      // The write runs on libuv's pool while this thread hashes the same bytes.
      const written = writeAll(out, chunk, bytes);
      hash.update(chunk);
      await written;
      bytes += chunk.length;
      o.onBytes?.(chunk.length, 'write');
      throwIfAborted(o.signal);
      await afterChunk?.(out, bytes);
    });
    await out.sync();
  } catch (err) {
    await out.close().catch(() => undefined);
    throw err;
  }
  // A close can report a delayed write error: it counts.
  await out.close();
  return { bytes, sha256: hash.digest('hex') };
}

/**
 * writePart and hashFile at once: every SYNC_STEP_BYTES the part is flushed and
 * the flushed bytes are read back (through `fs`, as hashFile reads them) and
 * hashed on a worker thread while this thread hashes and writes the next ones.
 */
async function writeAndReadBack(
  fs: FsOps,
  part: string,
  o: TargetOptions,
  produce: (sink: Sink) => Promise<void>,
): Promise<{ written: VerifiedFile; readBack: VerifiedFile }> {
  let flushed = 0;
  let writing = true;
  let wake: (() => void) | null = null;
  const kick = () => {
    wake?.();
    wake = null;
  };
  let input: FileOps | null = null;
  const hasher = new ReadbackHash();
  const readLoop = async (): Promise<VerifiedFile> => {
    let position = 0;
    for (;;) {
      if (position < flushed) {
        input ??= await fs.open(part, 'r');
        await hasher.room();
        const want = Math.min(COPY_CHUNK_BYTES, flushed - position);
        const chunk = new ArrayBuffer(want);
        const got = await readInto(input, Buffer.from(chunk), position);
        position += got;
        if (got > 0) hasher.update(got === want ? chunk : chunk.slice(0, got));
        o.onBytes?.(got, 'verify');
        throwIfAborted(o.signal);
        // Shorter than what was flushed: the digest's byte count will not match.
        if (got < want) break;
      } else if (!writing) break;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
    return hasher.digest();
  };
  const reading = readLoop();
  // Awaited below; a failure meanwhile must not surface as an unhandled rejection.
  reading.catch(() => undefined);
  try {
    const written = await writePart(fs, part, o, produce, async (out, bytes) => {
      if (bytes - flushed < SYNC_STEP_BYTES) return;
      await out.sync();
      flushed = bytes;
      kick();
    });
    flushed = written.bytes;
    writing = false;
    kick();
    return { written, readBack: await reading };
  } finally {
    writing = false;
    kick();
    // Stops a read loop waiting for room in the worker; then nothing reads the part any more.
    await hasher.close();
    await reading.catch(() => undefined);
    await (input as FileOps | null)?.close().catch(() => undefined);
  }
}

/** Fills `buf` from `position` unless the file ends first; returns the bytes read. */
async function readInto(file: FileOps, buf: Buffer, position: number): Promise<number> {
  let got = 0;
  while (got < buf.length) {
    const { bytesRead } = await file.read(buf, got, buf.length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got;
}

async function writeAll(out: FileOps, chunk: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < chunk.length) {
    const { bytesWritten } = await out.write(chunk, done, chunk.length - done, position + done);
    // A write that moves nothing would loop for ever; the OS reports no space this way on some drivers.
    if (bytesWritten <= 0)
      throw Object.assign(new Error('write made no progress'), { code: 'ENOSPC' });
    done += bytesWritten;
  }
}

async function hashFile(fs: FsOps, path: string, o: TargetOptions): Promise<VerifiedFile> {
  const hash: Hash = createHash('sha256');
  let bytes = 0;
  const file = await fs.open(path, 'r');
  try {
    for await (const chunk of readAhead(file, null)) {
      hash.update(chunk);
      bytes += chunk.length;
      o.onBytes?.(chunk.length, 'verify');
      throwIfAborted(o.signal);
    }
  } finally {
    await file.close().catch(() => undefined);
  }
  return { bytes, sha256: hash.digest('hex') };
}

/**
 * Chunks of a file in order, the next one read while the caller handles the
 * current one (two buffers: the read of the source overlaps the write to the
 * stick, and no more than two chunks are ever held). `source` names the file
 * when its read errors are the source's fault, not the destination's.
 */
async function* readAhead(file: FileOps, source: string | null): AsyncGenerator<Buffer> {
  const buffers = [Buffer.allocUnsafe(COPY_CHUNK_BYTES), Buffer.allocUnsafe(COPY_CHUNK_BYTES)];
  let turn = 0;
  let position = 0;
  const readInto = (buffer: Buffer) =>
    file.read(buffer, 0, buffer.length, position).catch((err: unknown) => {
      throw source === null ? err : sourceFailure(source, err);
    });
  let pending = readInto(buffers[turn]!);
  try {
    for (;;) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) return;
      position += bytesRead;
      const chunk = buffers[turn]!.subarray(0, bytesRead);
      turn ^= 1;
      pending = readInto(buffers[turn]!);
      yield chunk;
    }
  } finally {
    // The caller stopped early (error, cancel): let the read in flight settle before closing.
    await pending.catch(() => undefined);
  }
}

/** Windows and some file systems cannot open or flush a folder; the rename is journalled there. */
const DIR_SYNC_UNSUPPORTED = new Set(['EISDIR', 'EINVAL', 'EPERM', 'EACCES', 'ENOTSUP']);

/** fsync of a folder makes a rename in it durable (Linux, macOS). */
export async function syncDir(fs: FsOps, dir: string): Promise<void> {
  let handle: FileOps | null = null;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (err) {
    if (!DIR_SYNC_UNSUPPORTED.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ExportCancelled();
}

/** Any error of a write step as what the export reports: cancelled, or failed with a code. */
export function toExportError(err: unknown): ExportFailure | ExportCancelled {
  if (err instanceof ExportFailure || err instanceof ExportCancelled) return err;
  if (isCancel(err)) return new ExportCancelled();
  return new ExportFailure(classifyWriteError(err), describe(err));
}

/** The station's own file (staging, snapshot) could not be read: not the stick's fault. */
function sourceFailure(path: string, err: unknown): ExportFailure {
  return new ExportFailure('internal', `reading ${path}: ${describe(err)}`);
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
