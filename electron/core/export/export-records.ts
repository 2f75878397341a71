// The exports table: one row per export attempt (running, complete, failed,
// cancelled), read back as contract records with the officer's name and the
// incident's code from their own services: one query each per page of rows.
import { ApiError } from '../../contract/errors';
import type {
  ExportErrorCode,
  ExportFile,
  ExportListRequest,
  ExportRecord,
  ExportStatus,
} from '../../contract/export-schemas';
import type { Database, Queryable } from '../db/database';
import type { ExportSources } from './export-sources';

interface ExportRow {
  id: string;
  status: ExportStatus;
  incident_id: string | null;
  case_number: string;
  cameras_json: string;
  from_ms: number;
  to_ms: number;
  destination: string;
  folder_name: string;
  officer_id: string;
  started_at: number;
  finished_at: number | null;
  bytes: number;
  files_json: string;
  manifest_sha256: string | null;
  error_code: ExportErrorCode | null;
}

/** A row as begin() writes it, status running. */
export interface NewExportRow {
  id: string;
  incidentId: string | null;
  caseNumber: string;
  cameras: ExportRecord['cameras'];
  fromMs: number;
  toMs: number;
  destination: string;
  folderName: string;
  officerId: string;
  shiftId: string | null;
  startedAt: number;
}

/** How an export ended, as its row keeps it. */
export interface ExportEnd {
  status: Exclude<ExportStatus, 'running'>;
  finishedAt: number;
  bytes: number;
  files: ExportFile[];
  manifestSha256: string | null;
  errorCode: ExportErrorCode | null;
}

export class ExportRecords {
  constructor(
    private readonly db: Database,
    private readonly sources: Pick<ExportSources, 'officers' | 'incidents'>,
  ) {}

  /** Exports still marked running (at start: left so by a crash). */
  async running(): Promise<ExportRecord[]> {
    return this.toRecords(
      await this.db.all<ExportRow>("SELECT * FROM exports WHERE status = 'running'"),
    );
  }

  async list(req: ExportListRequest): Promise<ExportRecord[]> {
    const limit = req.limit ?? 100;
    const rows = req.incidentId
      ? await this.db.all<ExportRow>(
          'SELECT * FROM exports WHERE incident_id = ? ORDER BY started_at DESC LIMIT ?',
          [req.incidentId, limit],
        )
      : await this.db.all<ExportRow>('SELECT * FROM exports ORDER BY started_at DESC LIMIT ?', [
          limit,
        ]);
    return this.toRecords(rows);
  }

  async get(id: string): Promise<ExportRecord> {
    const row = await this.db.get<ExportRow>('SELECT * FROM exports WHERE id = ?', [id]);
    const [record] = row ? await this.toRecords([row]) : [];
    if (!record) throw new ApiError('not_found', 'export_not_found');
    return record;
  }

  async insert(r: NewExportRow): Promise<void> {
    await this.db.run(
      `INSERT INTO exports (id, status, incident_id, case_number, cameras_json, from_ms, to_ms,
         destination, folder_name, officer_id, shift_id, started_at)
       VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        r.id,
        r.incidentId,
        r.caseNumber,
        JSON.stringify(r.cameras),
        r.fromMs,
        r.toMs,
        r.destination,
        r.folderName,
        r.officerId,
        r.shiftId,
        r.startedAt,
      ],
    );
  }

  /** Ends a row; inside the caller's transaction, which appends the audit row with it. */
  async end(tx: Queryable, id: string, e: ExportEnd): Promise<void> {
    await tx.run(
      `UPDATE exports SET status = ?, finished_at = ?, bytes = ?, files_json = ?,
         manifest_sha256 = ?, error_code = ? WHERE id = ?`,
      [e.status, e.finishedAt, e.bytes, JSON.stringify(e.files), e.manifestSha256, e.errorCode, id],
    );
  }

  private async toRecords(rows: readonly ExportRow[]): Promise<ExportRecord[]> {
    const officers = await this.sources.officers.briefs(unique(rows.map((r) => r.officer_id)));
    const codes = await this.sources.incidents.codesOf(
      unique(rows.flatMap((r) => (r.incident_id ? [r.incident_id] : []))),
    );
    // The officer is a foreign key: a row always has one (an unknown one would be skipped).
    return rows.flatMap((r) => {
      const officer = officers.get(r.officer_id);
      if (!officer) return [];
      return [
        {
          id: r.id,
          status: r.status,
          incidentId: r.incident_id,
          incidentCode: r.incident_id ? (codes.get(r.incident_id) ?? null) : null,
          caseNumber: r.case_number,
          cameras: JSON.parse(r.cameras_json) as ExportRecord['cameras'],
          fromMs: r.from_ms,
          toMs: r.to_ms,
          destination: r.destination,
          folderName: r.folder_name,
          officer,
          startedAt: r.started_at,
          finishedAt: r.finished_at,
          bytes: r.bytes,
          files: JSON.parse(r.files_json) as ExportFile[],
          manifestSha256: r.manifest_sha256,
          errorCode: r.error_code,
        },
      ];
    });
  }
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
