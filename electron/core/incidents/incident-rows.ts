// Reads incidents back from their tables into the contract's shapes: one query
// per table for a whole page of incidents, never one per incident.
import type { Incident, IncidentChange, IncidentSnapshot } from '../../contract/incident-schemas';
import type { OfficerRole } from '../../contract/officer-schemas';
import type { Queryable, SqlValue } from '../db/database';

export interface IncidentRow {
  id: string;
  code: string;
  category: Incident['category'];
  severity: Incident['severity'];
  status: Incident['status'];
  location: string;
  description: string;
  occurred_at: number;
  start_ms: number;
  end_ms: number;
  created_by: string;
  shift_id: string | null;
  created_at: number;
  updated_at: number;
  version: number;
}

interface OfficerBriefRow {
  officer_name: string;
  officer_rank: string;
  officer_role: OfficerRole;
}

interface SnapshotRow {
  id: string;
  incident_id: string;
  camera_id: string | null;
  taken_at: number;
  mime: string;
  bytes: number;
  sha256: string;
}

interface HistoryRow extends OfficerBriefRow {
  id: number;
  at: number;
  officer_id: string;
  action: IncidentChange['action'];
  changes_json: string;
  reason: string | null;
}

type FactRow = Pick<
  IncidentRow,
  'id' | 'code' | 'category' | 'severity' | 'status' | 'location' | 'description' | 'occurred_at'
>;

/** The facts an incident and its digest share, in the contract's order. */
function factsOf(r: FactRow) {
  return {
    id: r.id,
    code: r.code,
    category: r.category,
    severity: r.severity,
    status: r.status,
    location: r.location,
    description: r.description,
    occurredAt: r.occurred_at,
  };
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** The stored row of one incident (no joins), for checks before a write. */
export function incidentRow(q: Queryable, id: string): Promise<IncidentRow | undefined> {
  return q.get<IncidentRow>('SELECT * FROM incidents WHERE id = ?', [id]);
}

/** Full incidents in the order of `ids`; unknown ids are skipped. */
export async function readIncidents(q: Queryable, ids: readonly string[]): Promise<Incident[]> {
  if (ids.length === 0) return [];
  const inList = placeholders(ids.length);
  const rows = await q.all<IncidentRow & OfficerBriefRow>(
    `SELECT i.*, o.full_name AS officer_name, o.rank AS officer_rank, o.role AS officer_role
     FROM incidents i JOIN officers o ON o.id = i.created_by WHERE i.id IN (${inList})`,
    ids,
  );
  const cameras = await q.all<{ incident_id: string; camera_id: string; camera_name: string }>(
    `SELECT incident_id, camera_id, camera_name FROM incident_cameras
     WHERE incident_id IN (${inList}) ORDER BY rowid`,
    ids,
  );
  const snapshots = await q.all<SnapshotRow>(
    `SELECT id, incident_id, camera_id, taken_at, mime, bytes, sha256 FROM incident_snapshots
     WHERE incident_id IN (${inList}) ORDER BY taken_at, created_at, id`,
    ids,
  );
  const locked = await q.all<{ incident_id: string }>(
    `SELECT DISTINCT incident_id FROM recording_locks WHERE incident_id IN (${inList})`,
    ids,
  );
  const lockedIds = new Set(locked.map((l) => l.incident_id));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: Incident[] = [];
  for (const id of ids) {
    const r = byId.get(id);
    if (!r) continue;
    out.push({
      ...factsOf(r),
      startMs: r.start_ms,
      endMs: r.end_ms,
      cameras: cameras
        .filter((c) => c.incident_id === id)
        .map((c) => ({ id: c.camera_id, name: c.camera_name })),
      createdBy: {
        id: r.created_by,
        fullName: r.officer_name,
        rank: r.officer_rank,
        role: r.officer_role,
      },
      shiftId: r.shift_id,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: r.version,
      locked: lockedIds.has(id),
      snapshots: snapshots.filter((s) => s.incident_id === id).map(toSnapshot),
    });
  }
  return out;
}

/** What a handover lists of an incident: its facts now and its cameras' names, sorted. */
export type IncidentDigest = Pick<
  Incident,
  'id' | 'code' | 'category' | 'severity' | 'status' | 'location' | 'description' | 'occurredAt'
> & { cameraNames: string[] };

/**
 * Digests of the incidents (alias i) matching `where`, by occurrence then code, at
 * most `limit`: one query, the camera names gathered per incident as a JSON array.
 */
export async function readDigests(
  q: Queryable,
  where: string,
  params: readonly SqlValue[],
  limit: number,
): Promise<IncidentDigest[]> {
  const rows = await q.all<FactRow & { camera_names_json: string }>(
    `SELECT i.id, i.code, i.category, i.severity, i.status, i.location, i.description,
       i.occurred_at,
       (SELECT json_group_array(camera_name)
          FROM (SELECT camera_name FROM incident_cameras c WHERE c.incident_id = i.id
                ORDER BY camera_name)) AS camera_names_json
     FROM incidents i WHERE ${where}
     ORDER BY i.occurred_at, i.code LIMIT ?`,
    [...params, limit],
  );
  return rows.map((r) => ({
    ...factsOf(r),
    cameraNames: JSON.parse(r.camera_names_json) as string[],
  }));
}

export async function readIncident(q: Queryable, id: string): Promise<Incident | undefined> {
  return (await readIncidents(q, [id]))[0];
}

function toSnapshot(s: SnapshotRow): IncidentSnapshot {
  return {
    id: s.id,
    cameraId: s.camera_id,
    takenAt: s.taken_at,
    mime: s.mime,
    bytes: s.bytes,
    sha256: s.sha256,
  };
}

/** The incident's history, oldest first, with the officer of each change. */
export async function readHistory(q: Queryable, incidentId: string): Promise<IncidentChange[]> {
  const rows = await q.all<HistoryRow>(
    `SELECT h.id, h.at, h.officer_id, h.action, h.changes_json, h.reason,
            o.full_name AS officer_name, o.rank AS officer_rank, o.role AS officer_role
     FROM incident_history h JOIN officers o ON o.id = h.officer_id
     WHERE h.incident_id = ? ORDER BY h.id`,
    [incidentId],
  );
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    officer: {
      id: r.officer_id,
      fullName: r.officer_name,
      rank: r.officer_rank,
      role: r.officer_role,
    },
    action: r.action,
    changes: JSON.parse(r.changes_json) as IncidentChange['changes'],
    reason: r.reason,
  }));
}
