// The storage panel's folder choices, over the mount tables of a duty-room PC: the
// folders used before, and a new folder on each other real disk, with free space.
import { join, win32 } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mountPathOf } from './disk-space';
import { NEW_FOLDER_NAME, storageFolderChoices, type MountedVolume } from './folder-choices';

const GB = 1024 ** 3;
const LINUX: MountedVolume[] = [
  { mount: '/', type: 'ext4' },
  { mount: '/boot/efi', type: 'vfat' },
  { mount: '/run', type: 'tmpfs' },
  { mount: '/dev/shm', type: 'tmpfs' },
  { mount: '/snap/core22/1380', type: 'squashfs' },
  { mount: '/data', type: 'ext4' },
  { mount: '/run/media/canbo/USB64', type: 'exfat' },
];
const space = (free: number) => async (path: string) =>
  path.includes('da-xoa') ? null : { totalBytes: 500 * GB, freeBytes: free * GB };

it('offers the older footage folders and a new folder on every other real disk', async () => {
  const choices = await storageFolderChoices({
    active: '/var/lib/truc-ban/footage',
    known: ['/var/lib/truc-ban/footage', '/data/footage-cu', '/data/da-xoa'],
    volumes: LINUX,
    space: space(120),
  });
  expect(choices).toEqual([
    {
      path: '/data/footage-cu',
      kind: 'previous',
      volume: '/data',
      sizeBytes: 500 * GB,
      freeBytes: 120 * GB,
    },
    {
      path: join('/run/media/canbo/USB64', NEW_FOLDER_NAME),
      kind: 'volume',
      volume: '/run/media/canbo/USB64',
      sizeBytes: 500 * GB,
      freeBytes: 120 * GB,
    },
  ]);
});

it('offers a new folder on a disk that holds no footage folder yet', async () => {
  const choices = await storageFolderChoices({
    active: '/var/lib/truc-ban/footage',
    known: ['/var/lib/truc-ban/footage'],
    volumes: LINUX,
    space: space(80),
  });
  expect(choices.map((c) => c.path)).toEqual([
    join('/data', NEW_FOLDER_NAME),
    join('/run/media/canbo/USB64', NEW_FOLDER_NAME),
  ]);
  expect(choices.every((c) => c.kind === 'volume' && c.freeBytes === 80 * GB)).toBe(true);
});

describe('Windows drives', () => {
  it('are roots, not the system mounts a bare "E:" would look like', () => {
    expect(mountPathOf('E:', 'win32')).toBe('E:\\');
    expect(win32.isAbsolute(mountPathOf('E:', 'win32'))).toBe(true);
    expect(mountPathOf('/media/usb', 'linux')).toBe('/media/usb');
    expect(mountPathOf('E:', 'linux')).toBe('E:');
  });
});
