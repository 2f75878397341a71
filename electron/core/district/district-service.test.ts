// DistrictService over a real SQLite file and audit log, with a fake link runner (the
// transport is tested with the lead's NATS runner) and a fake exporter.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AuditHeadData,
  DistrictStatus,
  ExportDecisionData,
  HealthEventData,
  StationExportRequest,
  type ExportRequest,
  type StationCredentials,
} from '../../contract/district';
import { ApiError } from '../../contract/errors';
import type { ParsedExportSelection } from '../../contract/export-schemas';
import type { Principal } from '../app/dispatch';
import { AuditLog } from '../audit/audit-log';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { silentLogger } from '../logging/logger';
import { KeyFileSecretBox } from '../secrets/key-file-secret-box';
import {
  CENTRE_REQUEST_CASE_PREFIX,
  DistrictService,
  UnwiredDistrictLink,
  type DistrictLinkRunner,
  type DistrictServiceDeps,
} from './district-service';
import { OutboxStore } from './outbox-store';

const T0 = Date.UTC(2026, 2, 10, 1, 0, 0);
const CREDENTIALS: StationCredentials = {
  format: 'station-district-credentials/1',
  stationId: 'phuong-1',
  stationName: 'Công an phường 1',
  hubUrl: 'tls://hub.example:7422',
  user: 'st-phuong-1',
  password: 'mat-khau-rat-dai-0123456789',
  caPem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
};
const commander: Principal = {
  officerId: 'off-cmd',
  fullName: 'Trần Thị Bình',
  rank: 'Thiếu tá',
  role: 'commander',
  shiftId: null,
  token: 't',
  locked: false,
};
const REQUEST: ExportRequest = {
  requestId: 'rq-0000-0001',
  incidentCode: '2026-0007',
  fromMs: null,
  toMs: null,
  cameraIds: [],
  reason: 'Phục vụ điều tra vụ trộm',
  requestedBy: 'Đại úy Lê Văn Cường',
  requestedAt: T0 - 1000,
};

class FakeLink implements DistrictLinkRunner {
  started: Parameters<DistrictLinkRunner['start']>[0][] = [];
  stops = 0;
  nudges = 0;
  deliver: ((req: ExportRequest) => Promise<void>) | null = null;
  async start(cfg: Parameters<DistrictLinkRunner['start']>[0]): Promise<void> {
    this.started.push(cfg);
  }
  async stop(): Promise<void> {
    this.stops++;
  }
  state() {
    return { link: 'linking' as const, problem: null };
  }
  onRequest(cb: (req: ExportRequest) => Promise<void>): void {
    this.deliver = cb;
  }
  onState(): void {}
  nudge(): void {
    this.nudges++;
  }
}

let dir: string;
let db: Database;
let audit: AuditLog;
let outbox: OutboxStore;
let link: FakeLink;
let events: [string, unknown][];
let begun: ParsedExportSelection[];
let beginError: ApiError | null;
let service: DistrictService;
let clock: number;

function make(over: Partial<DistrictServiceDeps> = {}): DistrictService {
  return new DistrictService({
    db,
    outbox,
    secrets: KeyFileSecretBox.forDataDir(dir),
    audit,
    link,
    dataDir: dir,
    emit: (event, payload) => events.push([event, payload]),
    logger: silentLogger,
    health: async () => ({
      cameras: 3,
      online: 2,
      recording: 2,
      openAlarms: 1,
      names: { 'cam-1': 'Cổng chính' },
    }),
    incidentByCode: async (code) =>
      code === '2026-0007'
        ? { id: 'inc-7', startMs: T0 - 600_000, endMs: T0 - 300_000, cameraIds: ['cam-1'] }
        : null,
    exports: {
      begin: async (sel) => {
        if (beginError) throw beginError;
        begun.push(sel);
        return { id: `exp-${begun.length}` };
      },
      cancel: async () => undefined,
    },
    releaseDir: join(dir, 'district-exports'),
    now: () => clock,
    ...over,
  });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-district-'));
  db = await openStationDb(dir);
  clock = T0;
  audit = new AuditLog({
    db,
    key: randomBytes(32),
    headFile: join(dir, 'audit-head.json'),
    now: () => clock,
  });
  outbox = new OutboxStore(db);
  link = new FakeLink();
  events = [];
  begun = [];
  beginError = null;
  service = make();
  await service.start();
});
afterEach(async () => {
  await service.dispose();
  await audit.settled();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(err)}`);
  return err;
}

const auditActions = async () =>
  (
    await db.all<{ action: string; subject: string | null }>(
      'SELECT action, subject FROM audit_log ORDER BY seq',
    )
  ).map((r) => `${r.action} ${r.subject ?? ''}`.trim());

const outboxKinds = async () => (await outbox.pending(0, 100)).map((r) => r.kind);

describe('DistrictService', () => {
  it('is off until a commander connects it', async () => {
    expect(DistrictStatus.parse(await service.status())).toEqual({
      enabled: false,
      stationId: null,
      stationName: null,
      hubUrl: null,
      link: 'off',
      problem: null,
      pending: 0,
      oldestPendingAt: null,
      lastPublishedSeq: 0,
      connectedAt: null,
    });
    expect(link.started).toEqual([]);
  });

  it('refuses text that is not a credentials file, storing nothing', async () => {
    for (const text of ['not json', JSON.stringify({ ...CREDENTIALS, password: 'short' }), '{}']) {
      const err = await rejection(service.connect(text, commander));
      expect(err.code).toBe('invalid_request');
      expect(err.fields).toEqual({ credentials: 'credentials_format' });
      expect(err.message).toContain('Tệp thông tin kết nối');
    }
    expect(await db.all('SELECT * FROM district_link')).toEqual([]);
    expect(await auditActions()).toEqual([]);
  });

  it('connects: stores the credentials with the password sealed, audits, starts the link', async () => {
    const status = await service.connect(JSON.stringify(CREDENTIALS), commander);
    expect(status).toMatchObject({
      enabled: true,
      stationId: 'phuong-1',
      stationName: 'Công an phường 1',
      hubUrl: 'tls://hub.example:7422',
      link: 'linking',
      connectedAt: T0,
    });
    const row = await db.get<{ credentials_json: string; connected_by: string }>(
      'SELECT credentials_json, connected_by FROM district_link WHERE id = 1',
    );
    expect(row?.credentials_json).not.toContain(CREDENTIALS.password);
    expect(row?.connected_by).toBe('off-cmd');
    expect(link.started).toEqual([
      { stationId: 'phuong-1', credentials: CREDENTIALS, dataDir: join(dir, 'district') },
    ]);
    expect(await auditActions()).toEqual(['district.connected phuong-1']);
    // The centre hears of the station at once: health and the audit head.
    const rows = await outbox.pending(0, 10);
    expect(rows.map((r) => r.kind)).toEqual(['health', 'audit-head']);
    expect(HealthEventData.parse(JSON.parse(rows[0]?.payload ?? ''))).toMatchObject({
      cameras: 3,
      online: 2,
    });
    expect(AuditHeadData.parse(JSON.parse(rows[1]?.payload ?? ''))).toMatchObject({
      seq: 1,
      at: T0,
    });
    expect(link.nudges).toBeGreaterThan(0);
    expect(events.filter(([e]) => e === 'district.status')).toHaveLength(1);

    // Another station's file while linked: disconnect first.
    const other = JSON.stringify({ ...CREDENTIALS, stationId: 'phuong-2' });
    expect((await rejection(service.connect(other, commander))).fields).toEqual({
      credentials: 'credentials_station',
    });
  });

  it('disconnects: the triggers go quiet, the link stops, the row stays', async () => {
    await service.connect(JSON.stringify(CREDENTIALS), commander);
    const stops = link.stops;
    const status = await service.disconnect(commander);
    expect(status).toMatchObject({
      enabled: false,
      link: 'off',
      stationId: 'phuong-1',
      connectedAt: null,
    });
    expect(link.stops).toBe(stops + 1);
    expect(await auditActions()).toEqual([
      'district.connected phuong-1',
      'district.disconnected phuong-1',
    ]);
    const before = (await outbox.stats()).pending;
    await db.run(
      "INSERT INTO camera_outages (camera_id, stream, started_at, error_kind) VALUES ('cam-1', 'main', 1, NULL)",
    );
    expect((await outbox.stats()).pending).toBe(before);
  });

  it('starts the link at service start when a commander left it connected', async () => {
    await service.connect(JSON.stringify(CREDENTIALS), commander);
    await service.dispose();
    link = new FakeLink();
    service = make();
    await service.start();
    expect(link.started.map((c) => c.credentials)).toEqual([CREDENTIALS]);
  });

  it('says "nats not wired" with the unwired runner', async () => {
    await service.dispose();
    service = make({ link: new UnwiredDistrictLink() });
    await service.start();
    await service.connect(JSON.stringify(CREDENTIALS), commander);
    expect(await service.status()).toMatchObject({
      enabled: true,
      link: 'off',
      problem: 'nats not wired',
    });
  });

  it('appends health on its timer while linked, and nothing while not', async () => {
    await service.dispose();
    service = make({ healthEveryMs: 10 });
    await service.start();
    await new Promise((r) => setTimeout(r, 60));
    expect(await outboxKinds()).toEqual([]);
    await service.connect(JSON.stringify(CREDENTIALS), commander);
    await vi.waitFor(async () =>
      expect((await outboxKinds()).filter((k) => k === 'health').length).toBeGreaterThan(2),
    );
  });

  it('stores a delivered request once and tells the consoles once', async () => {
    expect(link.deliver).not.toBeNull();
    await link.deliver?.(REQUEST);
    await link.deliver?.(REQUEST);
    const listed = await service.requests({ status: 'pending' });
    expect(listed).toEqual([
      {
        ...REQUEST,
        receivedAt: T0,
        status: 'pending',
        decidedAt: null,
        decidedBy: null,
        decisionReason: null,
      },
    ]);
    expect(StationExportRequest.parse(listed[0])).toEqual(listed[0]);
    expect(events.filter(([e]) => e === 'district.request')).toHaveLength(1);
  });

  it('records a refusal with its audit and outbox rows, once', async () => {
    await service.connect(JSON.stringify(CREDENTIALS), commander);
    await link.deliver?.(REQUEST);
    clock = T0 + 5000;
    const decided = await service.decide(
      REQUEST.requestId,
      'refused',
      'Không có hình ảnh',
      commander,
    );
    expect(decided).toMatchObject({
      status: 'refused',
      decidedAt: T0 + 5000,
      decidedBy: 'Trần Thị Bình',
      decisionReason: 'Không có hình ảnh',
    });
    expect(await auditActions()).toContain(`district.request.refused ${REQUEST.requestId}`);
    const row = (await outbox.pending(0, 100)).find((r) => r.kind === 'export-decision');
    expect(ExportDecisionData.parse(JSON.parse(row?.payload ?? ''))).toMatchObject({
      requestId: REQUEST.requestId,
      decision: 'refused',
      decidedAt: T0 + 5000,
      officerName: 'Trần Thị Bình',
      exportId: null,
    });
    expect(begun).toEqual([]);
    expect(
      await rejection(service.decide(REQUEST.requestId, 'approved', '', commander)),
    ).toMatchObject({
      code: 'conflict',
      message: 'already_decided',
    });
    expect(
      await rejection(service.decide('rq-unknown-1', 'approved', '', commander)),
    ).toMatchObject({
      code: 'not_found',
    });
  });

  it("approves: exports the incident's range and cameras to the release folder, naming the request", async () => {
    await service.connect(JSON.stringify(CREDENTIALS), commander);
    await link.deliver?.(REQUEST);
    const decided = await service.decide(REQUEST.requestId, 'approved', '', commander);
    expect(decided.status).toBe('approved');
    expect(begun).toEqual([
      {
        incidentId: 'inc-7',
        cameraIds: ['cam-1'],
        fromMs: T0 - 600_000,
        toMs: T0 - 300_000,
        destination: join(dir, 'district-exports'),
        caseNumber: `${CENTRE_REQUEST_CASE_PREFIX}${REQUEST.requestId}`,
      },
    ]);
    expect(existsSync(join(dir, 'district-exports'))).toBe(true);
    expect(
      await db.get('SELECT export_id FROM district_requests WHERE request_id = ?', [
        REQUEST.requestId,
      ]),
    ).toEqual({ export_id: 'exp-1' });
    const row = (await outbox.pending(0, 100)).find((r) => r.kind === 'export-decision');
    expect(JSON.parse(row?.payload ?? '')).toMatchObject({
      decision: 'approved',
      exportId: 'exp-1',
    });
  });

  it('leaves a request pending when its export cannot start', async () => {
    await service.connect(JSON.stringify(CREDENTIALS), commander);
    await link.deliver?.(REQUEST);
    beginError = new ApiError('conflict', 'export_running');
    expect(
      (await rejection(service.decide(REQUEST.requestId, 'approved', '', commander))).message,
    ).toBe('export_running');
    expect((await service.requests({ status: 'pending' })).map((r) => r.requestId)).toEqual([
      REQUEST.requestId,
    ]);
    expect(await outboxKinds()).not.toContain('export-decision');
    expect(await auditActions()).toEqual(['district.connected phuong-1']);

    // A request naming an incident the station does not have cannot be approved either.
    await link.deliver?.({ ...REQUEST, requestId: 'rq-0000-0002', incidentCode: '2026-9999' });
    beginError = null;
    expect(
      await rejection(service.decide('rq-0000-0002', 'approved', '', commander)),
    ).toMatchObject({
      code: 'not_found',
      message: 'incident_not_found',
    });
  });
});
