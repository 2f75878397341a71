// Where an export may go: the removable drives offered in the dialog, less any
// that holds the station's own folders (the data folder and every footage root).
import type { ExportDrive, RecentFolder } from '../../contract/export-schemas';
import { isInside } from '../storage/path-inside';
import type { FootageSource } from './export-sources';
import { recentFolders } from './recent-folders';
import { listRemovableDrives } from './removable-drives';

export interface ExportDestinationsDeps {
  dataDir: string;
  footage: Pick<FootageSource, 'storageRoots'>;
  /** Default: lsblk / WMI (removable-drives.ts). */
  drives?: () => Promise<ExportDrive[]>;
  now: () => number;
}

export class ExportDestinations {
  private drivesCache: { at: number; value: Promise<ExportDrive[]> } | null = null;

  constructor(private readonly deps: ExportDestinationsDeps) {}

  drives(): Promise<ExportDrive[]> {
    // The dialog asks every few seconds; one lsblk/WMI query per second is plenty.
    const at = this.deps.now();
    if (this.drivesCache && at - this.drivesCache.at < 1000) return this.drivesCache.value;
    const value = (async () => {
      const drives = await (this.deps.drives ?? (() => listRemovableDrives()))();
      // A USB disk that holds the recordings is not an export destination.
      const station = await this.stationFolders();
      return drives.filter((d) => !station.some((f) => isInside(f, d.mountPath)));
    })().catch(() => []);
    this.drivesCache = { at, value };
    return value;
  }

  /**
   * Earlier destinations (newest first) offered again: not a drive's root (the drive
   * list has it) and never inside the station's own folders.
   */
  async recentFolders(destinations: readonly string[]): Promise<RecentFolder[]> {
    const [drives, station] = await Promise.all([this.drives(), this.stationFolders()]);
    return recentFolders(destinations, {
      skip: (path) =>
        drives.some((d) => d.mountPath === path) || station.some((f) => isInside(path, f)),
    });
  }

  /** Folders an export must not go into: the data folder and every footage root. */
  async stationFolders(): Promise<string[]> {
    const roots = await this.deps.footage.storageRoots();
    return [this.deps.dataDir, ...roots.map((r) => r.path)];
  }
}
