// Removable drives an export can go to: USB sticks, memory cards, USB disks.
// systeminformation lists block devices on Windows (WMI logical disks, drive
// letters) and Linux (lsblk); free space comes from statfs on the mount, which
// is exact and the same call the export's free-space check makes.
import type { Systeminformation } from 'systeminformation';
import type { ExportDrive } from '../../contract/export-schemas';
import { mountPathOf, readVolume, type DiskSpace } from '../storage/disk-space';

type BlockDevice = Pick<
  Systeminformation.BlockDevicesData,
  | 'name'
  | 'type'
  | 'fsType'
  | 'mount'
  | 'size'
  | 'physical'
  | 'label'
  | 'model'
  | 'removable'
  | 'protocol'
>;

const LINUX_REMOVABLE_ROOTS = ['/media/', '/run/media/', '/mnt/'];

/** Which mounted block devices count as removable destinations (pure; tested with both OSes' shapes). */
export function removableMounts(
  devices: readonly BlockDevice[],
  platform: NodeJS.Platform,
  systemDrive = 'C:',
): BlockDevice[] {
  const seen = new Set<string>();
  return devices.filter((d) => {
    const mount = d.mount.trim();
    if (!mount || seen.has(mount)) return false;
    let removable: boolean;
    if (platform === 'win32') {
      const letter = mount.slice(0, 2).toUpperCase();
      // A USB disk reports as a fixed drive (type 3) but with protocol/physical saying USB.
      removable =
        letter !== systemDrive.toUpperCase() &&
        (d.removable || /removable/i.test(d.physical) || /usb/i.test(d.protocol));
    } else {
      if (mount === '/' || mount.startsWith('/boot') || d.fsType === 'swap') return false;
      removable =
        d.removable ||
        /usb/i.test(d.protocol) ||
        LINUX_REMOVABLE_ROOTS.some((root) => mount.startsWith(root));
    }
    if (removable) seen.add(mount);
    return removable;
  });
}

export interface DriveListOptions {
  platform?: NodeJS.Platform;
  /** Injected in tests; default: systeminformation.blockDevices. */
  blockDevices?: () => Promise<BlockDevice[]>;
  /** Injected in tests; default: statfs of the mount (storage/disk-space). */
  freeSpace?: (path: string) => Promise<DiskSpace | null>;
}

/** Removable drives mounted now, with their free space; a drive that cannot be read is left out. */
export async function listRemovableDrives(opts: DriveListOptions = {}): Promise<ExportDrive[]> {
  const platform = opts.platform ?? process.platform;
  const list =
    opts.blockDevices ?? (async () => (await import('systeminformation')).default.blockDevices());
  const space = opts.freeSpace ?? ((path: string) => readVolume(path).catch(() => null));
  let devices: BlockDevice[];
  try {
    devices = await list();
  } catch {
    return [];
  }
  const drives: ExportDrive[] = [];
  for (const d of removableMounts(devices, platform, process.env.SystemDrive ?? 'C:')) {
    const mountPath = mountPathOf(d.mount.trim(), platform);
    const s = await space(mountPath);
    if (!s) continue;
    drives.push({
      mountPath,
      label: d.label.trim() || d.model.trim() || mountPath,
      sizeBytes: s.totalBytes || Number(d.size) || 0,
      freeBytes: s.freeBytes,
      fsType: d.fsType,
    });
  }
  return drives.sort((a, b) => a.mountPath.localeCompare(b.mountPath));
}
