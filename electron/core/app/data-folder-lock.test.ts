import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataFolderLock, DataFolderInUseError, LOCK_FILE } from './data-folder-lock';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('data folder lock', () => {
  it('refuses a second holder while the first lives, and frees the folder on release', async () => {
    dir = mkdtempSync(join(tmpdir(), 'station-lock-'));
    const first = await acquireDataFolderLock(dir);
    await expect(acquireDataFolderLock(dir)).rejects.toBeInstanceOf(DataFolderInUseError);
    await first.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    const second = await acquireDataFolderLock(dir);
    await second.release();
  });

  it('takes over the lock of a holder killed with -9, and of a reused pid', async () => {
    dir = mkdtempSync(join(tmpdir(), 'station-lock-'));
    const lockModule = fileURLToPath(new URL('./data-folder-lock.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `require(${JSON.stringify(lockModule)}).acquireDataFolderLock(${JSON.stringify(dir)})` +
          `.then(() => { process.stdout.write('held'); setInterval(() => {}, 1000); })`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    const err = await acquireDataFolderLock(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataFolderInUseError);
    expect((err as DataFolderInUseError).message).toMatch(/đang được một dịch vụ trạm khác dùng/);
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await gone;
    const lock = await acquireDataFolderLock(dir);
    await lock.release();
    // A live pid that is not the holder (its start time differs): the lock is stale.
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: process.pid, startTicks: 'not-this-process', since: 1 }),
    );
    if (process.platform === 'linux') await (await acquireDataFolderLock(dir)).release();
  });
});
