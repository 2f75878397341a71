// Footage exports for investigators (issue 6): plans them (footage, size, free
// space), runs one at a time in the background, keeps a row per attempt, and
// puts every outcome (complete, failed, cancelled) in the audit trail.
// The folder itself is written by runExportJob (export-job.ts); this service
// knows the database, the officer and the station, not the file format.
import { randomUUID } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { EventName, EventOf } from '../../contract/channels';
import { ApiError } from '../../contract/errors';
import { EXPORT_PARTIAL_SUFFIX } from '../../contract/export-schemas';
import type {
  ChosenFolder,
  ExportDrive,
  ExportErrorCode,
  ExportFile,
  ExportListRequest,
  ExportPlan,
  ExportPlanCamera,
  ExportProgress,
  ExportRecord,
  ExportStatus,
  ParsedExportSelection,
} from '../../contract/export-schemas';
import type { Principal } from '../app/dispatch';
import type { AuditLog } from '../audit/audit-log';
import type { Database, Queryable } from '../db/database';
import type { Logger } from '../logging/logger';
import { OVERLAPS, overlapParams, PLAYABLE } from '../recording/footage-rows';
import { readVolume, type Volume } from '../storage/disk-space';
import { isInside, isInsideReal } from '../storage/path-inside';
import { absPath } from '../storage/storage-layout';
import { planClip, type ClipPlan, type SourceSegment } from './clip-plan';
import { stageOpenSegments } from './open-segment-stage';
import { classifyWriteError, isCancel } from './export-errors';
import { exportFolderName, freeFolderName } from './export-folder-name';
import type { ExportJobResult, ExportJobSpec, ExportRenderers } from './export-job';
import { runExportJob } from './export-job';
import { manifestTime, utcOffsetText, type ExportManifest } from './export-manifest';
import { verifyExportFolder } from './recover-folder';
import { listRemovableDrives } from './removable-drives';
import { CATEGORY_VI, labelOf } from '../reports/report-labels-vi';

/** Room for reports, manifest, player page and file-system overhead, on top of the footage. */
const OVERHEAD_BYTES = 8 * 1024 * 1024;
/** The MP4 is the recorded bytes re-wrapped: a little larger (one moov instead of many moofs). */
const REMUX_GROWTH = 1.02;
/** FAT32 (most USB sticks as sold) cannot hold a file of 4 GiB or more. */
const FAT32_MAX_FILE = 4 * 1024 ** 3 - 1;
const FAT_TYPES = new Set(['vfat', 'fat32', 'fat', 'msdos']);

export const APP_NAME_VI = 'Phần mềm giám sát camera an ninh';

type Emit = <E extends EventName>(event: E, payload: EventOf<E>) => void;

export interface ExportServiceDeps {
  db: Database;
  audit: Pick<AuditLog, 'append' | 'lastRow'>;
  emit: Emit;
  logger: Logger;
  dataDir: string;
  appVersion: string;
  ffmpegPath: () => Promise<string | null>;
  stationName: () => Promise<string>;
  renderers: ExportRenderers;
  /** Native folder picker from the Electron shell; absent in the browser build. */
  chooseFolder?: () => Promise<string | null>;
  drives?: () => Promise<ExportDrive[]>;
  /** Free space and FAT-ness of a folder; default statfs (storage/disk-space). */
  space?: (path: string) => Promise<Volume | null>;
  runJob?: typeof runExportJob;
  now?: () => number;
  /** The camera's segment being recorded (RecordingService.openSegment): exported up to its last whole fragment. */
  openSegment?: (cameraId: string) => Promise<OpenSegmentRef | null>;
}

/** What export needs of a segment still being recorded. */
export interface OpenSegmentRef {
  id: number;
  startMs: number;
  endMs: number;
  /** Bytes of its complete fragments. */
  bytes: number;
  codec: string | null;
  /** Absolute path of the file being written. */
  file: string;
}

interface ExportRow {
  id: string;
  status: ExportStatus;
  incident_id: string | null;
  incident_code: string | null;
  case_number: string;
  cameras_json: string;
  from_ms: number;
  to_ms: number;
  destination: string;
  folder_name: string;
  officer_id: string;
  officer_name: string;
  officer_rank: string;
  officer_role: 'duty' | 'commander';
  started_at: number;
  finished_at: number | null;
  bytes: number;
  files_json: string;
  manifest_sha256: string | null;
  error_code: ExportErrorCode | null;
}

const SELECT_EXPORT = `
  SELECT e.*, i.code AS incident_code, o.full_name AS officer_name, o.rank AS officer_rank,
         o.role AS officer_role
  FROM exports e
  JOIN officers o ON o.id = e.officer_id
  LEFT JOIN incidents i ON i.id = e.incident_id`;

function toRecord(r: ExportRow): ExportRecord {
  return {
    id: r.id,
    status: r.status,
    incidentId: r.incident_id,
    incidentCode: r.incident_code,
    caseNumber: r.case_number,
    cameras: JSON.parse(r.cameras_json) as ExportRecord['cameras'],
    fromMs: r.from_ms,
    toMs: r.to_ms,
    destination: r.destination,
    folderName: r.folder_name,
    officer: {
      id: r.officer_id,
      fullName: r.officer_name,
      rank: r.officer_rank,
      role: r.officer_role,
    },
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    bytes: r.bytes,
    files: JSON.parse(r.files_json) as ExportFile[],
    manifestSha256: r.manifest_sha256,
    errorCode: r.error_code,
  };
}

interface CameraFacts {
  id: string;
  name: string;
  location: string;
}

interface Prepared {
  plan: ExportPlan;
  snapshots: ExportJobSpec['snapshots'];
  cameras: { facts: CameraFacts; clip: ClipPlan }[];
  incident: ExportManifest['incident'];
  destination: string;
}

interface Running {
  id: string;
  abort: AbortController;
  done: Promise<void>;
  /** Who pressed cancel; null when the app is shutting down. */
  cancelledBy: Principal | null;
}

type Outcome =
  | { status: 'complete'; result: ExportJobResult; actor: Principal }
  | { status: 'failed'; errorCode: ExportErrorCode; actor: Principal }
  | { status: 'cancelled'; actor: Principal; reason?: string };

export class ExportService {
  private readonly now: () => number;
  private running: Running | null = null;
  /** A begin() is between its checks and its row: the slot is taken. */
  private starting = false;
  private disposed = false;
  private drivesCache: { at: number; value: Promise<ExportDrive[]> } | null = null;

  constructor(private readonly deps: ExportServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /**
   * An export that was running when the app stopped (crash, power cut) is failed:
   * its row says so, the audit trail says so, and its `.partial` folder goes. One that
   * had already been renamed to its final name is recorded complete if every file still
   * matches SHA256SUMS.txt, and removed otherwise.
   */
  async start(): Promise<void> {
    const rows = await this.deps.db.all<ExportRow>(`${SELECT_EXPORT} WHERE e.status = 'running'`);
    for (const row of rows) {
      await rm(join(row.destination, row.folder_name + EXPORT_PARTIAL_SUFFIX), {
        recursive: true,
        force: true,
      }).catch(() => undefined);
      // Renamed but not recorded (a crash in between): the folder proves itself or goes.
      const final = join(row.destination, row.folder_name);
      const result = await verifyExportFolder(final);
      if (result) {
        await this.finish(row.id, 'complete', { result, reason: 'recorded_after_restart' });
        continue;
      }
      await rm(final, { recursive: true, force: true }).catch(() => undefined);
      await this.finish(row.id, 'failed', { errorCode: 'internal', reason: 'interrupted' });
    }
    await rm(this.stagingRoot(), { recursive: true, force: true }).catch(() => undefined);
  }

  /** Cancels a running export (audited with reason "shutdown") and waits for its files to be removed. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const r = this.running;
    if (!r) return;
    r.abort.abort();
    await r.done;
  }

  drives(): Promise<ExportDrive[]> {
    // The dialog asks every few seconds; one lsblk/WMI query per second is plenty.
    const at = this.now();
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

  async chooseFolder(): Promise<ChosenFolder> {
    if (!this.deps.chooseFolder) return { path: null, supported: false };
    return { path: await this.deps.chooseFolder(), supported: true };
  }

  async plan(sel: ParsedExportSelection): Promise<ExportPlan> {
    return (await this.prepare(sel)).plan;
  }

  async list(req: ExportListRequest): Promise<ExportRecord[]> {
    const limit = req.limit ?? 100;
    const rows = req.incidentId
      ? await this.deps.db.all<ExportRow>(
          `${SELECT_EXPORT} WHERE e.incident_id = ? ORDER BY e.started_at DESC LIMIT ?`,
          [req.incidentId, limit],
        )
      : await this.deps.db.all<ExportRow>(`${SELECT_EXPORT} ORDER BY e.started_at DESC LIMIT ?`, [
          limit,
        ]);
    return rows.map(toRecord);
  }

  async get(id: string): Promise<ExportRecord> {
    const row = await this.deps.db.get<ExportRow>(`${SELECT_EXPORT} WHERE e.id = ?`, [id]);
    if (!row) throw new ApiError('not_found', 'export_not_found');
    return toRecord(row);
  }

  /**
   * Starts the export in the background; resolves with its (running) record.
   * One export at a time: the slot is taken synchronously, before the first await,
   * so two windows pressing Start together cannot both pass; everything that can
   * fail is gathered before the row is written, so a row never waits without a job.
   */
  async begin(sel: ParsedExportSelection, actor: Principal): Promise<ExportRecord> {
    if (this.disposed) throw new ApiError('conflict', 'shutting_down');
    if (this.running || this.starting) throw new ApiError('conflict', 'export_running');
    this.starting = true;
    const startedId = randomUUID();
    try {
      const id = startedId;
      const prepared = await this.preparedWithOpenStaged(sel, id);
      if (prepared.plan.blocker) throw new ApiError('conflict', prepared.plan.blocker);
      const ffmpegPath = await this.deps.ffmpegPath();
      if (!ffmpegPath) throw new ApiError('ffmpeg_missing', 'ffmpeg_missing');
      // The stick may have been pulled since the plan: say so in the plan's words.
      const folderName = await freeFolderName(prepared.destination, prepared.plan.folderName).catch(
        (err: unknown) => {
          throw new ApiError('conflict', classifyWriteError(err));
        },
      );
      const startedAt = this.now();
      const spec: ExportJobSpec = {
        exportId: id,
        destination: prepared.destination,
        folderName,
        fromMs: sel.fromMs,
        toMs: sel.toMs,
        cameras: prepared.cameras.map((c) => ({ ...c.facts, plan: c.clip })),
        snapshots: prepared.snapshots,
        facts: {
          exportId: id,
          app: { name: APP_NAME_VI, version: this.deps.appVersion },
          station: await this.deps.stationName(),
          utcOffset: utcOffsetText(),
          incident: prepared.incident,
          caseNumber: sel.caseNumber,
          range: { start: manifestTime(sel.fromMs), end: manifestTime(sel.toMs) },
          exportedAt: manifestTime(startedAt),
          officer: await this.officerFacts(actor),
          auditHead: await this.deps.audit.lastRow(),
        },
      };
      if (this.disposed) throw new ApiError('conflict', 'shutting_down');
      const cameras = prepared.cameras.map((c) => ({ id: c.facts.id, name: c.facts.name }));
      await this.deps.db.run(
        `INSERT INTO exports (id, status, incident_id, case_number, cameras_json, from_ms, to_ms,
           destination, folder_name, officer_id, shift_id, started_at)
         VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          id,
          sel.incidentId,
          sel.caseNumber,
          JSON.stringify(cameras),
          sel.fromMs,
          sel.toMs,
          prepared.destination,
          folderName,
          actor.officerId,
          actor.shiftId,
          startedAt,
        ],
      );
      const running: Running = {
        id,
        abort: new AbortController(),
        done: Promise.resolve(),
        cancelledBy: null,
      };
      this.running = running;
      running.done = this.run(spec, ffmpegPath, running, actor).catch((err: unknown) =>
        this.deps.logger.error('export bookkeeping failed', { id, err: String(err) }),
      );
      const record = await this.get(id);
      // The job's own events come after this one: it starts on the next turn at the earliest.
      this.deps.emit('export.changed', record);
      return record;
    } catch (err) {
      // No job took the staged prefixes of open segments (if any): remove them.
      if (!this.running || this.running.id !== startedId)
        await rm(join(this.stagingRoot(), startedId), { recursive: true, force: true });
      throw err;
    } finally {
      this.starting = false;
    }
  }

  /** Cancels a running export (audited as the caller's) and waits for its files to be removed. */
  async cancel(id: string, actor: Principal): Promise<ExportRecord> {
    const r = this.running;
    if (!r || r.id !== id) {
      const existing = await this.get(id);
      if (existing.status === 'running') throw new ApiError('conflict', 'export_not_cancellable');
      return existing; // already over: cancelling twice is harmless
    }
    r.cancelledBy ??= actor;
    r.abort.abort();
    await r.done;
    return this.get(id);
  }

  private async run(
    spec: ExportJobSpec,
    ffmpegPath: string,
    running: Running,
    startedBy: Principal,
  ): Promise<void> {
    const log = this.deps.logger;
    const id = spec.exportId;
    let lastEmit = 0;
    const onProgress = (p: Omit<ExportProgress, 'id'>) => {
      const at = this.now();
      // The job throttles too; this keeps the contract's "about twice a second" whatever it does.
      if (at - lastEmit < 250 && p.done < p.total) return;
      lastEmit = at;
      this.deps.emit('export.progress', { id, ...p });
    };
    let outcome: Outcome;
    try {
      const run = this.deps.runJob ?? runExportJob;
      // The job works in <staging root>/<export id>/ and removes it; so does the finally below.
      const result = await run(
        spec,
        { ffmpegPath, stagingDir: this.stagingRoot(), renderers: this.deps.renderers },
        running.abort.signal,
        onProgress,
      );
      outcome = { status: 'complete', result, actor: startedBy };
      log.info('export complete', { id, bytes: result.bytes });
    } catch (err) {
      if (isCancel(err)) {
        outcome = {
          status: 'cancelled',
          actor: running.cancelledBy ?? startedBy,
          ...(running.cancelledBy ? {} : { reason: 'shutdown' }),
        };
        log.info('export cancelled', { id });
      } else {
        const errorCode = classifyWriteError(err);
        log.warn('export failed', { id, code: errorCode, error: String(err) });
        outcome = { status: 'failed', errorCode, actor: startedBy };
      }
    } finally {
      await rm(join(this.stagingRoot(), id), { recursive: true, force: true }).catch(
        () => undefined,
      );
    }
    try {
      await this.finishWithRetry(id, outcome);
    } catch (err) {
      // Not recorded means not audited: an export the audit trail does not know of must not
      // stay on the stick. The row stays "running" and is failed at the next start.
      log.error('export could not be recorded', { id, err: String(err) });
      if (outcome.status === 'complete')
        await rm(outcome.result.folderPath, { recursive: true, force: true }).catch(
          () => undefined,
        );
    } finally {
      if (this.running?.id === id) this.running = null;
    }
  }

  private async finishWithRetry(id: string, outcome: Outcome): Promise<void> {
    const { status, ...rest } = outcome;
    try {
      await this.finish(id, status, rest);
    } catch {
      await new Promise((r) => setTimeout(r, 500));
      await this.finish(id, status, rest);
    }
  }

  /** Ends an export row and appends its audit row in one transaction, then tells the windows. */
  private async finish(
    id: string,
    status: Exclude<ExportStatus, 'running'>,
    o: {
      result?: ExportJobResult;
      errorCode?: ExportErrorCode;
      actor?: Principal;
      reason?: string;
    },
  ): Promise<void> {
    const before = await this.get(id);
    const at = this.now();
    const files = o.result?.files ?? [];
    await this.deps.db.transaction(async (tx: Queryable) => {
      await tx.run(
        `UPDATE exports SET status = ?, finished_at = ?, bytes = ?, files_json = ?,
           manifest_sha256 = ?, error_code = ? WHERE id = ?`,
        [
          status,
          at,
          o.result?.bytes ?? 0,
          JSON.stringify(files),
          o.result?.manifestSha256 ?? null,
          o.errorCode ?? null,
          id,
        ],
      );
      const action =
        status === 'complete'
          ? 'export.created'
          : status === 'cancelled'
            ? 'export.cancelled'
            : 'export.failed';
      await this.deps.audit.append(
        {
          action,
          actor: o.actor
            ? { officerId: o.actor.officerId, fullName: o.actor.fullName }
            : { officerId: before.officer.id, fullName: before.officer.fullName },
          subject: before.incidentId ?? id,
          details: {
            exportId: id,
            incident: before.incidentCode,
            cameras: before.cameras.map((c) => c.name).join(', '),
            fromMs: before.fromMs,
            toMs: before.toMs,
            folder: join(before.destination, before.folderName),
            files: files.length,
            bytes: o.result?.bytes ?? 0,
            manifestSha256: o.result?.manifestSha256 ?? null,
            // SHA256SUMS.txt covers every file, manifest and reports included.
            sumsSha256: o.result?.sumsSha256 ?? null,
            error: o.errorCode ?? null,
            ...(o.reason ? { reason: o.reason } : {}),
          },
        },
        tx,
      );
    });
    this.deps.emit('export.changed', await this.get(id));
  }

  /**
   * The plan, with the complete prefix of any segment still being recorded copied into
   * the job's staging folder (open-segment-stage.ts). A segment filed between planning
   * and copying is planned again, as the index row it has become.
   */
  private async preparedWithOpenStaged(sel: ParsedExportSelection, id: string): Promise<Prepared> {
    const staging = join(this.stagingRoot(), id);
    for (let attempt = 0; ; attempt++) {
      const prepared = await this.prepare(sel);
      if (prepared.plan.blocker) return prepared;
      try {
        for (const c of prepared.cameras) c.clip = await stageOpenSegments(c.clip, staging);
        return prepared;
      } catch (err) {
        await rm(staging, { recursive: true, force: true }).catch(() => undefined);
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || attempt > 0) throw err;
      }
    }
  }

  private stagingRoot(): string {
    return join(this.deps.dataDir, 'export-staging');
  }

  private async prepare(sel: ParsedExportSelection): Promise<Prepared> {
    const incident = sel.incidentId ? await this.incidentFacts(sel.incidentId) : null;
    const cameraFacts = await this.cameraFacts(sel.cameraIds, sel.incidentId);
    const cameras: Prepared['cameras'] = [];
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
    const snapshots = await this.snapshotsOf(sel.incidentId, sel.cameraIds);
    const footageBytes = cameras.reduce((n, c) => n + c.clip.sourceBytes, 0);
    const snapshotBytes = snapshots.reduce((n, x) => n + x.bytes, 0);
    const neededBytes = Math.ceil(footageBytes * REMUX_GROWTH) + snapshotBytes + OVERHEAD_BYTES;
    const hasFootage = cameras.some((c) => c.clip.segments.length > 0);

    const destination = resolve(sel.destination);
    const stationFolders = await this.stationFolders();
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
        const drive = (await this.drives()).find((d) => isInside(destination, d.mountPath));
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

  private async segmentsOf(
    cameraId: string,
    fromMs: number,
    toMs: number,
  ): Promise<SourceSegment[]> {
    const rows = await this.deps.db.all<{
      id: number;
      start_ms: number;
      end_ms: number;
      bytes: number;
      codec: string | null;
      path: string;
      root: string;
    }>(
      `SELECT r.id, r.start_ms, r.end_ms, r.bytes, r.codec, r.path, s.path AS root
       FROM recordings r JOIN storage_roots s ON s.id = r.root_id
       WHERE ${OVERLAPS.replace(/\b(camera_id|start_ms|end_ms)\b/g, 'r.$1')}
         AND r.${PLAYABLE}
       ORDER BY r.start_ms, r.id`,
      overlapParams(cameraId, fromMs, toMs),
    );
    const segments: SourceSegment[] = rows.map((r) => ({
      id: r.id,
      startMs: r.start_ms,
      endMs: r.end_ms,
      bytes: r.bytes,
      path: absPath(r.root, r.path),
      codec: r.codec,
    }));
    const open = await this.deps.openSegment?.(cameraId);
    if (open && open.startMs < toMs && open.endMs > fromMs) {
      const { id, startMs, endMs, bytes, codec, file } = open;
      segments.push({ id, startMs, endMs, bytes, codec, path: file, openBytes: bytes });
    }
    return segments;
  }

  /** Names and locations now; a camera removed since keeps the name its incident recorded. */
  private async cameraFacts(ids: string[], incidentId: string | null): Promise<CameraFacts[]> {
    const out: CameraFacts[] = [];
    for (const id of ids) {
      const cam = await this.deps.db.get<{ name: string; location: string }>(
        'SELECT name, location FROM cameras WHERE id = ?',
        [id],
      );
      if (cam) {
        out.push({ id, name: cam.name, location: cam.location });
        continue;
      }
      const kept = incidentId
        ? await this.deps.db.get<{ name: string }>(
            'SELECT camera_name AS name FROM incident_cameras WHERE incident_id = ? AND camera_id = ?',
            [incidentId, id],
          )
        : undefined;
      out.push({ id, name: kept?.name ?? id, location: '' });
    }
    return out;
  }

  private async incidentFacts(id: string): Promise<Prepared['incident']> {
    const row = await this.deps.db.get<{
      code: string;
      category: string;
      location: string;
      description: string;
    }>('SELECT code, category, location, description FROM incidents WHERE id = ?', [id]);
    if (!row) throw new ApiError('not_found', 'incident_not_found');
    return { id, ...row, category: labelOf(CATEGORY_VI, row.category) };
  }

  private async officerFacts(actor: Principal) {
    const row = await this.deps.db.get<{ badge_number: string }>(
      'SELECT badge_number FROM officers WHERE id = ?',
      [actor.officerId],
    );
    return { fullName: actor.fullName, rank: actor.rank, badgeNumber: row?.badge_number ?? '' };
  }

  /** The incident's snapshots of the exported cameras (and those not tied to a camera). */
  private async snapshotsOf(
    incidentId: string | null,
    cameraIds: string[],
  ): Promise<(ExportJobSpec['snapshots'][number] & { bytes: number })[]> {
    if (!incidentId) return [];
    const rows = await this.deps.db.all<{
      camera_id: string | null;
      taken_at: number;
      file: string;
      mime: string;
      bytes: number;
    }>(
      `SELECT camera_id, taken_at, file, mime, bytes FROM incident_snapshots
       WHERE incident_id = ? ORDER BY taken_at, id`,
      [incidentId],
    );
    return rows
      .filter((r) => r.camera_id === null || cameraIds.includes(r.camera_id))
      .map((r, i) => ({
        name: `anh/anh-${String(i + 1).padStart(2, '0')}${r.mime === 'image/png' ? '.png' : '.jpg'}`,
        path: join(this.deps.dataDir, r.file),
        cameraId: r.camera_id,
        takenAtMs: r.taken_at,
        bytes: r.bytes,
      }));
  }

  /** Folders an export must not go into: the data folder and every footage root. */
  private async stationFolders(): Promise<string[]> {
    const roots = await this.deps.db.all<{ path: string }>('SELECT path FROM storage_roots');
    return [this.deps.dataDir, ...roots.map((r) => r.path)];
  }
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
