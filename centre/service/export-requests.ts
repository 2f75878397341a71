// The centre's footage requests: stored, then published to the station's request
// subject through JetStream (stream RQ_<ID>, msgID = requestId so a re-send is one
// request), marked 'sent'. The station's commander decides; the decision comes back as
// an export-decision event and the read model updates the row.
import type { JetStreamClient } from '@nats-io/jetstream';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Database } from '../../electron/core/db/database';
import { ExportRequest, StationId, districtSubjects } from '../../electron/contract/district';
import { Id } from '../../electron/contract/schemas';

export const NewExportRequest = z
  .object({
    station: StationId,
    incidentCode: z.string().trim().min(1).max(32).nullable().default(null),
    fromMs: z.number().int().nullable().default(null),
    toMs: z.number().int().nullable().default(null),
    cameraIds: z.array(Id).max(64).default([]),
    reason: z.string().trim().min(1).max(500),
    requestedBy: z.string().trim().min(1).max(120),
  })
  .strict()
  .refine(
    (r) => r.incidentCode !== null || (r.fromMs !== null && r.toMs !== null && r.fromMs < r.toMs),
    {
      message: 'incident_or_range',
    },
  );
export type NewExportRequest = z.input<typeof NewExportRequest>;

export interface ExportRequestRow {
  requestId: string;
  station: string;
  incidentCode: string | null;
  fromMs: number | null;
  toMs: number | null;
  cameraIds: string[];
  reason: string;
  requestedBy: string;
  requestedAt: number;
  status: 'sending' | 'sent' | 'failed' | 'approved' | 'refused';
  sendError: string | null;
  decidedAt: number | null;
  decidedBy: string | null;
  decisionReason: string | null;
  exportStatus: string | null;
}

export class UnknownStation extends Error {
  constructor(id: string) {
    super(`unknown station ${id}`);
    this.name = 'UnknownStation';
  }
}

export class ExportRequests {
  constructor(
    private readonly db: Database,
    /** Null while the hub is not reachable: requests are then stored as failed. */
    private readonly js: () => JetStreamClient | null,
    private readonly now: () => number = Date.now,
  ) {}

  async send(input: NewExportRequest): Promise<ExportRequestRow> {
    const r = NewExportRequest.parse(input);
    const known = await this.db.get('SELECT 1 FROM stations WHERE id = ?', [r.station]);
    if (!known) throw new UnknownStation(r.station);
    const request: ExportRequest = ExportRequest.parse({
      requestId: `rq-${randomUUID()}`,
      incidentCode: r.incidentCode,
      fromMs: r.fromMs,
      toMs: r.toMs,
      cameraIds: r.cameraIds,
      reason: r.reason,
      requestedBy: r.requestedBy,
      requestedAt: this.now(),
    });
    await this.db.run(
      `INSERT INTO export_requests (request_id, station, incident_code, from_ms, to_ms, camera_ids, reason,
         requested_by, requested_at, status, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'sending', ?)`,
      [
        request.requestId,
        r.station,
        request.incidentCode,
        request.fromMs,
        request.toMs,
        JSON.stringify(request.cameraIds),
        request.reason,
        request.requestedBy,
        request.requestedAt,
        request.requestedAt,
      ],
    );
    const js = this.js();
    let status: 'sent' | 'failed' = 'failed';
    let error: string | null = 'hub_unreachable';
    if (js) {
      try {
        await js.publish(districtSubjects.request(r.station, 'export'), JSON.stringify(request), {
          msgID: request.requestId,
          timeout: 5_000,
        });
        status = 'sent';
        error = null;
      } catch (err) {
        error = String(err).slice(0, 300);
      }
    }
    // A decision may not have come back yet; only 'sending' moves to sent/failed.
    await this.db.run(
      `UPDATE export_requests SET status = ?, send_error = ?, updated_at = ? WHERE request_id = ? AND status = 'sending'`,
      [status, error, this.now(), request.requestId],
    );
    const row = (await this.list({ requestId: request.requestId }))[0];
    if (!row) throw new Error('export request vanished');
    return row;
  }

  async list(filter: { station?: string; requestId?: string } = {}): Promise<ExportRequestRow[]> {
    const rows = await this.db.all<Record<string, string | number | null>>(
      `SELECT * FROM export_requests
       WHERE (?1 IS NULL OR station = ?1) AND (?2 IS NULL OR request_id = ?2)
       ORDER BY requested_at DESC LIMIT 500`,
      [filter.station ?? null, filter.requestId ?? null],
    );
    return rows.map((x) => ({
      requestId: String(x.request_id),
      station: String(x.station),
      incidentCode: x.incident_code as string | null,
      fromMs: x.from_ms as number | null,
      toMs: x.to_ms as number | null,
      cameraIds: JSON.parse(String(x.camera_ids)) as string[],
      reason: String(x.reason),
      requestedBy: String(x.requested_by),
      requestedAt: Number(x.requested_at),
      status: x.status as ExportRequestRow['status'],
      sendError: x.send_error as string | null,
      decidedAt: x.decided_at as number | null,
      decidedBy: x.decided_by as string | null,
      decisionReason: x.decision_reason as string | null,
      exportStatus: x.export_status as string | null,
    }));
  }
}
