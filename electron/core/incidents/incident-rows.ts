// Reads incidents back from their tables into the contract's shapes: one query
// per table for a whole page of incidents, never one per incident. Officers'
// names come from the officers domain and footage locks from the recording
// domain, each in one batch read for the page.
import type { Incident, IncidentChange, IncidentSnapshot } from '../../contract/incident-schemas';
import type { OfficerBrief } from '../../contract/officer-schemas';
import type { Queryable, SqlValue } from '../db/database';
import { incidentsWithLocks } from '../recording/footage-locks';

/** What incidents need of the officers domain (OfficerService). */
export interface OfficerDirectory {
  /** Officers by id, active or not; `tx` reads inside the caller's transaction. */
  briefs(ids: readonly string[], tx?: Queryable): Promise<Map<string, OfficerBrief>>;
}

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

interface SnapshotRow {
  id: string;
  incident_id: string;
  camera_id: string | null;
  taken_at: number;
  mime: string;
  bytes: number;
  sha256: string;
}

interface HistoryRow {
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
export async function readIncidents(
  q: Queryable,
  officers: OfficerDirectory,
  ids: readonly string[],
): Promise<Incident[]> {
  if (ids.length === 0) return [];
  const inList = placeholders(ids.length);
  const rows = await q.all<IncidentRow>(`SELECT * FROM incidents WHERE id IN (${inList})`, ids);
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
  const lockedIds = await incidentsWithLocks(q, ids);
  const authors = await officers.briefs(
    rows.map((r) => r.created_by),
    q,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: Incident[] = [];
  for (const id of ids) {
    const r = byId.get(id);
    const createdBy = r && authors.get(r.created_by);
    if (!r || !createdBy) continue;
    out.push({
      ...factsOf(r),
      startMs: r.start_ms,
      endMs: r.end_ms,
      cameras: cameras
        .filter((c) => c.incident_id === id)
        .map((c) => ({ id: c.camera_id, name: c.camera_name })),
      createdBy,
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

export async function readIncident(
  q: Queryable,
  officers: OfficerDirectory,
  id: string,
): Promise<Incident | undefined> {
  return (await readIncidents(q, officers, [id]))[0];
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
export async function readHistory(
  q: Queryable,
  officers: OfficerDirectory,
  incidentId: string,
): Promise<IncidentChange[]> {
  const rows = await q.all<HistoryRow>(
    `SELECT id, at, officer_id, action, changes_json, reason
     FROM incident_history WHERE incident_id = ? ORDER BY id`,
    [incidentId],
  );
  const who = await officers.briefs(
    rows.map((r) => r.officer_id),
    q,
  );
  return rows.flatMap((r) => {
    const officer = who.get(r.officer_id);
    if (!officer) return [];
    return [
      {
        id: r.id,
        at: r.at,
        officer,
        action: r.action,
        changes: JSON.parse(r.changes_json) as IncidentChange['changes'],
        reason: r.reason,
      },
    ];
  });
}
