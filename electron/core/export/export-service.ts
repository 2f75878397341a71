// Footage exports for investigators: one job at a time in the background, a row
// per attempt, every outcome (complete, failed, cancelled) in the audit trail. The
// plan is built by ExportPlanner (export-plan.ts), the folder written by
// runExportJob (export-job.ts), the rows kept by ExportRecords (export-records.ts).
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventName, EventOf } from '../../contract/channels';
import { ApiError } from '../../contract/errors';
import { EXPORT_PARTIAL_SUFFIX } from '../../contract/export-schemas';
import type {
  ChosenFolder,
  ExportDrive,
  ExportErrorCode,
  ExportListRequest,
  ExportPlan,
  ExportProgress,
  ExportRecord,
  ExportStatus,
  ParsedExportSelection,
  RecentFolder,
} from '../../contract/export-schemas';
import type { Principal } from '../app/dispatch';
import type { AuditLog } from '../audit/audit-log';
import type { Database, Queryable } from '../db/database';
import type { Logger } from '../logging/logger';
import type { Volume } from '../storage/disk-space';
import { stageOpenSegments } from './open-segment-stage';
import { classifyWriteError, isCancel } from './export-errors';
import { ExportDestinations } from './export-destinations';
import { freeFolderName } from './export-folder-name';
import type { ExportJobResult, ExportJobSpec, ExportRenderers } from './export-job';
import { runExportJob } from './export-job';
import { manifestTime, utcOffsetText } from './export-manifest';
import { ExportPlanner, type PreparedExport } from './export-plan';
import { ExportRecords } from './export-records';
import type { ExportSources } from './export-sources';
import { verifyExportFolder } from './recover-folder';

export const APP_NAME_VI = 'Phần mềm giám sát camera an ninh';

type Emit = <E extends EventName>(event: E, payload: EventOf<E>) => void;

export interface ExportServiceDeps {
  /** For the exports table (export's own) and the transaction that ends a row with its audit row. */
  db: Database;
  /** Footage, cameras, incidents and officers, read through their services. */
  sources: ExportSources;
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
  /** Folder in the data folder for exports released to the district centre (ExportPlanner). */
  releaseDir?: string;
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
  private readonly records: ExportRecords;
  private readonly destinations: ExportDestinations;
  private readonly planner: ExportPlanner;

  constructor(private readonly deps: ExportServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.records = new ExportRecords(deps.db, deps.sources);
    this.destinations = new ExportDestinations({
      dataDir: deps.dataDir,
      footage: deps.sources.footage,
      now: this.now,
      ...(deps.drives ? { drives: deps.drives } : {}),
    });
    this.planner = new ExportPlanner({
      sources: deps.sources,
      destinations: this.destinations,
      dataDir: deps.dataDir,
      ...(deps.space ? { space: deps.space } : {}),
      ...(deps.releaseDir ? { releaseDir: deps.releaseDir } : {}),
    });
  }

  /**
   * An export that was running when the app stopped (crash, power cut) is failed:
   * its row says so, the audit trail says so, and its `.partial` folder goes. One that
   * had already been renamed to its final name is recorded complete if every file still
   * matches SHA256SUMS.txt, and removed otherwise.
   */
  async start(): Promise<void> {
    for (const row of await this.records.running()) {
      await rm(join(row.destination, row.folderName + EXPORT_PARTIAL_SUFFIX), {
        recursive: true,
        force: true,
      }).catch(() => undefined);
      // Renamed but not recorded (a crash in between): the folder proves itself or goes.
      const final = join(row.destination, row.folderName);
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
    return this.destinations.drives();
  }

  /** Where the last exports went, for the dialog to offer again. */
  async recentFolders(): Promise<RecentFolder[]> {
    const records = await this.records.list({ limit: 100 });
    return this.destinations.recentFolders(records.map((r) => r.destination));
  }

  async chooseFolder(): Promise<ChosenFolder> {
    if (!this.deps.chooseFolder) return { path: null, supported: false };
    return { path: await this.deps.chooseFolder(), supported: true };
  }

  async plan(sel: ParsedExportSelection): Promise<ExportPlan> {
    return (await this.planner.prepare(sel)).plan;
  }

  list(req: ExportListRequest): Promise<ExportRecord[]> {
    return this.records.list(req);
  }

  get(id: string): Promise<ExportRecord> {
    return this.records.get(id);
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
      await this.records.insert({
        id,
        incidentId: sel.incidentId,
        caseNumber: sel.caseNumber,
        cameras,
        fromMs: sel.fromMs,
        toMs: sel.toMs,
        destination: prepared.destination,
        folderName,
        officerId: actor.officerId,
        shiftId: actor.shiftId,
        startedAt,
      });
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
      await this.records.end(tx, id, {
        status,
        finishedAt: at,
        bytes: o.result?.bytes ?? 0,
        files,
        manifestSha256: o.result?.manifestSha256 ?? null,
        errorCode: o.errorCode ?? null,
      });
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
  private async preparedWithOpenStaged(
    sel: ParsedExportSelection,
    id: string,
  ): Promise<PreparedExport> {
    const staging = join(this.stagingRoot(), id);
    for (let attempt = 0; ; attempt++) {
      const prepared = await this.planner.prepare(sel);
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

  private async officerFacts(actor: Principal) {
    const officer = await this.deps.sources.officers.get(actor.officerId).catch((err: unknown) => {
      if (err instanceof ApiError && err.code === 'not_found') return null;
      throw err;
    });
    return { fullName: actor.fullName, rank: actor.rank, badgeNumber: officer?.badgeNumber ?? '' };
  }
}
