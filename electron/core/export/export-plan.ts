// Plans an export before anything is written: the footage of each camera over the
// range (filed segments and the one being recorded), the incident's facts and
// snapshots, the bytes needed against the free space, and what would block it, in
// the words the dialog maps. Reads other domains through their services only.
import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { ApiError } from '../../contract/errors';
import type {
  ExportPlan,
  ExportPlanCamera,
  ParsedExportSelection,
} from '../../contract/export-schemas';
import { CATEGORY_VI, labelOf, REMOVED_CAMERA_VI } from '../reports/report-labels-vi';
import { readVolume, type Volume } from '../storage/disk-space';
import { isInside, isInsideReal } from '../storage/path-inside';
import { planClip, type ClipPlan, type SourceSegment } from './clip-plan';
import type { ExportDestinations } from './export-destinations';
import { exportFolderName } from './export-folder-name';
import type { ExportJobSpec } from './export-job';
import type { ExportManifest } from './export-manifest';
import type { ExportSources, IncidentFacts } from './export-sources';

/** Room for reports, manifest, player page and file-system overhead, on top of the footage. */
const OVERHEAD_BYTES = 8 * 1024 * 1024;
/** The MP4 is the recorded bytes re-wrapped: a little larger (one moov instead of many moofs). */
const REMUX_GROWTH = 1.02;
/** FAT32 (most USB sticks as sold) cannot hold a file of 4 GiB or more. */
const FAT32_MAX_FILE = 4 * 1024 ** 3 - 1;
const FAT_TYPES = new Set(['vfat', 'fat32', 'fat', 'msdos']);

export interface CameraFacts {
  id: string;
  name: string;
  location: string;
}

/** A plan with everything the job needs to run it. */
export interface PreparedExport {
  plan: ExportPlan;
  snapshots: ExportJobSpec['snapshots'];
  cameras: { facts: CameraFacts; clip: ClipPlan }[];
  incident: ExportManifest['incident'];
  destination: string;
}

export interface ExportPlannerDeps {
  sources: Pick<ExportSources, 'footage' | 'cameras' | 'incidents'>;
  destinations: ExportDestinations;
  /** The station's data folder: staging for the clips is made there. */
  dataDir: string;
  /** Free space and FAT-ness of a folder; default statfs (storage/disk-space). */
  space?: (path: string) => Promise<Volume | null>;
  /**
   * The one folder inside the data folder an export may go to: packages a commander
   * released to the district centre. Not a footage root, not staging, never offered in
   * the dialog (recent folders skip the data folder).
   */
  releaseDir?: string;
}

export class ExportPlanner {
  constructor(private readonly deps: ExportPlannerDeps) {}

  async prepare(sel: ParsedExportSelection): Promise<PreparedExport> {
    const evidence = sel.incidentId ? await this.evidence(sel.incidentId) : null;
    const incident = evidence && {
      id: evidence.id,
      code: evidence.code,
      category: labelOf(CATEGORY_VI, evidence.category),
      location: evidence.location,
      description: evidence.description,
    };
    const cameraFacts = await this.cameraFacts(sel.cameraIds, evidence);
    const cameras: PreparedExport['cameras'] = [];
    for (const facts of cameraFacts) {
      const segments = await this.segmentsOf(facts.id, sel.fromMs, sel.toMs);
      cameras.push({ facts, clip: planClip(segments, sel.fromMs, sel.toMs) });
    }
    const planCameras: ExportPlanCamera[] = cameras.map(({ facts, clip }) => ({
      cameraId: facts.id,
      name: facts.name,
      location: facts.location,
      sourceBytes: clip.sourceBytes,
      recordedMs: clip.recordedMs,
      missing: clip.missing,
    }));
    const snapshots = snapshotsOf(evidence, sel.cameraIds);
    const footageBytes = cameras.reduce((n, c) => n + c.clip.sourceBytes, 0);
    const snapshotBytes = snapshots.reduce((n, x) => n + x.bytes, 0);
    const neededBytes = Math.ceil(footageBytes * REMUX_GROWTH) + snapshotBytes + OVERHEAD_BYTES;
    const hasFootage = cameras.some((c) => c.clip.segments.length > 0);

    const destination = resolve(sel.destination);
    const released =
      this.deps.releaseDir !== undefined && isInside(destination, resolve(this.deps.releaseDir));
    // A release folder lies in the data folder; footage roots stay forbidden even there.
    const stationFolders = (await this.deps.destinations.stationFolders()).filter(
      (f) => !released || f !== this.deps.dataDir,
    );
    let blocker: string | null = null;
    let freeBytes: number | null = null;
    if (!isAbsolute(sel.destination)) blocker = 'destination_not_absolute';
    else if (await insideAny(destination, stationFolders))
      // Footage into the footage folder would be swept by retention, and staging is wiped at start.
      blocker = 'destination_is_station_storage';
    else {
      const isDir = await stat(destination).then(
        (s) => s.isDirectory(),
        () => false,
      );
      if (!isDir) blocker = 'destination_missing';
      else {
        const space = await (this.deps.space ?? readVolumeOrNull)(destination);
        freeBytes = space?.freeBytes ?? null;
        // Windows has no statfs type: the drive list's file system says FAT32 there.
        const drive = (await this.deps.destinations.drives()).find((d) =>
          isInside(destination, d.mountPath),
        );
        const fat = space?.fat || FAT_TYPES.has((drive?.fsType ?? '').toLowerCase());
        if (freeBytes !== null && freeBytes < neededBytes) blocker = 'destination_full';
        else if (fat && cameras.some((c) => c.clip.sourceBytes * REMUX_GROWTH > FAT32_MAX_FILE))
          blocker = 'file_too_large_for_fat32';
      }
    }
    if (!blocker && hasFootage) {
      // Staging holds at most two clips at once (one copied, the next remuxed ahead).
      const largest = cameras.map((c) => c.clip.sourceBytes).sort((x, y) => y - x);
      const stagingNeed = Math.ceil(((largest[0] ?? 0) + (largest[1] ?? 0)) * REMUX_GROWTH);
      const local = await (this.deps.space ?? readVolumeOrNull)(this.deps.dataDir);
      if (local && local.freeBytes < stagingNeed + OVERHEAD_BYTES) blocker = 'station_disk_full';
    }
    // One MP4 track holds one codec: a camera switched between H.264 and H.265 inside the
    // range would give a file that breaks at the switch. (Resolution changes are not indexed.)
    if (!blocker && cameras.some((c) => codecFamilies(c.clip.segments).size > 1))
      blocker = 'codec_changed';
    if (!hasFootage) blocker = 'no_footage';

    const folderName = exportFolderName({
      incidentCode: incident?.code ?? null,
      fromMs: sel.fromMs,
      toMs: sel.toMs,
      caseNumber: sel.caseNumber,
    });
    return {
      plan: { cameras: planCameras, folderName, neededBytes, freeBytes, hasFootage, blocker },
      cameras,
      incident,
      destination,
      snapshots,
    };
  }

  private async evidence(incidentId: string): Promise<IncidentFacts> {
    const evidence = await this.deps.sources.incidents.evidence(incidentId);
    if (!evidence) throw new ApiError('not_found', 'incident_not_found');
    return evidence;
  }

  /** The camera's filed segments over the range, and the one being recorded if it overlaps. */
  private async segmentsOf(
    cameraId: string,
    fromMs: number,
    toMs: number,
  ): Promise<SourceSegment[]> {
    const { footage } = this.deps.sources;
    const segments: SourceSegment[] = await footage.segmentFiles(cameraId, fromMs, toMs);
    const open = await footage.openSegment(cameraId);
    if (open && open.startMs < toMs && open.endMs > fromMs) {
      const { id, startMs, endMs, bytes, codec, file } = open;
      segments.push({ id, startMs, endMs, bytes, codec, path: file, openBytes: bytes });
    }
    return segments;
  }

  /**
   * Names and locations now; a camera removed since keeps the name it last had,
   * or (removed before names were kept) the one its incident recorded.
   */
  private async cameraFacts(
    ids: readonly string[],
    incident: IncidentFacts | null,
  ): Promise<CameraFacts[]> {
    const registered = await this.deps.sources.cameras.lastKnownNames(ids);
    return ids.map((id) => {
      const cam = registered.get(id);
      if (cam) return { id, name: cam.name, location: cam.location };
      const kept = incident?.cameras.find((c) => c.id === id);
      return { id, name: kept?.name ?? REMOVED_CAMERA_VI, location: '' };
    });
  }
}

/** The incident's snapshots of the exported cameras (and those not tied to a camera). */
function snapshotsOf(
  incident: IncidentFacts | null,
  cameraIds: readonly string[],
): (ExportJobSpec['snapshots'][number] & { bytes: number })[] {
  if (!incident) return [];
  return incident.snapshots
    .filter((s) => s.cameraId === null || cameraIds.includes(s.cameraId))
    .map((s, i) => ({
      name: `anh/anh-${String(i + 1).padStart(2, '0')}${s.mime === 'image/png' ? '.png' : '.jpg'}`,
      path: s.path,
      cameraId: s.cameraId,
      takenAtMs: s.takenAt,
      bytes: s.bytes,
    }));
}

/** Codec families (avc1, hvc1/hev1 → h265) of a clip's segments; unknown codecs are left out. */
function codecFamilies(segments: readonly SourceSegment[]): Set<string> {
  const families = new Set<string>();
  for (const s of segments) {
    const fourcc = (s.codec ?? '').slice(0, 4);
    if (fourcc === 'avc1' || fourcc === 'avc3') families.add('h264');
    else if (fourcc === 'hvc1' || fourcc === 'hev1') families.add('h265');
  }
  return families;
}

function readVolumeOrNull(path: string): Promise<Volume | null> {
  return readVolume(path).catch(() => null);
}

/** Whether `path` is one of `folders` or inside one, symlinks and bind paths resolved. */
async function insideAny(path: string, folders: readonly string[]): Promise<boolean> {
  for (const f of folders) if (await isInsideReal(path, f)) return true;
  return false;
}
