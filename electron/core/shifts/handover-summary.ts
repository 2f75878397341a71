// Builds a shift's handover summary from what the station recorded during it:
// incidents, camera outages, recording gaps, storage alarms (docs/duty.md).
// Read-only SQL over the tables of other services, so it depends on none of them.
//
// Ranges are inclusive at both ends. Every list is capped at SUMMARY_LIST_LIMIT
// rows so a shift with a flapping camera cannot produce an unbounded report.
import { lastAuditRow } from '../audit/audit-log';
import type {
  IncidentCategory,
  IncidentSeverity,
  IncidentStatus,
} from '../../contract/incident-schemas';
import type { HandoverIncident, HandoverSummary } from '../../contract/shift-schemas';
import type { Database, Queryable } from '../db/database';

/** Most rows per list of a summary. */
export const SUMMARY_LIST_LIMIT = 500;

type Outage = HandoverSummary['outages'][number];
type Gap = HandoverSummary['recordingGaps'][number];
type Alarm = HandoverSummary['storageAlarms'][number];
type ExportItem = HandoverSummary['exports'][number];

/** Appended to the label of an export that did not complete. */
const EXPORT_OUTCOME_VI: Readonly<Record<string, string>> = {
  failed: ' (thất bại)',
  cancelled: ' (đã hủy)',
};

interface IncidentRow {
  id: string;
  code: string;
  category: IncidentCategory;
  severity: IncidentSeverity;
  status: IncidentStatus;
  location: string;
  description: string;
  occurred_at: number;
  camera_names_json: string;
}

interface SpanRow {
  camera_id: string;
  camera_name: string | null;
  start_ms: number;
  end_ms: number | null;
}

// Camera names ordered, as a JSON array, so one query returns a whole incident.
const INCIDENT_COLUMNS = `
  i.id, i.code, i.category, i.severity, i.status, i.location, i.description, i.occurred_at,
  (SELECT json_group_array(camera_name)
     FROM (SELECT camera_name FROM incident_cameras c WHERE c.incident_id = i.id
           ORDER BY camera_name)) AS camera_names_json`;

function toIncident(row: IncidentRow): HandoverIncident {
  return {
    id: row.id,
    code: row.code,
    category: row.category,
    severity: row.severity,
    status: row.status,
    location: row.location,
    description: row.description,
    occurredAt: row.occurred_at,
    cameraNames: JSON.parse(row.camera_names_json) as string[],
  };
}

/** A span clipped to the shift; `endedAt` null when it was still running at the shift's end. */
function clip(startMs: number, endMs: number | null, fromMs: number, toMs: number) {
  const ended = endMs !== null && endMs <= toMs;
  const duration = Math.min(endMs ?? toMs, toMs) - Math.max(startMs, fromMs);
  return { endedAt: ended ? endMs : null, durationMs: Math.max(0, duration) };
}

/**
 * One camera's outages on its main and sub streams, merged into the periods the
 * camera was down on either: the officer cares about the camera, not the stream.
 * Rows must be sorted by camera, then start.
 */
function mergeByCamera(rows: SpanRow[]): SpanRow[] {
  const merged: SpanRow[] = [];
  for (const row of rows) {
    const last = merged.at(-1);
    const overlaps =
      last !== undefined &&
      last.camera_id === row.camera_id &&
      (last.end_ms === null || row.start_ms <= last.end_ms);
    if (!overlaps) {
      merged.push({ ...row });
      continue;
    }
    if (last.end_ms !== null && (row.end_ms === null || row.end_ms > last.end_ms))
      last.end_ms = row.end_ms;
  }
  return merged;
}

export class HandoverSummaryBuilder {
  constructor(private readonly deps: { db: Database }) {}

  /**
   * The summary of [fromMs, toMs]. Pass `q` (a transaction handle) when building
   * inside a transaction: the Database itself would wait behind it.
   */
  async build(fromMs: number, toMs: number, q: Queryable = this.deps.db): Promise<HandoverSummary> {
    return {
      fromMs,
      toMs,
      incidentsOpened: await this.incidentsOpened(q, fromMs, toMs),
      incidentsUpdated: await this.incidentsUpdated(q, fromMs, toMs),
      incidentsStillOpen: await this.incidentsStillOpen(q, toMs),
      outages: await this.outages(q, fromMs, toMs),
      recordingGaps: await this.recordingGaps(q, fromMs, toMs),
      exports: await this.exports(q, fromMs, toMs),
      storageAlarms: await this.storageAlarms(q, fromMs, toMs),
      auditHead: await lastAuditRow(q),
    };
  }

  /** Created during the shift. */
  private async incidentsOpened(q: Queryable, fromMs: number, toMs: number) {
    const rows = await q.all<IncidentRow>(
      `SELECT ${INCIDENT_COLUMNS} FROM incidents i
       WHERE i.created_at BETWEEN ? AND ?
       ORDER BY i.occurred_at, i.code LIMIT ?`,
      [fromMs, toMs, SUMMARY_LIST_LIMIT],
    );
    return rows.map(toIncident);
  }

  /** Created before the shift and changed during it (history rows in range). */
  private async incidentsUpdated(q: Queryable, fromMs: number, toMs: number) {
    const rows = await q.all<IncidentRow>(
      `SELECT ${INCIDENT_COLUMNS} FROM incidents i
       WHERE i.created_at < ?
         AND EXISTS (SELECT 1 FROM incident_history h
                     WHERE h.incident_id = i.id AND h.at BETWEEN ? AND ?)
       ORDER BY i.occurred_at, i.code LIMIT ?`,
      [fromMs, fromMs, toMs, SUMMARY_LIST_LIMIT],
    );
    return rows.map(toIncident);
  }

  /** Not closed now, whichever shift opened them. */
  private async incidentsStillOpen(q: Queryable, toMs: number) {
    const rows = await q.all<IncidentRow>(
      `SELECT ${INCIDENT_COLUMNS} FROM incidents i
       WHERE i.status <> 'closed' AND i.created_at <= ?
       ORDER BY i.occurred_at, i.code LIMIT ?`,
      [toMs, SUMMARY_LIST_LIMIT],
    );
    return rows.map(toIncident);
  }

  /** Outages overlapping the shift, per camera (streams merged), clipped to it. */
  private async outages(q: Queryable, fromMs: number, toMs: number): Promise<Outage[]> {
    const rows = await q.all<SpanRow>(
      `SELECT o.camera_id, c.name AS camera_name, o.started_at AS start_ms, o.ended_at AS end_ms
       FROM camera_outages o JOIN cameras c ON c.id = o.camera_id
       WHERE o.started_at <= ? AND (o.ended_at IS NULL OR o.ended_at >= ?)
       ORDER BY o.camera_id, o.started_at LIMIT ?`,
      [toMs, fromMs, SUMMARY_LIST_LIMIT],
    );
    return mergeByCamera(rows)
      .map((r) => ({
        cameraId: r.camera_id,
        cameraName: r.camera_name ?? r.camera_id,
        startedAt: r.start_ms,
        ...clip(r.start_ms, r.end_ms, fromMs, toMs),
      }))
      .sort((a, b) => a.startedAt - b.startedAt || a.cameraName.localeCompare(b.cameraName));
  }

  /** Recording gaps overlapping the shift, clipped to it. A removed camera shows its id. */
  private async recordingGaps(q: Queryable, fromMs: number, toMs: number): Promise<Gap[]> {
    const rows = await q.all<SpanRow & { reason: string }>(
      `SELECT g.camera_id, c.name AS camera_name, g.start_ms, g.end_ms, g.reason
       FROM recording_gaps g LEFT JOIN cameras c ON c.id = g.camera_id
       WHERE g.start_ms <= ? AND (g.end_ms IS NULL OR g.end_ms >= ?)
       ORDER BY g.start_ms, g.camera_id LIMIT ?`,
      [toMs, fromMs, SUMMARY_LIST_LIMIT],
    );
    return rows.map((r) => {
      const { endedAt, durationMs } = clip(r.start_ms, r.end_ms, fromMs, toMs);
      return {
        cameraId: r.camera_id,
        cameraName: r.camera_name ?? r.camera_id,
        startMs: r.start_ms,
        endMs: endedAt,
        durationMs,
        reason: r.reason,
      };
    });
  }

  /**
   * Footage exports that ended during the shift, whatever their outcome: a failed or
   * cancelled export is something the next officer must know about too.
   */
  private async exports(q: Queryable, fromMs: number, toMs: number): Promise<ExportItem[]> {
    const rows = await q.all<{
      id: string;
      finished_at: number;
      folder_name: string;
      status: string;
    }>(
      `SELECT id, finished_at, folder_name, status FROM exports
       WHERE finished_at BETWEEN ? AND ? AND status != 'running'
       ORDER BY finished_at, id LIMIT ?`,
      [fromMs, toMs, SUMMARY_LIST_LIMIT],
    );
    // The folder name already carries the incident code (VV-2026-0012_…) or the range.
    return rows.map((r) => ({
      id: r.id,
      atMs: r.finished_at,
      label: `${r.folder_name}${EXPORT_OUTCOME_VI[r.status] ?? ''}`,
    }));
  }

  /** Storage alarms raised (disk_alarm, locked_over_quota) and cleared (disk_ok) in the shift. */
  private async storageAlarms(q: Queryable, fromMs: number, toMs: number): Promise<Alarm[]> {
    const rows = await q.all<{ at_ms: number; kind: string; detail_json: string }>(
      `SELECT at_ms, kind, detail_json FROM recording_events
       WHERE kind IN ('disk_alarm', 'disk_ok', 'locked_over_quota') AND at_ms BETWEEN ? AND ?
       ORDER BY at_ms, id LIMIT ?`,
      [fromMs, toMs, SUMMARY_LIST_LIMIT],
    );
    return rows.map((r) => {
      // The alarm's own kind (disk_full, unwritable…) is in the detail; the event kind says raised or cleared.
      const detail = JSON.parse(r.detail_json) as { kind?: unknown };
      const kind = typeof detail.kind === 'string' ? detail.kind : r.kind;
      return { atMs: r.at_ms, kind, cleared: r.kind === 'disk_ok' };
    });
  }
}
