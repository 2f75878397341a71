// The folders the storage panel offers when the footage folder is moved: the
// folders footage went to before, and a new folder on each other mounted disk,
// each with its free space. The browser build has no folder picker; a typed path
// stays the last resort.
import { isAbsolute, join } from 'node:path';
import type { StorageFolderChoice } from '../../contract/recording-schemas';
import { mountPathOf, readVolume, type DiskSpace } from './disk-space';
import { isInside } from './path-inside';

/** The folder proposed on another disk ("D:\TrucBanCamera"); created on the move. */
export const NEW_FOLDER_NAME = 'TrucBanCamera';

export interface MountedVolume {
  mount: string;
  type: string;
}

/** Kernel, memory and image file systems, and the system's own mounts: never footage. */
const SKIP_TYPES = /^(tmpfs|devtmpfs|ramfs|proc|sysfs|cgroup2?|squashfs|efivarfs|autofs|overlay)$/i;
const SKIP_MOUNTS = ['/boot', '/proc', '/sys', '/dev', '/snap', '/run'];
const REMOVABLE_UNDER_RUN = '/run/media';

function isSystemMount(v: MountedVolume): boolean {
  if (SKIP_TYPES.test(v.type) || !isAbsolute(v.mount)) return true;
  if (isInside(v.mount, REMOVABLE_UNDER_RUN)) return false;
  return SKIP_MOUNTS.some((m) => isInside(v.mount, m));
}

/** The volume a folder is on: the longest mount path holding it. */
function volumeOf(path: string, volumes: readonly MountedVolume[]): string | null {
  let best: string | null = null;
  for (const v of volumes)
    if (isInside(path, v.mount) && (best === null || v.mount.length > best.length)) best = v.mount;
  return best;
}

export interface FolderChoiceInput {
  /** The footage folder now. */
  active: string;
  /** Every footage folder the station has used, the active one included. */
  known: readonly string[];
  volumes: readonly MountedVolume[];
  /** Free and total space, null when the folder (or disk) is gone. */
  space: (path: string) => Promise<DiskSpace | null>;
}

export async function storageFolderChoices(o: FolderChoiceInput): Promise<StorageFolderChoice[]> {
  const out: StorageFolderChoice[] = [];
  for (const root of o.known) {
    if (root === o.active || out.some((c) => c.path === root)) continue;
    const s = await o.space(root);
    if (s)
      out.push({
        path: root,
        kind: 'previous',
        volume: volumeOf(root, o.volumes) ?? root,
        sizeBytes: s.totalBytes,
        freeBytes: s.freeBytes,
      });
  }
  // A disk that already holds a footage folder is offered through that folder.
  const used = new Set([o.active, ...o.known].map((p) => volumeOf(p, o.volumes)));
  for (const v of o.volumes) {
    if (isSystemMount(v) || used.has(v.mount)) continue;
    used.add(v.mount);
    const s = await o.space(v.mount);
    if (s)
      out.push({
        path: join(v.mount, NEW_FOLDER_NAME),
        kind: 'volume',
        volume: v.mount,
        sizeBytes: s.totalBytes,
        freeBytes: s.freeBytes,
      });
  }
  return out;
}

/** Mounted file systems now (systeminformation: statfs-backed on Linux, WMI on Windows). */
export async function mountedVolumes(): Promise<MountedVolume[]> {
  try {
    const si = (await import('systeminformation')).default;
    // Windows drives come as "E:": a root path, or every drive would look like a system mount.
    return (await si.fsSize()).map((f) => ({ mount: mountPathOf(f.mount), type: f.type }));
  } catch {
    return [];
  }
}

export async function spaceOf(path: string): Promise<DiskSpace | null> {
  return readVolume(path).catch(() => null);
}
