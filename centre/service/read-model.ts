// Applies the stations' events to the centre's read model. An envelope is applied iff
// its seq is above the last one applied for its station, in the same SQLite transaction
// that moves that mark: a redelivery after a crash or a re-sourced stream is refused, so
// each event counts exactly once and in order. A jump in seq is kept as a gap row (the
// station's outbox is gap-free, so a jump means events lost upstream).
import type { Database, Queryable } from '../../electron/core/db/database';
import {
  AlarmEventData,
  DistrictEnvelope,
  ExportDecisionData,
  ExportEventData,
  GapEventData,
  HealthEventData,
  IncidentEventData,
  OutageEventData,
} from '../../electron/contract/district';

export type ApplyOutcome = 'applied' | 'duplicate' | 'rejected';

export interface ReadModelLog {
  warn(message: string): void;
}

const MAX_RAW = 4096;

export class ReadModel {
  constructor(
    private readonly db: Database,
    private readonly log: ReadModelLog = { warn: () => undefined },
    private readonly now: () => number = Date.now,
  ) {}

  /** A station the registry knows, shown before its first event arrives. */
  async ensureStation(id: string, name: string): Promise<void> {
    await this.db.run(
      `INSERT INTO stations (id, name) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name`,
      [id, name],
    );
  }

  /** One message as received: parsed, checked, applied or refused. Never throws on bad input. */
  async receive(subject: string, body: Uint8Array | string): Promise<ApplyOutcome> {
    const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      await this.reject(subject, 'not_json', text);
      return 'rejected';
    }
    const env = DistrictEnvelope.safeParse(json);
    if (!env.success) {
      await this.reject(subject, `envelope: ${env.error.issues[0]?.message ?? 'invalid'}`, text);
      return 'rejected';
    }
    // A station publishes only under its own subject tree; an envelope naming another is forged.
    const subjectStation = /^dc\.([^.]+)\.ev\./.exec(subject)?.[1];
    if (subjectStation !== undefined && subjectStation !== env.data.station) {
      await this.reject(subject, 'station_mismatch', text);
      return 'rejected';
    }
    return this.apply(env.data);
  }

  async apply(env: DistrictEnvelope): Promise<ApplyOutcome> {
    const dataProblem: string[] = [];
    const outcome = await this.db.transaction(async (tx) => {
      const row = await tx.get<{ last_seq: number }>('SELECT last_seq FROM stations WHERE id = ?', [
        env.station,
      ]);
      const last = row?.last_seq ?? 0;
      if (!row)
        await tx.run('INSERT INTO stations (id, name) VALUES (?, ?)', [env.station, env.station]);
      if (env.seq <= last) {
        await tx.run('UPDATE stations SET duplicates = duplicates + 1 WHERE id = ?', [env.station]);
        return 'duplicate' as const;
      }
      const now = this.now();
      if (env.seq > last + 1) {
        await tx.run(
          'INSERT INTO seq_gaps (station, from_seq, to_seq, detected_at) VALUES (?, ?, ?, ?)',
          [env.station, last + 1, env.seq - 1, now],
        );
      }
      await tx.run(
        'INSERT INTO events (station, seq, kind, at, data, received_at) VALUES (?, ?, ?, ?, ?, ?)',
        [env.station, env.seq, env.kind, env.at, JSON.stringify(env.data), now],
      );
      const problem = await applyKind(tx, env, now);
      if (problem) dataProblem.push(problem);
      // Last seen: the station's own time of the change, never ahead of ours (clock skew).
      await tx.run(
        `UPDATE stations SET last_seq = ?, last_seen = MAX(COALESCE(last_seen, 0), ?) WHERE id = ?`,
        [env.seq, Math.min(env.at, now), env.station],
      );
      return 'applied' as const;
    });
    for (const problem of dataProblem) {
      // The event is stored and its seq counted; only its effect on the tables is skipped.
      await this.reject(
        `dc.${env.station}.ev.${env.kind}`,
        `data: ${problem}`,
        JSON.stringify(env),
      );
    }
    return outcome;
  }

  private async reject(subject: string, reason: string, raw: string): Promise<void> {
    this.log.warn(`district message on ${subject} refused: ${reason}`);
    await this.db.run(
      'INSERT INTO rejects (received_at, subject, reason, raw) VALUES (?, ?, ?, ?)',
      [this.now(), subject.slice(0, 200), reason.slice(0, 500), raw.slice(0, MAX_RAW)],
    );
  }

  /** For tests and the status line: events stored per station, duplicates refused, gaps, rejects. */
  async counts(): Promise<{
    events: Record<string, number>;
    duplicates: Record<string, number>;
    gaps: number;
    rejects: number;
  }> {
    const events: Record<string, number> = {};
    const duplicates: Record<string, number> = {};
    for (const r of await this.db.all<{ station: string; n: number }>(
      'SELECT station, COUNT(*) AS n FROM events GROUP BY station',
    )) {
      events[r.station] = r.n;
    }
    for (const r of await this.db.all<{ id: string; duplicates: number }>(
      'SELECT id, duplicates FROM stations',
    )) {
      duplicates[r.id] = r.duplicates;
    }
    const gaps = (await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM seq_gaps'))?.n ?? 0;
    const rejects = (await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM rejects'))?.n ?? 0;
    return { events, duplicates, gaps, rejects };
  }
}

/** The event's effect on the read model; returns a problem when its data does not parse. */
async function applyKind(
  tx: Queryable,
  env: DistrictEnvelope,
  now: number,
): Promise<string | null> {
  const station = env.station;
  switch (env.kind) {
    case 'incident': {
      const d = IncidentEventData.safeParse(env.data);
      if (!d.success) return 'incident data invalid';
      const i = d.data;
      // Newest version wins: an older edit arriving later never overwrites a newer one.
      await tx.run(
        `INSERT INTO incidents (station, incident_id, code, category, severity, status, location,
           occurred_at, cameras, version, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(station, incident_id) DO UPDATE SET
           code = excluded.code, category = excluded.category, severity = excluded.severity,
           status = excluded.status, location = excluded.location, occurred_at = excluded.occurred_at,
           cameras = excluded.cameras, version = excluded.version, updated_at = excluded.updated_at
         WHERE excluded.version >= incidents.version`,
        [
          station,
          i.incidentId,
          i.code,
          i.category,
          i.severity,
          i.status,
          i.location,
          i.occurredAt,
          JSON.stringify(i.cameras),
          i.version,
          i.at,
        ],
      );
      return null;
    }
    case 'outage': {
      const d = OutageEventData.safeParse(env.data);
      if (!d.success) return 'outage data invalid';
      await openOrClose(
        tx,
        station,
        'outage',
        d.data.outageId,
        d.data.cameraId,
        d.data.errorKind ?? d.data.stream,
        d.data.startedAt,
        d.data.endedAt,
      );
      return null;
    }
    case 'gap': {
      const d = GapEventData.safeParse(env.data);
      if (!d.success) return 'gap data invalid';
      await openOrClose(
        tx,
        station,
        'gap',
        d.data.gapId,
        d.data.cameraId,
        d.data.reason,
        d.data.startMs,
        d.data.endMs,
      );
      return null;
    }
    case 'alarm': {
      const d = AlarmEventData.safeParse(env.data);
      if (!d.success) return 'alarm data invalid';
      await openOrClose(
        tx,
        station,
        'alarm',
        d.data.alarmId,
        d.data.cameraId,
        d.data.kind,
        d.data.startedAt,
        d.data.endedAt,
      );
      return null;
    }
    case 'health': {
      const d = HealthEventData.safeParse(env.data);
      if (!d.success) return 'health data invalid';
      // Only a newer report replaces the figures (events apply in seq order, which is commit order).
      await tx.run(
        `UPDATE stations SET cameras = ?, online = ?, recording = ?, open_alarms = ?, health_at = ?,
           camera_names = COALESCE(?, camera_names) WHERE id = ?`,
        [
          d.data.cameras,
          d.data.online,
          d.data.recording,
          d.data.openAlarms,
          env.at,
          d.data.names ? JSON.stringify(d.data.names) : null,
          station,
        ],
      );
      return null;
    }
    case 'export-decision': {
      const d = ExportDecisionData.safeParse(env.data);
      if (!d.success) return 'export-decision data invalid';
      const r = await tx.run(
        `UPDATE export_requests SET status = ?, decided_at = ?, decided_by = ?, decision_reason = ?,
           updated_at = ? WHERE request_id = ? AND station = ?`,
        [
          d.data.decision,
          d.data.decidedAt,
          d.data.officerName,
          d.data.reason,
          now,
          d.data.requestId,
          station,
        ],
      );
      return r.changes === 0 ? `decision for unknown request ${d.data.requestId}` : null;
    }
    case 'export': {
      const d = ExportEventData.safeParse(env.data);
      if (!d.success) return 'export data invalid';
      if (d.data.requestId) {
        await tx.run(
          `UPDATE export_requests SET export_status = ?, manifest_sha256 = ?, updated_at = ?
           WHERE request_id = ? AND station = ?`,
          [d.data.status, d.data.manifestSha256, now, d.data.requestId, station],
        );
      }
      return null;
    }
    default:
      // handover, storage, audit-head: kept in the event log only.
      return null;
  }
}

async function openOrClose(
  tx: Queryable,
  station: string,
  kind: 'alarm' | 'outage' | 'gap',
  itemId: number,
  cameraId: string,
  detail: string,
  startedAt: number,
  endedAt: number | null,
): Promise<void> {
  if (endedAt === null) {
    await tx.run(
      `INSERT INTO open_items (station, kind, item_id, camera_id, detail, started_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(station, kind, item_id) DO UPDATE SET detail = excluded.detail`,
      [station, kind, itemId, cameraId, detail, startedAt],
    );
  } else {
    await tx.run('DELETE FROM open_items WHERE station = ? AND kind = ? AND item_id = ?', [
      station,
      kind,
      itemId,
    ]);
  }
}
