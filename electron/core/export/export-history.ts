// The record of finished exports, for other domains to read (the handover summary)
// without the export job machinery: ExportService needs the audit log and the
// duty services are built before it, so this reader stands on the database alone.
import type { ExportStatus } from '../../contract/export-schemas';
import type { Database, Queryable } from '../db/database';

export interface FinishedExport {
  id: string;
  finishedAt: number;
  /** The folder written on the drive; it carries the incident code or the range. */
  folderName: string;
  status: Exclude<ExportStatus, 'running'>;
}

export class ExportHistory {
  constructor(private readonly deps: { db: Database }) {}

  /**
   * Exports that ended in [fromMs, toMs] whatever their outcome, oldest first, at most
   * `limit`. `q`: read inside the caller's transaction.
   */
  async finishedBetween(
    fromMs: number,
    toMs: number,
    limit: number,
    q: Queryable = this.deps.db,
  ): Promise<FinishedExport[]> {
    const rows = await q.all<{
      id: string;
      finished_at: number;
      folder_name: string;
      status: FinishedExport['status'];
    }>(
      `SELECT id, finished_at, folder_name, status FROM exports
       WHERE finished_at BETWEEN ? AND ? AND status != 'running'
       ORDER BY finished_at, id LIMIT ?`,
      [fromMs, toMs, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      finishedAt: r.finished_at,
      folderName: r.folder_name,
      status: r.status,
    }));
  }
}
