// What an export of an incident carries of it: its facts, the cameras it was marked
// on (with the names they had, for cameras removed since) and its snapshot files.
// One query per table; paths are absolute, under the data folder.
import path from 'node:path';
import type { Incident } from '../../contract/incident-schemas';
import type { Queryable } from '../db/database';

export interface IncidentEvidence {
  id: string;
  code: string;
  category: Incident['category'];
  location: string;
  description: string;
  cameras: Incident['cameras'];
  /** Oldest first. */
  snapshots: EvidenceSnapshot[];
}

export interface EvidenceSnapshot {
  cameraId: string | null;
  takenAt: number;
  /** Absolute path of the image file. */
  path: string;
  mime: string;
  bytes: number;
}

export async function readIncidentEvidence(
  q: Queryable,
  dataDir: string,
  id: string,
): Promise<IncidentEvidence | null> {
  const row = await q.get<Omit<IncidentEvidence, 'id' | 'cameras' | 'snapshots'>>(
    'SELECT code, category, location, description FROM incidents WHERE id = ?',
    [id],
  );
  if (!row) return null;
  const cameras = await q.all<{ id: string; name: string }>(
    `SELECT camera_id AS id, camera_name AS name FROM incident_cameras
     WHERE incident_id = ? ORDER BY rowid`,
    [id],
  );
  const snapshots = await q.all<{
    camera_id: string | null;
    taken_at: number;
    file: string;
    mime: string;
    bytes: number;
  }>(
    `SELECT camera_id, taken_at, file, mime, bytes FROM incident_snapshots
     WHERE incident_id = ? ORDER BY taken_at, id`,
    [id],
  );
  return {
    id,
    ...row,
    cameras,
    snapshots: snapshots.map((s) => ({
      cameraId: s.camera_id,
      takenAt: s.taken_at,
      path: path.join(dataDir, s.file),
      mime: s.mime,
      bytes: s.bytes,
    })),
  };
}

/** The code of each incident among `ids`; unknown ids are left out. */
export async function readIncidentCodes(
  q: Queryable,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await q.all<{ id: string; code: string }>(
    `SELECT id, code FROM incidents WHERE id IN (${ids.map(() => '?').join(', ')})`,
    [...ids],
  );
  return new Map(rows.map((r) => [r.id, r.code]));
}
