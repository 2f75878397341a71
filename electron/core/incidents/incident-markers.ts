// Incidents to mark on the timeline: those on any of the given cameras whose
// range overlaps the window. Each marker lists all of the incident's cameras
// (opening it opens playback with them), not only the ones asked about.
import type { IncidentMarker } from '../../contract/playback-schemas';
import type { Queryable } from '../db/database';

interface MarkerRow {
  id: string;
  code: string;
  category: IncidentMarker['category'];
  severity: IncidentMarker['severity'];
  status: IncidentMarker['status'];
  occurred_at: number;
  start_ms: number;
  end_ms: number;
  cameras: string;
}

export async function incidentMarkers(
  db: Queryable,
  cameraIds: readonly string[],
  fromMs: number,
  toMs: number,
): Promise<IncidentMarker[]> {
  if (cameraIds.length === 0) return [];
  // Driven by incident_cameras_camera: a station has far fewer incidents than segments.
  const rows = await db.all<MarkerRow>(
    `SELECT i.id, i.code, i.category, i.severity, i.status, i.occurred_at, i.start_ms, i.end_ms,
       (SELECT json_group_array(c.camera_id) FROM
          (SELECT camera_id FROM incident_cameras WHERE incident_id = i.id ORDER BY camera_id) c
       ) AS cameras
     FROM incidents i
     WHERE i.id IN (SELECT incident_id FROM incident_cameras
                    WHERE camera_id IN (${cameraIds.map(() => '?').join(', ')}))
       AND i.start_ms < ? AND i.end_ms > ?
     ORDER BY i.start_ms, i.id`,
    [...cameraIds, toMs, fromMs],
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    category: r.category,
    severity: r.severity,
    status: r.status,
    occurredAt: r.occurred_at,
    startMs: r.start_ms,
    endMs: r.end_ms,
    cameraIds: JSON.parse(r.cameras) as string[],
  }));
}
