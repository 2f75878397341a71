import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../recording/testing/recording-test-kit';
import { isCancel } from './export-errors';
import { nodeFsOps, renameWithRetry, type FsOps } from './fs-ops';
import { errno } from './testing/faulty-fs';

let root: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir: root, cleanup } = await tempDir('fs-ops'));
});
afterEach(() => cleanup());

/** The real file system, with a rename that fails with `code` its first `failures` times. */
function lockedFs(failures: number, code: string) {
  const tries: number[] = [];
  const fs: FsOps = {
    ...nodeFsOps,
    rename: async (from, to) => {
      tries.push(Date.now());
      if (tries.length <= failures) throw errno(code, `rename ${from}`);
      await nodeFsOps.rename(from, to);
    },
  };
  return { fs, tries };
}

async function failureOf(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => new Error('expected a rejection'),
    (err: unknown) => err,
  );
}

describe('renameWithRetry', () => {
  it('renames a file once a scanner lets go of it (EPERM twice, then success), waiting longer each time', async () => {
    await writeFile(join(root, 'a.mp4.part'), 'x');
    const { fs, tries } = lockedFs(2, 'EPERM');
    await renameWithRetry(fs, join(root, 'a.mp4.part'), join(root, 'a.mp4'), undefined, {
      firstDelayMs: 20,
      totalMs: 1_000,
    });
    expect(await readdir(root)).toEqual(['a.mp4']);
    expect(tries).toHaveLength(3);
    const [t0 = 0, t1 = 0, t2 = 0] = tries;
    // Timers may fire a millisecond early; the second wait doubles the first.
    expect(t1 - t0).toBeGreaterThanOrEqual(19);
    expect(t2 - t1).toBeGreaterThanOrEqual(39);
  });

  it.each(['EBUSY', 'EACCES'])('renames a folder held with %s', async (code) => {
    await mkdir(join(root, 'export.partial'));
    const { fs, tries } = lockedFs(1, code);
    await renameWithRetry(fs, join(root, 'export.partial'), join(root, 'export'), undefined, {
      firstDelayMs: 1,
      totalMs: 100,
    });
    expect(tries).toHaveLength(2);
    expect(await readdir(root)).toEqual(['export']);
  });

  it('gives up with the last error once the time is spent', async () => {
    await writeFile(join(root, 'a.part'), 'x');
    const { fs, tries } = lockedFs(Number.POSITIVE_INFINITY, 'EPERM');
    const started = Date.now();
    const err = await failureOf(
      renameWithRetry(fs, join(root, 'a.part'), join(root, 'a'), undefined, {
        firstDelayMs: 5,
        totalMs: 60,
      }),
    );
    expect((err as NodeJS.ErrnoException).code).toBe('EPERM');
    // Waits of 5, 10, 20 and the remaining 25 ms: five tries in about 60 ms.
    expect(tries).toHaveLength(5);
    expect(Date.now() - started).toBeGreaterThanOrEqual(59);
    expect(await readdir(root)).toEqual(['a.part']);
  });

  it('does not retry an error a wait cannot cure', async () => {
    const { fs, tries } = lockedFs(Number.POSITIVE_INFINITY, 'ENOENT');
    const err = await failureOf(renameWithRetry(fs, join(root, 'gone'), join(root, 'b')));
    expect((err as NodeJS.ErrnoException).code).toBe('ENOENT');
    expect(tries).toHaveLength(1);
  });

  it('stops waiting when the export is cancelled', async () => {
    const { fs, tries } = lockedFs(Number.POSITIVE_INFINITY, 'EBUSY');
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 30);
    const started = Date.now();
    const err = await failureOf(
      renameWithRetry(fs, join(root, 'a'), join(root, 'b'), stop.signal, {
        firstDelayMs: 10,
        totalMs: 10_000,
      }),
    );
    expect(isCancel(err)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(tries.length).toBeGreaterThanOrEqual(2);
  });
});
