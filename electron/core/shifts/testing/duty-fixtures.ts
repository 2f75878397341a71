// Rows for tests of shifts and reports, written with plain SQL so these tests do
// not depend on the officer, incident, outage or recording services.
import type {
  IncidentCategory,
  IncidentSeverity,
  IncidentStatus,
} from '../../../contract/incident-schemas';
import type { Officer, OfficerRole } from '../../../contract/officer-schemas';
import type { Principal } from '../../app/dispatch';
import type { Database } from '../../db/database';

export async function insertOfficer(
  db: Database,
  o: { id: string; fullName: string; rank: string; badge: string; role?: OfficerRole },
): Promise<Officer> {
  const role = o.role ?? 'duty';
  await db.run(
    `INSERT INTO officers (id, full_name, rank, badge_number, role, password_hash, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'not-a-real-hash', 0, 0)`,
    [o.id, o.fullName, o.rank, o.badge, role],
  );
  return {
    id: o.id,
    fullName: o.fullName,
    rank: o.rank,
    badgeNumber: o.badge,
    role,
    active: true,
    createdAt: 0,
    lastSignInAt: null,
  };
}

export function principalOf(o: Officer, shiftId: string): Principal {
  const { id: officerId, fullName, rank, role } = o;
  return { officerId, fullName, rank, role, shiftId, token: `token-${o.id}`, locked: false };
}

export async function insertCamera(db: Database, id: string, name: string): Promise<void> {
  await db.run(
    "INSERT INTO cameras (id, name, source, main_url, created_at) VALUES (?, ?, 'rtsp', 'rtsp://h/x', 0)",
    [id, name],
  );
}

export interface IncidentFixture {
  id: string;
  code: string;
  category: IncidentCategory;
  severity?: IncidentSeverity;
  status: IncidentStatus;
  location: string;
  description: string;
  createdAt: number;
  createdBy: string;
  cameras: Array<[id: string, name: string]>;
}

/** An incident with its 'created' history row. */
export async function insertIncident(db: Database, i: IncidentFixture): Promise<void> {
  await db.run(
    `INSERT INTO incidents (id, code, category, severity, status, location, description, occurred_at,
       start_ms, end_ms, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      i.id,
      i.code,
      i.category,
      i.severity ?? 'medium',
      i.status,
      i.location,
      i.description,
      i.createdAt,
      i.createdAt - 120_000,
      i.createdAt + 180_000,
      i.createdBy,
      i.createdAt,
      i.createdAt,
    ],
  );
  for (const [cameraId, name] of i.cameras) {
    await db.run(
      'INSERT INTO incident_cameras (incident_id, camera_id, camera_name) VALUES (?, ?, ?)',
      [i.id, cameraId, name],
    );
  }
  await addHistory(db, i.id, i.createdAt, i.createdBy, 'created');
}

export async function addHistory(
  db: Database,
  incidentId: string,
  at: number,
  officerId: string,
  action: string,
  status?: IncidentStatus,
): Promise<void> {
  await db.run(
    'INSERT INTO incident_history (incident_id, at, officer_id, action) VALUES (?, ?, ?, ?)',
    [incidentId, at, officerId, action],
  );
  if (status) {
    await db.run('UPDATE incidents SET status = ?, updated_at = ? WHERE id = ?', [
      status,
      at,
      incidentId,
    ]);
  }
}

export async function insertOutage(
  db: Database,
  cameraId: string,
  stream: 'main' | 'sub',
  startedAt: number,
  endedAt: number | null,
): Promise<void> {
  await db.run(
    'INSERT INTO camera_outages (camera_id, stream, started_at, ended_at, error_kind) VALUES (?, ?, ?, ?, ?)',
    [cameraId, stream, startedAt, endedAt, 'unreachable'],
  );
}

export async function insertGap(
  db: Database,
  cameraId: string,
  startMs: number,
  endMs: number | null,
  reason: string,
): Promise<void> {
  await db.run(
    "INSERT INTO recording_gaps (camera_id, stream, start_ms, end_ms, reason) VALUES (?, 'main', ?, ?, ?)",
    [cameraId, startMs, endMs, reason],
  );
}

export async function insertRecordingEvent(
  db: Database,
  atMs: number,
  kind: string,
  detail: Record<string, string | null>,
): Promise<void> {
  await db.run('INSERT INTO recording_events (at_ms, kind, detail_json) VALUES (?, ?, ?)', [
    atMs,
    kind,
    JSON.stringify(detail),
  ]);
}

export async function insertExport(
  db: Database,
  e: {
    id: string;
    status: 'running' | 'complete' | 'failed' | 'cancelled';
    folderName: string;
    officerId: string;
    startedAt: number;
    finishedAt: number | null;
  },
): Promise<void> {
  await db.run(
    `INSERT INTO exports (id, status, cameras_json, from_ms, to_ms, destination, folder_name,
       officer_id, started_at, finished_at)
     VALUES (?, ?, '[]', ?, ?, '/media/usb', ?, ?, ?, ?)`,
    [
      e.id,
      e.status,
      e.startedAt - 600_000,
      e.startedAt - 300_000,
      e.folderName,
      e.officerId,
      e.startedAt,
      e.finishedAt,
    ],
  );
}
