// What the centre page reads: the stations overview, one station's incident log and
// open alarms/outages. Plain SELECTs over the read model.
import type { Database } from '../../electron/core/db/database';
import { STATION_UTC_OFFSET_MS } from '../../electron/contract/station-time';

/** A station not heard from for this long is shown as "mất kết nối". */
export const LOST_AFTER_MS = 3 * 60_000;

export interface StationOverview {
  id: string;
  name: string;
  lastSeen: number | null;
  connected: boolean;
  lastSeq: number;
  cameras: number | null;
  online: number | null;
  recording: number | null;
  openAlarms: number | null;
  openOutages: number;
  incidentsToday: number;
}

export interface IncidentRow {
  incidentId: string;
  code: string;
  category: string;
  severity: string;
  status: string;
  location: string;
  occurredAt: number;
  cameras: string[];
  /** The cameras by the names the station gave them (its health events); the id when unknown. */
  cameraNames: string[];
  version: number;
}

export interface OpenItemRow {
  kind: 'alarm' | 'outage' | 'gap';
  itemId: number;
  cameraId: string;
  cameraName: string | null;
  detail: string;
  startedAt: number;
}

/** Start of the station's (UTC+7) day containing `now`. */
export function startOfStationDay(now: number): number {
  const local = now + STATION_UTC_OFFSET_MS;
  return local - (local % 86_400_000) - STATION_UTC_OFFSET_MS;
}

export class CentreQueries {
  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  async overview(): Promise<StationOverview[]> {
    const now = this.now();
    const dayStart = startOfStationDay(now);
    const rows = await this.db.all<Record<string, number | string | null>>(
      `SELECT s.id, s.name, s.last_seen, s.last_seq, s.cameras, s.online, s.recording, s.open_alarms,
         (SELECT COUNT(*) FROM open_items o WHERE o.station = s.id AND o.kind = 'outage') AS open_outages,
         (SELECT COUNT(*) FROM incidents i WHERE i.station = s.id AND i.occurred_at >= ?) AS incidents_today
       FROM stations s ORDER BY s.name COLLATE NOCASE`,
      [dayStart],
    );
    return rows.map((r) => {
      const lastSeen = r.last_seen === null ? null : Number(r.last_seen);
      return {
        id: String(r.id),
        name: String(r.name),
        lastSeen,
        connected: lastSeen !== null && now - lastSeen <= LOST_AFTER_MS,
        lastSeq: Number(r.last_seq),
        cameras: r.cameras as number | null,
        online: r.online as number | null,
        recording: r.recording as number | null,
        openAlarms: r.open_alarms as number | null,
        openOutages: Number(r.open_outages),
        incidentsToday: Number(r.incidents_today),
      };
    });
  }

  async incidents(station: string, fromMs: number, toMs: number): Promise<IncidentRow[]> {
    const byId = await this.cameraNames(station);
    const rows = await this.db.all<Record<string, number | string>>(
      `SELECT * FROM incidents WHERE station = ? AND occurred_at >= ? AND occurred_at < ?
       ORDER BY occurred_at DESC LIMIT 1000`,
      [station, fromMs, toMs],
    );
    return rows.map((r) => ({
      incidentId: String(r.incident_id),
      code: String(r.code),
      category: String(r.category),
      severity: String(r.severity),
      status: String(r.status),
      location: String(r.location),
      occurredAt: Number(r.occurred_at),
      cameras: JSON.parse(String(r.cameras)) as string[],
      cameraNames: (JSON.parse(String(r.cameras)) as string[]).map((id) => byId[id] ?? id),
      version: Number(r.version),
    }));
  }

  /** The station's camera names by id, as its last health event with names said. */
  private async cameraNames(station: string): Promise<Record<string, string>> {
    const row = await this.db.get<{ camera_names: string | null }>(
      'SELECT camera_names FROM stations WHERE id = ?',
      [station],
    );
    return JSON.parse(row?.camera_names ?? '{}') as Record<string, string>;
  }

  async openItems(station: string): Promise<OpenItemRow[]> {
    const byId = await this.cameraNames(station);
    const rows = await this.db.all<Record<string, number | string>>(
      'SELECT * FROM open_items WHERE station = ? ORDER BY started_at DESC LIMIT 500',
      [station],
    );
    return rows.map((r) => ({
      kind: r.kind as OpenItemRow['kind'],
      itemId: Number(r.item_id),
      cameraId: String(r.camera_id),
      cameraName: byId[String(r.camera_id)] ?? null,
      detail: String(r.detail),
      startedAt: Number(r.started_at),
    }));
  }
}
