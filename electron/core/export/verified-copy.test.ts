import { createHash, randomBytes } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../recording/testing/recording-test-kit';
import { ExportCancelled, ExportFailure } from './export-errors';
import { nodeFsOps, type FsOps } from './fs-ops';
import { errno, faultyFs } from './testing/faulty-fs';
import {
  COPY_CHUNK_BYTES,
  SYNC_STEP_BYTES,
  copyVerified as copyVerifiedAs,
  syncDir,
  writeVerified,
  type CopyStage,
  type CopyVerifiedOptions,
} from './verified-copy';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let root: string;
let src: string;
let dest: string;
let cleanup: () => Promise<void>;
/** Several chunks and a ragged tail, so the read-ahead hands over buffers more than once. */
const SOURCE = randomBytes(2 * COPY_CHUNK_BYTES + 123_457);

beforeEach(async () => {
  ({ dir: root, cleanup } = await tempDir('verified-copy'));
  src = join(root, 'source.mp4');
  await writeFile(src, SOURCE);
  dest = join(root, 'stick');
  await nodeFsOps.mkdir(dest);
});
afterEach(() => cleanup());

async function failureOf(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => new Error('expected a rejection'),
    (err: unknown) => err,
  );
}

describe.each([
  ['read back after writing', false],
  ['read back alongside the write', true],
])('copyVerified, %s', (_mode, alongside) => {
  const copyVerified = (o: CopyVerifiedOptions) =>
    copyVerifiedAs({ ...o, readBackAlongside: alongside });

  it('copies, hashes the source bytes and reports each byte written and read back', async () => {
    const seen = { write: 0, verify: 0 };
    const r = await copyVerified({
      src,
      destDir: dest,
      name: 'CAM01.mp4',
      onBytes: (n, stage) => (seen[stage] += n),
    });
    expect(r).toEqual({ bytes: SOURCE.length, sha256: sha256(SOURCE) });
    expect((await readFile(join(dest, 'CAM01.mp4'))).equals(SOURCE)).toBe(true);
    expect(seen).toEqual({ write: SOURCE.length, verify: SOURCE.length });
    expect(await readdir(dest)).toEqual(['CAM01.mp4']);
  });

  it('copies an empty file', async () => {
    await writeFile(src, Buffer.alloc(0));
    const r = await copyVerified({ src, destDir: dest, name: 'empty.jpg' });
    expect(r).toEqual({ bytes: 0, sha256: sha256(Buffer.alloc(0)) });
    expect(await readdir(dest)).toEqual(['empty.jpg']);
  });

  it('fails destination_full when the stick fills up, and removes the .part', async () => {
    const fs = faultyFs({ under: dest, failWritesAfter: { bytes: 5_000_000, code: 'ENOSPC' } });
    const err = await failureOf(copyVerified({ src, destDir: dest, name: 'a.mp4', fs }));
    expect(err).toBeInstanceOf(ExportFailure);
    expect((err as ExportFailure).code).toBe('destination_full');
    expect(fs.written()).toBe(5_000_000);
    expect(await readdir(dest)).toEqual([]);
  });

  it('fails write_failed on an fsync I/O error, and removes the .part', async () => {
    const fs = faultyFs({ under: dest, failSync: { match: /\.part$/, code: 'EIO' } });
    const err = await failureOf(copyVerified({ src, destDir: dest, name: 'a.mp4', fs }));
    expect((err as ExportFailure).code).toBe('write_failed');
    expect(await readdir(dest)).toEqual([]);
  });

  it('fails destination_missing when the stick is pulled mid-write; no final file appears', async () => {
    const fs = faultyFs({
      under: dest,
      failWritesAfter: { bytes: COPY_CHUNK_BYTES, code: 'ENOENT' },
      vanishOnWriteFailure: true,
    });
    const err = await failureOf(copyVerified({ src, destDir: dest, name: 'a.mp4', fs }));
    expect((err as ExportFailure).code).toBe('destination_missing');
    expect(fs.vanished()).toBe(true);
    // The clean-up could not reach the "pulled" stick: only the .part is there, never a.mp4.
    expect(await readdir(dest)).toEqual(['a.mp4.part']);
  });

  it('fails verify_mismatch when the read-back differs, and keeps nothing', async () => {
    const fs = faultyFs({ under: dest, corruptReads: /\.part$/ });
    const err = await failureOf(copyVerified({ src, destDir: dest, name: 'a.mp4', fs }));
    expect((err as ExportFailure).code).toBe('verify_mismatch');
    expect(await readdir(dest)).toEqual([]);
  });

  it('cancels mid-copy with ExportCancelled and removes the .part', async () => {
    const abort = new AbortController();
    const fs = faultyFs({
      under: dest,
      beforeWrite: (_path, soFar) => {
        if (soFar > 0) abort.abort();
      },
    });
    const err = await failureOf(
      copyVerified({ src, destDir: dest, name: 'a.mp4', fs, signal: abort.signal }),
    );
    expect(err).toBeInstanceOf(ExportCancelled);
    expect(fs.written()).toBeGreaterThan(0);
    expect(fs.written()).toBeLessThan(SOURCE.length);
    expect(await readdir(dest)).toEqual([]);
  });

  it('waits for a scanner holding the just-closed .part (EPERM twice), then renames it', async () => {
    let refused = 0;
    const fs: FsOps = {
      ...nodeFsOps,
      rename: async (from, to) => {
        if (refused < 2) {
          refused++;
          throw errno('EPERM', `rename ${from}`);
        }
        await nodeFsOps.rename(from, to);
      },
    };
    const r = await copyVerified({ src, destDir: dest, name: 'a.mp4', fs });
    expect(refused).toBe(2);
    expect(r.sha256).toBe(sha256(SOURCE));
    expect(await readdir(dest)).toEqual(['a.mp4']);
  });

  it('cancels while waiting for a held .part, and removes it', async () => {
    const abort = new AbortController();
    const fs: FsOps = {
      ...nodeFsOps,
      rename: (from) => {
        abort.abort();
        return Promise.reject(errno('EBUSY', `rename ${from}`));
      },
    };
    const err = await failureOf(
      copyVerified({ src, destDir: dest, name: 'a.mp4', fs, signal: abort.signal }),
    );
    expect(err).toBeInstanceOf(ExportCancelled);
    expect(await readdir(dest)).toEqual([]);
  });

  it('does not start when already cancelled', async () => {
    const abort = new AbortController();
    abort.abort();
    const err = await failureOf(
      copyVerified({ src, destDir: dest, name: 'a.mp4', signal: abort.signal }),
    );
    expect(err).toBeInstanceOf(ExportCancelled);
    expect(await readdir(dest)).toEqual([]);
  });

  it('blames a missing source on the station (internal), not on the stick', async () => {
    const err = await failureOf(
      copyVerified({ src: join(root, 'gone.mp4'), destDir: dest, name: 'a.mp4' }),
    );
    expect((err as ExportFailure).code).toBe('internal');
    expect(await readdir(dest)).toEqual([]);
  });

  it('reports a missing destination folder as destination_missing', async () => {
    const err = await failureOf(copyVerified({ src, destDir: join(root, 'nope'), name: 'a.mp4' }));
    expect((err as ExportFailure).code).toBe('destination_missing');
  });
});

describe('writeVerified', () => {
  it('writes a generated file under its final name with its hash', async () => {
    const data = Buffer.from('{"format":"vn-station-export/1"}\n', 'utf8');
    const r = await writeVerified({ destDir: dest, name: 'manifest.json', data });
    expect(r).toEqual({ bytes: data.length, sha256: sha256(data) });
    expect(await readFile(join(dest, 'manifest.json'), 'utf8')).toBe(data.toString('utf8'));
    expect(await readdir(dest)).toEqual(['manifest.json']);
  });

  it('fails verify_mismatch on altered read-back, leaving nothing', async () => {
    const fs = faultyFs({ under: dest, corruptReads: /\.part$/ });
    const err = await failureOf(
      writeVerified({ destDir: dest, name: 'x.html', data: Buffer.from('<p>x</p>'), fs }),
    );
    expect((err as ExportFailure).code).toBe('verify_mismatch');
    expect(await readdir(dest)).toEqual([]);
  });
});

describe('syncDir', () => {
  const refusing = (code: string): FsOps => ({
    ...nodeFsOps,
    open: () => Promise.reject(errno(code, 'open folder')),
  });

  it('ignores a file system that cannot open or flush a folder', async () => {
    for (const code of ['EISDIR', 'EINVAL', 'EPERM']) {
      await expect(syncDir(refusing(code), dest)).resolves.toBeUndefined();
    }
  });

  it('passes other errors on', async () => {
    await expect(syncDir(refusing('EIO'), dest)).rejects.toMatchObject({ code: 'EIO' });
  });

  it('flushes a real folder', async () => {
    await expect(syncDir(nodeFsOps, dest)).resolves.toBeUndefined();
  });
});

describe('reading back alongside the write', () => {
  it('hashes flushed bytes read back while later ones are still being written', async () => {
    // Past two flush steps, so the read-back has flushed bytes to read mid-write.
    const big = randomBytes(2 * SYNC_STEP_BYTES + 4321);
    await writeFile(src, big);
    const order: CopyStage[] = [];
    const r = await copyVerifiedAs({
      src,
      destDir: dest,
      name: 'big.mp4',
      readBackAlongside: true,
      onBytes: (_n, stage) => order.push(stage),
    });
    expect(r).toEqual({ bytes: big.length, sha256: sha256(big) });
    expect(order.indexOf('verify')).toBeGreaterThan(0);
    expect(order.indexOf('verify')).toBeLessThan(order.lastIndexOf('write'));
    expect((await readFile(join(dest, 'big.mp4'))).equals(big)).toBe(true);
  }, 60_000);
});
