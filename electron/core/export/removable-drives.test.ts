import { describe, expect, it } from 'vitest';
import { listRemovableDrives, removableMounts } from './removable-drives';

const base = {
  type: 'part',
  fsType: 'vfat',
  size: 16e9,
  physical: 'HDD',
  label: '',
  model: '',
  removable: false,
  protocol: '',
};

describe('removable drives', () => {
  it('Linux: USB sticks under /media and /run/media, never the system disk', () => {
    const devices = [
      { ...base, name: 'vda1', mount: '/', fsType: 'ext4' },
      { ...base, name: 'vda2', mount: '/boot/efi' },
      {
        ...base,
        name: 'sda1',
        mount: '/media/truc-ban/KINGSTON',
        label: 'KINGSTON',
        removable: true,
      },
      { ...base, name: 'sdb1', mount: '/run/media/cb/SANDISK', fsType: 'exfat' },
      { ...base, name: 'sdc1', mount: '/srv/nvr', protocol: 'usb', fsType: 'ext4' },
      { ...base, name: 'sdd1', mount: '', removable: true },
    ];
    expect(removableMounts(devices, 'linux').map((d) => d.mount)).toEqual([
      '/media/truc-ban/KINGSTON',
      '/run/media/cb/SANDISK',
      '/srv/nvr',
    ]);
  });

  it('Windows: drive letters of removable and USB drives, not the system drive', () => {
    const devices = [
      { ...base, name: 'C:', mount: 'C:', physical: 'Local Disk', fsType: 'ntfs' },
      { ...base, name: 'D:', mount: 'D:', physical: 'Local Disk', fsType: 'ntfs' },
      { ...base, name: 'E:', mount: 'E:', physical: 'Removable', removable: true },
      {
        ...base,
        name: 'F:',
        mount: 'F:',
        physical: 'Local Disk',
        protocol: 'USB',
        fsType: 'exfat',
      },
    ];
    expect(removableMounts(devices, 'win32', 'C:').map((d) => d.mount)).toEqual(['E:', 'F:']);
  });

  it('lists label, size and free space from the mount; an unreadable mount is left out', async () => {
    const drives = await listRemovableDrives({
      platform: 'win32',
      blockDevices: async () => [
        { ...base, name: 'E:', mount: 'E:', label: 'CA_PHUONG', removable: true },
        { ...base, name: 'G:', mount: 'G:', removable: true },
      ],
      freeSpace: async (p) => (p === 'E:\\' ? { totalBytes: 32e9, freeBytes: 20e9 } : null),
    });
    expect(drives).toEqual([
      { mountPath: 'E:\\', label: 'CA_PHUONG', sizeBytes: 32e9, freeBytes: 20e9, fsType: 'vfat' },
    ]);
  });

  it('reads the real block devices of this machine and never offers its system disk', async () => {
    // The shape systeminformation really returns (lsblk here), not one written for the test.
    const real = await (await import('systeminformation')).default.blockDevices();
    expect(real.length).toBeGreaterThan(0);
    for (const d of real) {
      expect(typeof d.mount, d.name).toBe('string');
      expect(typeof d.removable, d.name).toBe('boolean');
    }
    expect(removableMounts(real, 'linux').some((d) => d.mount === '/')).toBe(false);
    const drives = await listRemovableDrives();
    expect(drives.map((d) => d.mountPath)).not.toContain('/');
  });
});
