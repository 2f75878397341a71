// Which destination the dialog proposes as drives come and go: the first stick
// when none is chosen, another (or none) when the chosen stick is pulled out.
// A folder the officer chose or typed is never replaced.
import type { ExportDrive } from '../../electron/contract/export-schemas';

export interface Destination {
  path: string;
  /** Picked from the drive list (follows the stick), else chosen or typed. */
  fromDrive: boolean;
}

export const NO_DESTINATION: Destination = { path: '', fromDrive: false };

export function nextDestination(current: Destination, drives: readonly ExportDrive[]): Destination {
  if (current.path !== '' && !current.fromDrive) return current;
  if (current.fromDrive && drives.some((d) => d.mountPath === current.path)) return current;
  const first = drives[0];
  return first ? { path: first.mountPath, fromDrive: true } : NO_DESTINATION;
}

/** The drive a destination is on, if it is one of the listed drives' mount paths. */
export function driveAt(path: string, drives: readonly ExportDrive[]): ExportDrive | null {
  return drives.find((d) => d.mountPath === path) ?? null;
}
