import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HandoverSummary } from '../../contract/shift-schemas';
import { AuditLog } from '../audit/audit-log';
import { CameraService } from '../cameras/camera-service';
import type { Database, Queryable } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { KeyFileSecretBox } from '../secrets/key-file-secret-box';
import { SettingsService } from '../settings/settings-service';
import { HandoverSummaryBuilder, SUMMARY_LIST_LIMIT } from './handover-summary';
import { insertOfficer, insertOutage } from './testing/duty-fixtures';
import { realHandoverSources } from './testing/real-handover-sources';
import {
  H,
  M,
  SHIFT_END,
  T0,
  THEFT_DESCRIPTION,
  scriptShiftRecords,
} from './testing/scripted-shift';

let dir: string;
let db: Database;
let builder: HandoverSummaryBuilder;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-summary-'));
  db = await openStationDb(dir);
  const audit = new AuditLog({ db, key: randomBytes(32), headFile: join(dir, 'audit-head.json') });
  builder = new HandoverSummaryBuilder(realHandoverSources(db, audit, dir));
  await insertOfficer(db, { id: 'off-a', fullName: 'Nguyễn Văn An', rank: 'Thiếu úy', badge: '1' });
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('HandoverSummaryBuilder', () => {
  it('lists exactly what happened in the shift, clipped to it and sorted by time', async () => {
    await scriptShiftRecords(db, 'off-a');
    const summary = await builder.build(T0, SHIFT_END);
    expect(HandoverSummary.parse(summary)).toEqual(summary);

    const codes = (list: Array<{ code: string }>) => list.map((i) => i.code);
    expect(codes(summary.incidentsOpened)).toEqual(['2026-0012', '2026-0013']);
    expect(codes(summary.incidentsUpdated)).toEqual(['2026-0011']);
    expect(codes(summary.incidentsStillOpen)).toEqual(['2026-0010', '2026-0011', '2026-0012']);
    expect(summary.incidentsOpened[0]).toEqual({
      id: 'inc-2',
      code: '2026-0012',
      category: 'theft',
      severity: 'high',
      status: 'new',
      location: 'Chợ Bến Thành',
      description: THEFT_DESCRIPTION,
      occurredAt: T0 + 3 * H,
      cameraNames: ['Cổng trụ sở', 'Ngã tư Lê Lợi'],
    });
    // The status is the one at build time: closed in the shift.
    expect(summary.incidentsOpened[1]?.status).toBe('closed');
    expect(summary.incidentsUpdated[0]?.status).toBe('in_progress');

    expect(summary.outages).toEqual([
      {
        cameraId: 'cam-2',
        cameraName: 'Ngã tư Lê Lợi',
        startedAt: T0 - 30 * M,
        endedAt: T0 + 15 * M,
        durationMs: 15 * M,
      },
      {
        cameraId: 'cam-1',
        cameraName: 'Cổng trụ sở',
        startedAt: T0 + H,
        endedAt: T0 + H + 65 * M,
        durationMs: 65 * M,
      },
      {
        cameraId: 'cam-2',
        cameraName: 'Ngã tư Lê Lợi',
        startedAt: T0 + 5 * H,
        endedAt: null,
        durationMs: 3 * H,
      },
    ]);
    expect(summary.recordingGaps).toEqual([
      {
        cameraId: 'cam-1',
        cameraName: 'Cổng trụ sở',
        startMs: T0 + H,
        endMs: T0 + H + 65 * M,
        durationMs: 65 * M,
        reason: 'camera_offline',
      },
      {
        cameraId: 'cam-9',
        cameraName: 'Camera đã xóa',
        startMs: T0 + 7 * H,
        endMs: null,
        durationMs: H,
        reason: 'disk_error',
      },
    ]);
    expect(summary.storageAlarms).toEqual([
      { atMs: T0 + 6 * H, kind: 'disk_full', cleared: false },
      { atMs: T0 + 6 * H + 30 * M, kind: 'disk_full', cleared: true },
    ]);
    expect(summary.exports).toEqual([]);
  });

  it('names a camera removed from the registry by the name it last had', async () => {
    await scriptShiftRecords(db, 'off-a');
    const cameras = new CameraService({
      db,
      settings: new SettingsService({ db, emit: () => undefined }),
      secrets: KeyFileSecretBox.forDataDir(dir),
      emit: () => undefined,
      probe: async () => ({ ok: false, errorKind: 'ffmpeg_missing', detail: '' }),
    });
    await cameras.remove('cam-1');
    expect(await db.get("SELECT 1 FROM cameras WHERE id = 'cam-1'")).toBeUndefined();
    const summary = await builder.build(T0, SHIFT_END);
    expect(summary.recordingGaps.map((g) => g.cameraName)).toEqual([
      'Cổng trụ sở',
      'Camera đã xóa',
    ]);
  });

  it('reports an outage that ended after the shift as still open at its end', async () => {
    await scriptShiftRecords(db, 'off-a');
    const summary = await builder.build(T0, T0 + 5 * H + 20 * M);
    expect(summary.outages.at(-1)).toMatchObject({ startedAt: T0 + 5 * H, durationMs: 20 * M });
    expect(summary.outages.at(-1)?.endedAt).toBeNull();
    // Incidents created after the end of the range are not "still open" in it.
    expect(summary.incidentsStillOpen.map((i) => i.code)).toEqual([
      '2026-0010',
      '2026-0011',
      '2026-0012',
    ]);
  });

  it('counts picture and clock alarms with their camera, duration and who acknowledged them', async () => {
    await db.run(
      "INSERT INTO cameras (id, name, source, main_url, created_at) VALUES ('cam-p', 'Ngã tư Phố Huế', 'rtsp', 'rtsp://h/x', 0)",
    );
    const alarm = async (kind: string, startMs: number, endMs: number | null) =>
      (
        await db.run(
          "INSERT INTO camera_alarms (camera_id, kind, source, started_at, ended_at) VALUES ('cam-p', ?, 'detector', ?, ?)",
          [kind, startMs, endMs],
        )
      ).lastId;
    await alarm('black', T0 - H, T0 - 30 * M); // before the shift
    const covered = await alarm('covered', T0 + H, T0 + H + 10 * M);
    await alarm('clock', SHIFT_END - 5 * M, null);
    await db.run(
      "INSERT INTO camera_alarm_acks (alarm_id, officer_id, officer_name, at) VALUES (?, 'off-a', 'Nguyễn Văn An', ?)",
      [covered, T0 + H + M],
    );
    const summary = await builder.build(T0, SHIFT_END);
    expect(HandoverSummary.parse(summary)).toEqual(summary);
    expect(summary.cameraAlarms).toEqual([
      {
        cameraId: 'cam-p',
        cameraName: 'Ngã tư Phố Huế',
        kind: 'covered',
        startMs: T0 + H,
        endMs: T0 + H + 10 * M,
        durationMs: 10 * M,
        acknowledgedBy: 'Nguyễn Văn An',
      },
      {
        cameraId: 'cam-p',
        cameraName: 'Ngã tư Phố Huế',
        kind: 'clock',
        startMs: SHIFT_END - 5 * M,
        endMs: null,
        durationMs: 5 * M,
        acknowledgedBy: null,
      },
    ]);
  });

  it('is empty for a quiet shift and caps every list', async () => {
    expect(await builder.build(T0, SHIFT_END)).toEqual({
      fromMs: T0,
      toMs: SHIFT_END,
      incidentsOpened: [],
      incidentsUpdated: [],
      incidentsStillOpen: [],
      outages: [],
      recordingGaps: [],
      exports: [],
      storageAlarms: [],
      auditHead: null,
    });
    await db.run(
      "INSERT INTO cameras (id, name, source, main_url, created_at) VALUES ('cam-f', 'Chập chờn', 'rtsp', 'rtsp://h/x', 0)",
    );
    const flaps = SUMMARY_LIST_LIMIT + 20;
    for (let i = 0; i < flaps; i++)
      await insertOutage(db, 'cam-f', 'sub', T0 + i * 10_000, T0 + i * 10_000 + 5_000);
    const summary = await builder.build(T0, SHIFT_END);
    expect(summary.outages).toHaveLength(SUMMARY_LIST_LIMIT);
  });

  it('reads a fixed number of statements, all through the caller’s handle, however full the shift', async () => {
    // A handle that counts what it is asked: every source must read through it
    // (inside the transaction that ends a shift, the Database itself would deadlock).
    let statements = 0;
    const counting: Queryable = {
      run: (sql, params) => (statements++, db.run(sql, params)),
      get: (sql, params) => (statements++, db.get(sql, params)),
      all: (sql, params) => (statements++, db.all(sql, params)),
      exec: (sql) => (statements++, db.exec(sql)),
    };
    const count = async () => {
      statements = 0;
      await builder.build(T0, SHIFT_END, counting);
      return statements;
    };
    const quiet = await count();
    await scriptShiftRecords(db, 'off-a');
    for (let i = 0; i < SUMMARY_LIST_LIMIT + 20; i++)
      await insertOutage(db, 'cam-1', 'main', T0 + i * 10_000, T0 + i * 10_000 + 5_000);
    // One per list, one for the audit head and one for the names of all camera lists.
    expect(await count()).toBe(10);
    expect(quiet).toBeLessThanOrEqual(10);
  });
});
