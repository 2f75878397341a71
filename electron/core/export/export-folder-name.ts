// Names of what an export writes: its folder and one video file per camera.
// ASCII only, so the names survive FAT32/exFAT/NTFS, a Windows Explorer in any
// locale, a zip tool and `sha256sum -c`; station local time (UTC+7) as on the
// report. Vietnamese marks are removed (đ → d), anything else becomes `-`.
import { EXPORT_PARTIAL_SUFFIX } from '../../contract/export-schemas';
import { join } from 'node:path';
import { formatStationIsoDate, stationWallClock } from '../../contract/station-time';
import { ExportFailure, classifyWriteError } from './export-errors';
import { nodeFsOps, pathExists, type FsOps } from './fs-ops';

/** A finished folder name, `-NN` suffix included, stays within this. */
export const MAX_FOLDER_NAME = 64;
/** The base name leaves room for `-999`. */
const MAX_BASE_NAME = MAX_FOLDER_NAME - 4;
/** Suffix of a folder still being written; renamed away only once everything was verified. */
const MAX_FREE_NAME_TRIES = 999;
const MAX_CAMERA_SLUG = 40;

/**
 * Text as an ASCII name part: letters and digits kept (case too), every other
 * run of characters one `-`, none at either end, at most `max` characters.
 */
export function asciiNamePart(text: string, max: number): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .slice(0, max)
    .replace(/^-+|-+$/g, '');
}

export interface FolderNameInput {
  /** The incident's code (e.g. `2026-0012`); null for a range exported from playback. */
  incidentCode: string | null;
  fromMs: number;
  /** Ends the name of a range export (`…_2015-2030`). */
  toMs?: number;
  caseNumber?: string;
}

/**
 * `VV-2026-0012_2026-11-27_2015` for an incident (vụ việc), `Trich-xuat_2026-11-27_2015-2030`
 * for a range, then `_<case number>` when one is given, within MAX_BASE_NAME characters.
 */
export function exportFolderName(i: FolderNameInput): string {
  const code = i.incidentCode === null ? '' : asciiNamePart(i.incidentCode, 24);
  const head = code ? (/^[A-Za-z]/.test(code) ? code : `VV-${code}`) : 'Trich-xuat';
  const until = !code && i.toMs !== undefined ? `-${stationClock(i.toMs).slice(0, 4)}` : '';
  const base = `${head}_${formatStationIsoDate(i.fromMs)}_${stationClock(i.fromMs).slice(0, 4)}${until}`;
  const room = MAX_BASE_NAME - base.length - 1;
  const caseNumber = room > 0 ? asciiNamePart(i.caseNumber ?? '', room) : '';
  return caseNumber ? `${base}_${caseNumber}` : base;
}

/**
 * `name`, else `name-2`, `name-3`… : the first that exists neither finished nor as
 * `<name>.partial` (an export under way or one a pulled stick left behind).
 */
export async function freeFolderName(
  destDir: string,
  name: string,
  fs: FsOps = nodeFsOps,
): Promise<string> {
  try {
    for (let n = 1; n <= MAX_FREE_NAME_TRIES; n++) {
      const candidate = n === 1 ? name : `${name}-${n}`;
      const taken =
        (await pathExists(fs, join(destDir, candidate))) ||
        (await pathExists(fs, join(destDir, candidate + EXPORT_PARTIAL_SUFFIX)));
      if (!taken) return candidate;
    }
  } catch (err) {
    throw new ExportFailure(classifyWriteError(err), String(err));
  }
  throw new ExportFailure('internal', `no free folder name for ${name} in ${destDir}`);
}

/**
 * `CAM01_Cong-truong-THCS_2026-11-27_201500.mp4`: `index` is the camera's
 * 0-based position in the export; the time is when the file starts.
 */
export function cameraFileName(index: number, cameraName: string, fromMs: number): string {
  const slug = asciiNamePart(cameraName, MAX_CAMERA_SLUG);
  const number = `CAM${String(index + 1).padStart(2, '0')}`;
  const when = `${formatStationIsoDate(fromMs)}_${stationClock(fromMs)}`;
  return `${[number, slug, when].filter(Boolean).join('_')}.mp4`;
}

/** HHmmss at the station. */
function stationClock(ms: number): string {
  const w = stationWallClock(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(w.hour)}${pad(w.minute)}${pad(w.second)}`;
}
