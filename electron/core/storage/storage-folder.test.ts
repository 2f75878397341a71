import { execFileSync } from 'node:child_process';
import {
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareStorageFolder, StorageFolderError } from './storage-folder';

async function codeOf(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StorageFolderError);
  return (err as StorageFolderError).code;
}

describe('prepareStorageFolder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'storage-folder-'));
  const active = join(dir, 'recordings');
  mkdirSync(active);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(process.platform === 'win32')(
    'refuses kernel file systems at once, also behind a symlink (Node 20 spun forever on /proc)',
    async () => {
      symlinkSync('/proc', join(dir, 'to-proc'));
      const started = Date.now();
      for (const path of ['/proc/x', '/sys/a/b', '/dev/shm/x', join(dir, 'to-proc', 'x')]) {
        expect(await codeOf(prepareStorageFolder(path, active, [active])), path).toBe(
          'system_folder',
        );
      }
      expect(Date.now() - started).toBeLessThan(2000);
    },
  );

  it('creates one level only: a missing parent is named, nothing is created', async () => {
    const deep = join(dir, 'typo', 'GhiHinh');
    expect(await codeOf(prepareStorageFolder(deep, active, [active]))).toBe('parent_missing');
    expect(existsSync(join(dir, 'typo'))).toBe(false);
    const one = join(dir, 'GhiHinh2');
    expect(await prepareStorageFolder(one, active, [active])).toBe(one);
    expect(existsSync(one)).toBe(true);
  });

  it.skipIf(process.platform === 'win32')(
    'gives up after its time limit on a folder that hangs, instead of holding later changes',
    async () => {
      // A FIFO where the probe file goes: opening it for writing blocks like a hung share.
      const slow = join(dir, 'slow');
      mkdirSync(slow);
      const fifo = join(slow, `.write-probe-${process.pid}`);
      execFileSync('mkfifo', [fifo]);
      const started = Date.now();
      expect(await codeOf(prepareStorageFolder(slow, active, [active], 300))).toBe('timeout');
      expect(Date.now() - started).toBeLessThan(3000);
      // Release the blocked open so the worker thread is not held for good.
      closeSync(openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK));
    },
  );
});
