// Every domain's outbox triggers (schema v10): a change made through the domain's own
// service, or the SQL that service runs, appends exactly one district_outbox row whose
// payload parses with the contract's schema; nothing while the link is off; nothing
// when the change's transaction rolls back.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  AlarmEventData,
  DistrictEventKind,
  ExportEventData,
  GapEventData,
  HandoverEventData,
  IncidentEventData,
  OutageEventData,
  StorageEventData,
} from '../../contract/district';
import type { Officer } from '../../contract/officer-schemas';
import { AuditLog } from '../audit/audit-log';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { ExportRecords } from '../export/export-records';
import type { ExportSources } from '../export/export-sources';
import { IncidentService } from '../incidents/incident-service';
import { OfficerService } from '../officers/officer-service';
import { RecordingIndex } from '../recording/recording-index';
import { ShiftService } from '../shifts/shift-service';
import { insertOfficer, principalOf } from '../shifts/testing/duty-fixtures';
import { realHandoverSources } from '../shifts/testing/real-handover-sources';
import { CENTRE_REQUEST_CASE_PREFIX } from './district-service';
import { OutboxStore } from './outbox-store';

const SCHEMAS: Partial<Record<DistrictEventKind, z.ZodTypeAny>> = {
  incident: IncidentEventData,
  handover: HandoverEventData,
  outage: OutageEventData,
  gap: GapEventData,
  alarm: AlarmEventData,
  storage: StorageEventData,
  export: ExportEventData,
};

const T0 = Date.UTC(2026, 2, 10, 1, 0, 0);
let dir: string;
let db: Database;
let audit: AuditLog;
let outbox: OutboxStore;
let clock: number;
let an: Officer;
let binh: Officer;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-outbox-'));
  db = await openStationDb(dir);
  outbox = new OutboxStore(db);
  clock = T0;
  audit = new AuditLog({
    db,
    key: randomBytes(32),
    headFile: join(dir, 'audit-head.json'),
    now: () => clock,
  });
  an = await insertOfficer(db, {
    id: 'off-a',
    fullName: 'Nguyễn Văn An',
    rank: 'Thiếu úy',
    badge: '101',
  });
  binh = await insertOfficer(db, {
    id: 'off-b',
    fullName: 'Trần Thị Bình',
    rank: 'Trung úy',
    badge: '102',
  });
});
afterEach(async () => {
  await audit.settled();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function link(enabled: boolean): Promise<void> {
  await db.run(
    `INSERT INTO district_link (id, enabled, station_id, station_name, hub_url, credentials_json,
       connected_at, connected_by) VALUES (1, ?, 'p-1', 'Phường 1', 'tls://hub:7422', '{}', 0, 'off-a')
     ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled`,
    [enabled ? 1 : 0],
  );
}

/** The outbox rows appended since `afterSeq`, each payload parsed by its kind's schema. */
async function appended(afterSeq = 0) {
  const rows = await outbox.pending(afterSeq, 100);
  return rows.map((r) => {
    const schema = SCHEMAS[r.kind];
    if (!schema) throw new Error(`no schema for ${r.kind}`);
    return {
      seq: r.seq,
      kind: r.kind,
      at: r.at,
      data: schema.parse(JSON.parse(r.payload)) as Record<string, unknown>,
    };
  });
}

const lastSeq = async () => (await outbox.pending(0, 1000)).at(-1)?.seq ?? 0;

function incidents(): IncidentService {
  return new IncidentService({
    db,
    audit,
    officers: new OfficerService({ db, audit }),
    dataDir: dir,
    cameraNames: async (ids) => new Map(ids.map((id) => [id, `Camera ${id}`] as [string, string])),
    emit: () => undefined,
    now: () => clock,
  });
}

const exportRow = (id: string, caseNumber = '') => ({
  id,
  incidentId: null,
  caseNumber,
  cameras: [{ id: 'cam-1', name: 'Cổng' }],
  fromMs: T0 - 60_000,
  toMs: T0,
  destination: '/media/usb',
  folderName: 'export-1',
  officerId: 'off-a',
  shiftId: null,
  startedAt: T0 + 1,
});

describe('district outbox triggers', () => {
  it('writes one incident event per history row, with the incident as it now stands', async () => {
    await link(true);
    const shifts = new ShiftService({
      db,
      audit,
      sources: realHandoverSources(db, audit, dir),
      now: () => clock,
    });
    const { shift } = await shifts.openFor(an);
    const service = incidents();
    const created = await service.create(
      {
        category: 'theft',
        severity: 'high',
        location: 'Số 12 đường Láng',
        description: 'Trộm xe máy',
        occurredAt: T0 - 60_000,
        startMs: T0 - 120_000,
        endMs: T0,
        cameraIds: ['cam-1', 'cam-2'],
      },
      principalOf(an, shift.id),
    );
    const [first, ...rest] = await appended();
    expect(rest).toEqual([]);
    expect(first).toMatchObject({
      kind: 'incident',
      at: T0,
      data: {
        incidentId: created.id,
        action: 'created',
        code: created.code,
        category: 'theft',
        severity: 'high',
        status: 'new',
        location: 'Số 12 đường Láng',
        occurredAt: T0 - 60_000,
        version: 1,
        cameras: ['cam-1', 'cam-2'],
      },
    });

    clock = T0 + 1000;
    await service.update(
      { id: created.id, version: 1, status: 'in_progress' },
      principalOf(an, shift.id),
    );
    const after = await appended(first?.seq ?? 0);
    expect(after).toHaveLength(1);
    expect(after[0]?.data).toMatchObject({ status: 'in_progress', version: 2, at: T0 + 1000 });
  });

  it('writes a handover event when the incoming officer acknowledges it', async () => {
    const shifts = new ShiftService({
      db,
      audit,
      sources: realHandoverSources(db, audit, dir),
      now: () => clock,
    });
    const { shift } = await shifts.openFor(an);
    clock = T0 + 8 * 3_600_000;
    const pending = await shifts.end(shift.id, '', principalOf(an, shift.id));
    await link(true);
    const before = await lastSeq();
    const next = await shifts.openFor(binh);
    clock += 60_000;
    const acked = await shifts.acknowledge(pending.id, 'Đã nhận', principalOf(binh, next.shift.id));
    const rows = (await appended(before)).filter((r) => r.kind === 'handover');
    expect(rows).toEqual([
      {
        seq: expect.any(Number) as number,
        kind: 'handover',
        at: clock,
        data: { handoverId: pending.id, acknowledgedAt: clock, contentHash: acked.contentHash },
      },
    ]);
  });

  it('writes outage and alarm events when one opens and when it closes', async () => {
    await link(true);
    // The SQL OutageLog and CameraAlarmLog run.
    const o = await db.run(
      'INSERT INTO camera_outages (camera_id, stream, started_at, ended_at, error_kind) VALUES (?, ?, ?, NULL, ?)',
      ['cam-1', 'main', T0, 'timeout'],
    );
    await db.run('UPDATE camera_outages SET ended_at = ? WHERE id = ?', [T0 + 5000, o.lastId]);
    const a = await db.run(
      'INSERT INTO camera_alarms (camera_id, kind, source, started_at, ended_at, detail) VALUES (?, ?, ?, ?, NULL, ?)',
      ['cam-1', 'covered', 'detector', T0 + 6000, '{}'],
    );
    await db.run('UPDATE camera_alarms SET ended_at = ? WHERE id = ? AND ended_at IS NULL', [
      T0 + 9000,
      a.lastId,
    ]);
    // Closing again changes nothing and says nothing.
    await db.run('UPDATE camera_alarms SET ended_at = ? WHERE id = ? AND ended_at IS NULL', [
      T0 + 9999,
      a.lastId,
    ]);
    const rows = await appended();
    expect(rows.map((r) => [r.kind, r.at])).toEqual([
      ['outage', T0],
      ['outage', T0 + 5000],
      ['alarm', T0 + 6000],
      ['alarm', T0 + 9000],
    ]);
    expect(rows[1]?.data).toEqual({
      outageId: o.lastId,
      cameraId: 'cam-1',
      stream: 'main',
      startedAt: T0,
      endedAt: T0 + 5000,
      errorKind: 'timeout',
    });
    expect(rows[3]?.data).toEqual({
      alarmId: a.lastId,
      cameraId: 'cam-1',
      kind: 'covered',
      source: 'detector',
      startedAt: T0 + 6000,
      endedAt: T0 + 9000,
    });
  });

  it('writes gap events and storage alarms through the recording index, not other events', async () => {
    await link(true);
    const index = new RecordingIndex(db);
    const gap = await index.openGap('cam-1', 'main', T0, 'camera_offline', 'timeout');
    await index.closeGaps('cam-1', T0 + 7000);
    await index.addClosedGap('cam-2', 'main', T0, T0 + 1000, 'app_not_running');
    await index.logEvent(T0 + 8000, 'disk_alarm', null, null, { kind: 'disk_full' });
    await index.logEvent(T0 + 8100, 'recording_started', 'cam-1', 'main');
    await index.logEvent(T0 + 9000, 'disk_ok', null, null);
    const rows = await appended();
    expect(rows.map((r) => [r.kind, r.at])).toEqual([
      ['gap', T0],
      ['gap', T0 + 7000],
      ['gap', T0],
      ['storage', T0 + 8000],
      ['storage', T0 + 9000],
    ]);
    expect(rows[1]?.data).toEqual({
      gapId: gap.id,
      cameraId: 'cam-1',
      stream: 'main',
      startMs: T0,
      endMs: T0 + 7000,
      reason: 'camera_offline',
    });
    expect(rows[3]?.data).toMatchObject({
      kind: 'disk_alarm',
      at: T0 + 8000,
      detail: { kind: 'disk_full' },
    });
  });

  it('writes export events at the start and the end, naming a centre request', async () => {
    await link(true);
    const records = new ExportRecords(db, {} as ExportSources);
    await records.insert(exportRow('exp-1', `${CENTRE_REQUEST_CASE_PREFIX}rq-12345678`));
    await db.transaction((tx) =>
      records.end(tx, 'exp-1', {
        status: 'complete',
        finishedAt: T0 + 60_000,
        bytes: 1234,
        files: [],
        manifestSha256: 'ab'.repeat(32),
        errorCode: null,
      }),
    );
    await records.insert(exportRow('exp-2'));
    const rows = await appended();
    expect(rows.map((r) => [r.kind, r.at, r.data.status, r.data.requestId])).toEqual([
      ['export', T0 + 1, 'running', 'rq-12345678'],
      ['export', T0 + 60_000, 'complete', 'rq-12345678'],
      ['export', T0 + 1, 'running', null],
    ]);
    expect(rows[1]?.data).toMatchObject({
      exportId: 'exp-1',
      bytes: 1234,
      manifestSha256: 'ab'.repeat(32),
    });
  });

  it('writes nothing while the link is off or was never made', async () => {
    const index = new RecordingIndex(db);
    await index.openGap('cam-1', 'main', T0, 'camera_offline', null);
    await link(false);
    await index.closeGaps('cam-1', T0 + 1);
    await index.logEvent(T0, 'disk_alarm', null, null);
    await new ExportRecords(db, {} as ExportSources).insert(exportRow('exp-1'));
    expect(await outbox.stats()).toEqual({
      pending: 0,
      oldestPendingAt: null,
      lastPublishedSeq: 0,
    });
  });

  it('leaves no outbox row when the change rolls back', async () => {
    await link(true);
    await expect(
      db.transaction(async (tx) => {
        await tx.run(
          'INSERT INTO camera_outages (camera_id, stream, started_at, ended_at, error_kind) VALUES (?, ?, ?, NULL, ?)',
          ['cam-1', 'main', T0, null],
        );
        expect((await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM district_outbox'))?.n).toBe(
          1,
        );
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await outbox.stats()).toMatchObject({ pending: 0 });
  });
});
