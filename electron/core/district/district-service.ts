// The station's side of the district link (docs/design/district.md), without the
// transport: a commander connects the station with the credentials file the centre
// issued, or disconnects it (both audited); the service writes its own events (health
// every minute, the audit head every five) to the outbox the domains' triggers fill,
// stores the centre's export requests and records a commander's answer, with its audit
// row and its outbox row, in one transaction. The link runner (NATS: leaf node,
// publisher, request inbox) is injected and knows nothing of the database.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventName, EventOf } from '../../contract/channels';
import {
  ExportRequest,
  StationCredentials,
  type DistrictStatus,
  type HealthEventData,
  type StationExportRequest,
} from '../../contract/district';
import type { z } from 'zod';
import { ApiError } from '../../contract/errors';
import type { ParsedExportSelection } from '../../contract/export-schemas';
import type { Principal } from '../app/dispatch';
import type { AuditLog } from '../audit/audit-log';
import type { Database } from '../db/database';
import type { Logger } from '../logging/logger';
import type { SecretBox } from '../secrets/secret-box';
import type { OutboxStore } from './outbox-store';

/** The transport of the link (leaf node, publisher, request inbox); the lead's NATS runner. */
export interface DistrictLinkRunner {
  start(cfg: {
    stationId: string;
    credentials: StationCredentials;
    dataDir: string;
  }): Promise<void>;
  stop(): Promise<void>;
  state(): { link: DistrictStatus['link']; problem: string | null };
  onRequest(cb: (req: ExportRequest) => Promise<void>): void;
  /** Told when the link's state changes (linked, lost, refused), so the console hears it. */
  onState(cb: () => void): void;
  /** New outbox rows: publish now rather than at the next poll. */
  nudge(): void;
}

/** Until a transport is composed: the link stays off and says why. Never a real link. */
export class UnwiredDistrictLink implements DistrictLinkRunner {
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  state(): { link: DistrictStatus['link']; problem: string | null } {
    return { link: 'off', problem: 'nats not wired' };
  }
  onRequest(): void {}
  onState(): void {}
  nudge(): void {}
}

export type HealthSnapshot = z.infer<typeof HealthEventData>;

/** An incident as an export request names it (by its code). */
export interface IncidentRange {
  id: string;
  startMs: number;
  endMs: number;
  cameraIds: string[];
}

import { CENTRE_REQUEST_CASE_PREFIX } from '../../contract/district';
export { CENTRE_REQUEST_CASE_PREFIX };

type Emit = <E extends EventName>(event: E, payload: EventOf<E>) => void;

export interface DistrictServiceDeps {
  db: Database;
  outbox: OutboxStore;
  /** Seals the credentials' password, as camera passwords are sealed. */
  secrets: SecretBox;
  audit: Pick<AuditLog, 'append' | 'lastRow'>;
  link: DistrictLinkRunner;
  dataDir: string;
  emit: Emit;
  logger: Logger;
  /** Cameras, online, recording, open alarms, names: the minute's health event. */
  health: () => Promise<HealthSnapshot>;
  /** The incident with this code, for a request by incident; null when there is none. */
  incidentByCode: (code: string) => Promise<IncidentRange | null>;
  exports: {
    begin(sel: ParsedExportSelection, actor: Principal): Promise<{ id: string }>;
    cancel(id: string, actor: Principal): Promise<unknown>;
  };
  /** Where approved exports are written (ExportService allows it inside the data folder). */
  releaseDir: string;
  now?: () => number;
  healthEveryMs?: number;
  auditHeadEveryMs?: number;
}

interface LinkRow {
  enabled: number;
  station_id: string;
  station_name: string;
  hub_url: string;
  credentials_json: string;
  connected_at: number;
  connected_by: string;
}

interface RequestRow {
  request_id: string;
  request_json: string;
  received_at: number;
  status: StationExportRequest['status'];
  decided_at: number | null;
  decided_by: string | null;
  decision_reason: string | null;
  export_id: string | null;
}

const HEALTH_EVERY_MS = 60_000;
const AUDIT_HEAD_EVERY_MS = 5 * 60_000;
const NAMES_EVERY_MS = 60 * 60_000;
/** Requests listed at most (the panel shows the recent ones). */
const REQUESTS_LIMIT = 500;

export class DistrictService {
  private readonly now: () => number;
  private timers: NodeJS.Timeout[] = [];
  /** Requests a commander is deciding now: a second click waits for nothing and is refused. */
  private readonly deciding = new Set<string>();
  private disposed = false;
  private namesSent = { key: '', at: 0 };

  constructor(private readonly deps: DistrictServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Hears the centre's requests and starts the link when a commander left it connected. */
  async start(): Promise<void> {
    this.deps.link.onRequest((req) => this.receive(req));
    this.deps.link.onState(() => void this.statusChanged().catch(() => undefined));
    const row = await this.linkRow();
    if (row?.enabled === 1) await this.startLink(row);
    this.timers = [
      setInterval(() => void this.tick('health'), this.deps.healthEveryMs ?? HEALTH_EVERY_MS),
      setInterval(
        () => void this.tick('audit-head'),
        this.deps.auditHeadEveryMs ?? AUDIT_HEAD_EVERY_MS,
      ),
    ];
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.deps.link.stop();
  }

  async status(): Promise<DistrictStatus> {
    const row = await this.linkRow();
    const stats = await this.deps.outbox.stats();
    const enabled = row?.enabled === 1;
    const state = enabled ? this.deps.link.state() : { link: 'off' as const, problem: null };
    return {
      enabled,
      stationId: row?.station_id ?? null,
      stationName: row?.station_name ?? null,
      hubUrl: row?.hub_url ?? null,
      link: state.link,
      problem: state.problem,
      pending: stats.pending,
      oldestPendingAt: stats.oldestPendingAt,
      lastPublishedSeq: stats.lastPublishedSeq,
      connectedAt: enabled ? (row?.connected_at ?? null) : null,
    };
  }

  /**
   * Connects the station with the credentials file's text: stored (password sealed),
   * enabled and audited in one transaction, then the link starts. A station linked to
   * one centre id must be disconnected before it takes another's credentials.
   */
  async connect(credentialsText: string, actor: Principal): Promise<DistrictStatus> {
    const credentials = parseCredentials(credentialsText);
    const before = await this.linkRow();
    if (before?.enabled === 1 && before.station_id !== credentials.stationId)
      throw new ApiError(
        'invalid_request',
        `Trạm đang nối với trung tâm bằng mã trạm "${before.station_id}"; hãy ngắt kết nối trước ` +
          `khi dùng tệp của mã trạm khác. / Linked as "${before.station_id}": disconnect first.`,
        { credentials: 'credentials_station' },
      );
    const stored = JSON.stringify({
      ...credentials,
      password: this.deps.secrets.encrypt(credentials.password),
    });
    const at = this.now();
    await this.deps.db.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO district_link (id, enabled, station_id, station_name, hub_url,
           credentials_json, connected_at, connected_by)
         VALUES (1, 1, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET enabled = 1, station_id = excluded.station_id,
           station_name = excluded.station_name, hub_url = excluded.hub_url,
           credentials_json = excluded.credentials_json, connected_at = excluded.connected_at,
           connected_by = excluded.connected_by`,
        [
          credentials.stationId,
          credentials.stationName,
          credentials.hubUrl,
          stored,
          at,
          actor.officerId,
        ],
      );
      await this.deps.audit.append(
        {
          action: 'district.connected',
          actor: { officerId: actor.officerId, fullName: actor.fullName },
          subject: credentials.stationId,
          details: {
            stationName: credentials.stationName,
            hubUrl: credentials.hubUrl,
            user: credentials.user,
          },
        },
        tx,
      );
    });
    // New credentials: the running link (if any) goes, the new one starts.
    await this.deps.link.stop();
    const row = await this.linkRow();
    if (row) await this.startLink(row);
    // The centre hears of the station at once, not a minute later.
    await this.tick('health', { announce: false });
    await this.tick('audit-head');
    return this.statusChanged();
  }

  /** Stops publishing and turns the outbox triggers off (audited); the credentials stay. */
  async disconnect(actor: Principal): Promise<DistrictStatus> {
    const row = await this.linkRow();
    if (row?.enabled === 1)
      await this.deps.db.transaction(async (tx) => {
        await tx.run('UPDATE district_link SET enabled = 0 WHERE id = 1');
        await this.deps.audit.append(
          {
            action: 'district.disconnected',
            actor: { officerId: actor.officerId, fullName: actor.fullName },
            subject: row.station_id,
            details: { stationName: row.station_name, hubUrl: row.hub_url },
          },
          tx,
        );
      });
    await this.deps.link.stop();
    return this.statusChanged();
  }

  async requests(filter: { status: 'pending' | 'all' }): Promise<StationExportRequest[]> {
    const rows = await this.deps.db.all<RequestRow>(
      `SELECT * FROM district_requests ${filter.status === 'pending' ? "WHERE status = 'pending'" : ''}
       ORDER BY received_at DESC, request_id LIMIT ?`,
      [REQUESTS_LIMIT],
    );
    return rows.map(toRequest);
  }

  /**
   * A request from the centre, as the link delivered it: stored once (a redelivery
   * after a restart or a link drop is ignored), then shown to the consoles.
   */
  async receive(req: ExportRequest): Promise<void> {
    const parsed = ExportRequest.parse(req);
    const r = await this.deps.db.run(
      `INSERT INTO district_requests (request_id, request_json, received_at) VALUES (?, ?, ?)
       ON CONFLICT (request_id) DO NOTHING`,
      [parsed.requestId, JSON.stringify(parsed), this.now()],
    );
    if (r.changes === 0) return;
    const row = await this.requestRow(parsed.requestId);
    if (row) this.deps.emit('district.request', toRequest(row));
  }

  /**
   * A commander's answer. Approving starts the export first (one runs at a time: a busy
   * exporter refuses now and the request stays pending); the decision, its audit row and
   * its outbox row then commit together, naming the export.
   */
  async decide(
    requestId: string,
    decision: 'approved' | 'refused',
    reason: string,
    actor: Principal,
  ): Promise<StationExportRequest> {
    if (this.deciding.has(requestId)) throw new ApiError('conflict', 'request_being_decided');
    this.deciding.add(requestId);
    try {
      const row = await this.requestRow(requestId);
      if (!row) throw new ApiError('not_found', 'not_found');
      if (row.status !== 'pending') throw new ApiError('conflict', 'already_decided');
      const request = ExportRequest.parse(JSON.parse(row.request_json));
      let exportId: string | null = null;
      if (decision === 'approved') {
        const selection = await this.selectionOf(request);
        exportId = (await this.deps.exports.begin(selection, actor)).id;
      }
      const at = this.now();
      try {
        await this.deps.db.transaction(async (tx) => {
          const r = await tx.run(
            `UPDATE district_requests SET status = ?, decided_at = ?, decided_by = ?,
               decision_reason = ?, export_id = ? WHERE request_id = ? AND status = 'pending'`,
            [decision, at, actor.fullName, reason, exportId, requestId],
          );
          if (r.changes !== 1) throw new ApiError('conflict', 'already_decided');
          await this.deps.audit.append(
            {
              action:
                decision === 'approved' ? 'district.request.approved' : 'district.request.refused',
              actor: { officerId: actor.officerId, fullName: actor.fullName },
              subject: requestId,
              details: {
                requestedBy: request.requestedBy,
                incident: request.incidentCode,
                reason,
                exportId,
              },
            },
            tx,
          );
          await this.deps.outbox.append(
            'export-decision',
            at,
            { requestId, decision, decidedAt: at, officerName: actor.fullName, reason, exportId },
            tx,
          );
        });
      } catch (err) {
        // Not recorded means not released: the export started for it goes.
        if (exportId) await this.deps.exports.cancel(exportId, actor).catch(() => undefined);
        throw err;
      }
      this.deps.link.nudge();
      const decided = toRequest((await this.requestRow(requestId)) as RequestRow);
      this.deps.emit('district.request', decided);
      return decided;
    } finally {
      this.deciding.delete(requestId);
    }
  }

  /** What an approved request exports: its incident's range and cameras unless it names its own. */
  private async selectionOf(req: ExportRequest): Promise<ParsedExportSelection> {
    const incident = req.incidentCode ? await this.deps.incidentByCode(req.incidentCode) : null;
    if (req.incidentCode && !incident) throw new ApiError('not_found', 'incident_not_found');
    const fromMs = req.fromMs ?? incident?.startMs;
    const toMs = req.toMs ?? incident?.endMs;
    const cameraIds = req.cameraIds.length > 0 ? req.cameraIds : (incident?.cameraIds ?? []);
    if (fromMs === undefined || toMs === undefined || cameraIds.length === 0)
      throw new ApiError('conflict', 'request_incomplete');
    await mkdir(this.deps.releaseDir, { recursive: true, mode: 0o700 });
    return {
      incidentId: incident?.id ?? null,
      cameraIds,
      fromMs,
      toMs,
      destination: this.deps.releaseDir,
      caseNumber: `${CENTRE_REQUEST_CASE_PREFIX}${req.requestId}`,
    };
  }

  private async startLink(row: LinkRow): Promise<void> {
    try {
      const stored = JSON.parse(row.credentials_json) as StationCredentials;
      const credentials = StationCredentials.parse({
        ...stored,
        password: this.deps.secrets.decrypt(stored.password),
      });
      await this.deps.link.start({
        stationId: row.station_id,
        credentials,
        dataDir: join(this.deps.dataDir, 'district'),
      });
    } catch (err) {
      // The link reports its own problem; the station runs on without it.
      this.deps.logger.warn('district link did not start', { err: String(err) });
    }
  }

  /**
   * Appends the service's own event when the station is linked, then nudges the link;
   * the minute's health also refreshes the consoles' status (the backlog changes).
   */
  private async tick(
    kind: 'health' | 'audit-head',
    opts: { announce: boolean } = { announce: true },
  ): Promise<void> {
    if (this.disposed) return;
    try {
      if ((await this.linkRow())?.enabled !== 1) return;
      const at = this.now();
      if (kind === 'health') {
        await this.deps.outbox.append(
          'health',
          at,
          this.withNamesWhenDue(await this.deps.health(), at),
        );
      } else {
        const head = await this.deps.audit.lastRow();
        if (head) await this.deps.outbox.append('audit-head', at, { ...head, at });
        await this.deps.outbox.prune(at);
      }
      this.deps.link.nudge();
      if (kind === 'health' && opts.announce) await this.statusChanged();
    } catch (err) {
      this.deps.logger.warn('district event not written', { kind, err: String(err) });
    }
  }

  /**
   * Camera names ride on a health event only when they changed or an hour passed: sent
   * every minute they would outweigh everything else the link carries.
   */
  private withNamesWhenDue(snapshot: HealthSnapshot, at: number): HealthSnapshot {
    const key = JSON.stringify(snapshot.names ?? {});
    if (key !== this.namesSent.key || at - this.namesSent.at >= NAMES_EVERY_MS) {
      this.namesSent = { key, at };
      return snapshot;
    }
    const { names: _names, ...rest } = snapshot;
    return rest;
  }

  private async statusChanged(): Promise<DistrictStatus> {
    const status = await this.status();
    this.deps.emit('district.status', status);
    return status;
  }

  private linkRow(): Promise<LinkRow | undefined> {
    return this.deps.db.get<LinkRow>('SELECT * FROM district_link WHERE id = 1');
  }

  private requestRow(requestId: string): Promise<RequestRow | undefined> {
    return this.deps.db.get<RequestRow>('SELECT * FROM district_requests WHERE request_id = ?', [
      requestId,
    ]);
  }
}

/** The credentials file's text as StationCredentials; anything else is credentials_format. */
export function parseCredentials(text: string): StationCredentials {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = StationCredentials.safeParse(json);
  if (!parsed.success)
    throw new ApiError(
      'invalid_request',
      'Tệp thông tin kết nối không đúng định dạng do trung tâm cấp. ' +
        '/ Not a station credentials file issued by the centre.',
      { credentials: 'credentials_format' },
    );
  return parsed.data;
}

function toRequest(r: RequestRow): StationExportRequest {
  return {
    ...ExportRequest.parse(JSON.parse(r.request_json)),
    receivedAt: r.received_at,
    status: r.status,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
    decisionReason: r.decision_reason,
  };
}
