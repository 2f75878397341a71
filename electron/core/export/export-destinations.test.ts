// The export dialog's recent folders never repeat a listed drive's root (the drive
// row has it) nor offer a folder inside the station's own data or footage folders.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ExportDestinations } from './export-destinations';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'export-destinations-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const folder = (...parts: string[]) => {
  const path = join(root, ...parts);
  mkdirSync(path, { recursive: true });
  return path;
};

it('offers earlier destinations except drive roots and the station folders', async () => {
  const stick = folder('media', 'USB64');
  const dataDir = folder('data');
  const footage = folder('footage');
  const investigators = folder('ho-so', 'CSHS');
  const destinations = new ExportDestinations({
    dataDir,
    footage: { storageRoots: async () => [{ path: footage }] },
    drives: async () => [
      { mountPath: stick, label: 'USB64', sizeBytes: 64e9, freeBytes: 60e9, fsType: 'exfat' },
    ],
    now: () => 0,
  });

  const offered = await destinations.recentFolders([
    stick,
    folder('data', 'exports'),
    folder('footage', 'cam1'),
    investigators,
    folder('media', 'USB64', 'vu-viec'),
  ]);

  expect(offered.map((f) => f.path)).toEqual([investigators, join(stick, 'vu-viec')]);
  expect(offered.every((f) => f.sizeBytes > 0 && f.freeBytes > 0)).toBe(true);
});
