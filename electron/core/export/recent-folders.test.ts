// The export dialog's recent folders: distinct, newest first, only folders that still
// exist (real directories on this machine), each with the free space statfs reports.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { RECENT_FOLDERS_MAX, recentFolders } from './recent-folders';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'recent-folders-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const folder = (name: string) => {
  const path = join(root, name);
  mkdirSync(path, { recursive: true });
  return path;
};

it('offers each existing folder once, newest first, with its free space', async () => {
  const a = folder('usb-a');
  const b = folder('bao-cao');
  const gone = join(root, 'da-rut-usb');
  const file = join(root, 'not-a-folder.txt');
  writeFileSync(file, 'x');

  const list = await recentFolders([b, gone, a, b, file, a], { skip: () => false });

  expect(list.map((f) => f.path)).toEqual([b, a]);
  const s = await statfs(root);
  for (const f of list) {
    expect(f.sizeBytes).toBe(s.blocks * s.bsize);
    // Free space moves with whatever else writes to the disk: within 1 GiB of now.
    expect(Math.abs(f.freeBytes - s.bavail * s.bsize)).toBeLessThan(2 ** 30);
    expect(f.freeBytes).toBeGreaterThan(0);
  }
});

it('leaves out what the caller skips and stops at the limit', async () => {
  const paths = Array.from({ length: RECENT_FOLDERS_MAX + 3 }, (_, i) => folder(`f${i}`));
  const skipped = paths[1]!;
  const list = await recentFolders(paths, { skip: (p) => p === skipped });
  expect(list).toHaveLength(RECENT_FOLDERS_MAX);
  expect(list.map((f) => f.path)).not.toContain(skipped);
  expect(list[0]!.path).toBe(paths[0]);
});
