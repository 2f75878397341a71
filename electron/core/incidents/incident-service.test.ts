import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../contract/errors';
import { IncidentFilter, type Incident, type IncidentInput } from '../../contract/incident-schemas';
import type { Principal } from '../app/dispatch';
import { AuditLog } from '../audit/audit-log';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { OfficerService } from '../officers/officer-service';
import { IncidentService, type AuditSink } from './incident-service';

let dir: string;
let db: Database;
let audit: AuditLog;
let clock: number;
let events: Incident[];
const CAMERAS = new Map([
  ['cam-1', 'Cổng chính'],
  ['cam-2', 'Ngã tư Đường Láng'],
  ['cam-3', 'Bãi đỗ'],
]);

const duty: Principal = {
  officerId: 'off-duty',
  fullName: 'Nguyễn Văn An',
  rank: 'Thượng úy',
  role: 'duty',
  shiftId: 'shift-1',
  token: 't1',
  locked: false,
};
const commander: Principal = {
  ...duty,
  officerId: 'off-cmd',
  fullName: 'Trần Thị Bình',
  rank: 'Thiếu tá',
  role: 'commander',
  token: 't2',
};

// 2026-03-10 08:00 station time (UTC+7).
const T0 = Date.UTC(2026, 2, 10, 1, 0, 0);

function make(sink: AuditSink = audit): IncidentService {
  return new IncidentService({
    db,
    audit: sink,
    officers: new OfficerService({ db, audit }),
    dataDir: dir,
    cameraNames: async (ids) =>
      new Map(
        ids.flatMap((id) => {
          const name = CAMERAS.get(id);
          return name === undefined ? [] : [[id, name] as [string, string]];
        }),
      ),
    emit: (_event, incident) => events.push(incident),
    now: () => clock,
  });
}

function input(over: Partial<IncidentInput> = {}): IncidentInput {
  return {
    category: 'theft',
    severity: 'medium',
    location: 'Số 12 đường Láng',
    description: 'Trộm cắp xe máy trước cửa hàng',
    occurredAt: T0,
    startMs: T0 - 120_000,
    endMs: T0 + 180_000,
    cameraIds: ['cam-1'],
    ...over,
  };
}

async function count(table: string): Promise<number> {
  const row = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`);
  return row?.n ?? -1;
}

const WRITTEN_TABLES = [
  'incidents',
  'incident_cameras',
  'incident_history',
  'incident_search',
  'incident_snapshots',
  'recording_locks',
  'audit_log',
];
async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of WRITTEN_TABLES) out[t] = await count(t);
  return out;
}

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(err)}`);
  return err;
}

const filter = (over: Partial<IncidentFilter> = {}) => IncidentFilter.parse(over);

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-incidents-'));
  db = await openStationDb(dir);
  for (const o of [duty, commander]) {
    await db.run(
      `INSERT INTO officers (id, full_name, rank, badge_number, role, password_hash, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'x', 0, 0)`,
      [o.officerId, o.fullName, o.rank, o.officerId, o.role],
    );
  }
  await db.run("INSERT INTO shifts (id, officer_id, started_at) VALUES ('shift-1', 'off-duty', 0)");
  audit = new AuditLog({
    db,
    key: randomBytes(32),
    headFile: join(dir, 'audit-head.json'),
    now: () => clock,
  });
  clock = T0 + 5_000;
  events = [];
});
afterEach(async () => {
  await audit.settled();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('IncidentService.create', () => {
  it('writes the incident, its cameras, history, search row, locks and audit in one step', async () => {
    const svc = make();
    const inc = await svc.create(input({ cameraIds: ['cam-1', 'cam-2'] }), duty);
    expect(inc).toMatchObject({
      code: '2026-0001',
      status: 'new',
      version: 1,
      locked: true,
      shiftId: 'shift-1',
      cameras: [
        { id: 'cam-1', name: 'Cổng chính' },
        { id: 'cam-2', name: 'Ngã tư Đường Láng' },
      ],
      createdBy: { id: 'off-duty', fullName: 'Nguyễn Văn An', rank: 'Thượng úy', role: 'duty' },
    });
    const locks = await db.all<{
      camera_id: string;
      start_ms: number;
      end_ms: number;
      reason: string;
      incident_id: string;
    }>(
      'SELECT camera_id, start_ms, end_ms, reason, incident_id FROM recording_locks ORDER BY camera_id',
    );
    expect(locks).toEqual(
      ['cam-1', 'cam-2'].map((camera_id) => ({
        camera_id,
        start_ms: T0 - 120_000,
        end_ms: T0 + 180_000,
        reason: 'incident 2026-0001',
        incident_id: inc.id,
      })),
    );
    const actions = await db.all<{ action: string; subject: string }>(
      'SELECT action, subject FROM audit_log ORDER BY seq',
    );
    expect(actions).toEqual([
      { action: 'incident.created', subject: inc.id },
      { action: 'footage.locked', subject: inc.id },
    ]);
    expect((await svc.get(inc.id)).history.map((h) => h.action)).toEqual(['created']);
    expect(events.map((e) => e.id)).toEqual([inc.id]);
    expect((await svc.create(input(), duty)).code).toBe('2026-0002');
  });

  it('numbers incidents per year of station time', async () => {
    const svc = make();
    clock = Date.UTC(2026, 11, 31, 16, 59, 0); // 23:59 on 31 Dec in Hà Nội
    expect((await svc.create(input(), duty)).code).toBe('2026-0001');
    clock = Date.UTC(2026, 11, 31, 17, 0, 0); // 00:00 on 1 Jan, still 2026 in UTC
    expect((await svc.create(input(), duty)).code).toBe('2027-0001');
    expect((await svc.create(input(), duty)).code).toBe('2027-0002');
  });

  it('writes nothing when a camera is unknown or the range is bad', async () => {
    const svc = make();
    const before = await counts();
    const unknown = await rejection(svc.create(input({ cameraIds: ['cam-1', 'ghost'] }), duty));
    expect(unknown.toBody()).toEqual({
      code: 'invalid_request',
      message: 'unknown_camera',
      fields: { cameraIds: 'unknown_camera' },
    });
    const backwards = await rejection(svc.create(input({ startMs: T0, endMs: T0 - 1 }), duty));
    expect(backwards.fields).toEqual({ endMs: 'range_end_before_start' });
    const tooLong = await rejection(
      svc.create(input({ startMs: T0, endMs: T0 + 24 * 3600_000 + 1 }), duty),
    );
    expect(tooLong.fields).toEqual({ endMs: 'range_too_long' });
    expect(await counts()).toEqual(before);
    expect(events).toEqual([]);
  });

  it('rolls the incident and its locks back when the audit row cannot be written', async () => {
    const failing: AuditSink = {
      append: async (entry, tx) => {
        if (entry.action === 'footage.locked') throw new Error('disk full');
        return audit.append(entry, tx);
      },
    };
    const before = await counts();
    await expect(make(failing).create(input(), duty)).rejects.toThrow('disk full');
    expect(await counts()).toEqual(before);
    expect(events).toEqual([]);
  });
});

describe('IncidentService.update', () => {
  it('records only real changes, bumps the version and refuses a stale one', async () => {
    const svc = make();
    const inc = await svc.create(input(), duty);
    clock += 60_000;
    const same = await svc.update(
      { id: inc.id, version: 1, category: 'theft', location: inc.location },
      duty,
    );
    expect(same.version).toBe(1);
    expect(await count('incident_history')).toBe(1);

    const updated = await svc.update(
      {
        id: inc.id,
        version: 1,
        status: 'in_progress',
        location: 'Số 14 đường Láng',
        category: 'theft',
      },
      commander,
    );
    expect(updated).toMatchObject({ version: 2, status: 'in_progress', updatedAt: clock });
    const { history } = await svc.get(inc.id);
    expect(history.at(-1)).toMatchObject({
      action: 'updated',
      at: clock,
      officer: { id: 'off-cmd', fullName: 'Trần Thị Bình', role: 'commander' },
      changes: [
        { field: 'status', from: 'new', to: 'in_progress' },
        { field: 'location', from: 'Số 12 đường Láng', to: 'Số 14 đường Láng' },
      ],
      reason: null,
    });

    const stale = await rejection(svc.update({ id: inc.id, version: 1, status: 'closed' }, duty));
    expect(stale.toBody()).toEqual({ code: 'conflict', message: 'stale_version' });
    expect((await svc.get(inc.id)).incident.status).toBe('in_progress');
    const missing = await rejection(svc.update({ id: 'nope', version: 1, status: 'closed' }, duty));
    expect(missing.code).toBe('not_found');
    expect(events.map((e) => e.version)).toEqual([1, 2]);
  });

  it('re-validates the merged range and new cameras, writing nothing on refusal', async () => {
    const svc = make();
    const inc = await svc.create(input(), duty);
    const before = await counts();
    const backwards = await rejection(
      svc.update({ id: inc.id, version: 1, endMs: inc.startMs }, duty),
    );
    expect(backwards.toBody()).toEqual({
      code: 'invalid_request',
      message: 'range_end_before_start',
      fields: { endMs: 'range_end_before_start' },
    });
    const tooLong = await rejection(
      svc.update({ id: inc.id, version: 1, startMs: inc.endMs - 25 * 3600_000 }, duty),
    );
    expect(tooLong.message).toBe('range_too_long');
    const unknown = await rejection(
      svc.update({ id: inc.id, version: 1, cameraIds: ['cam-1', 'ghost'] }, duty),
    );
    expect(unknown.fields).toEqual({ cameraIds: 'unknown_camera' });
    expect(await counts()).toEqual(before);
  });

  it('locks a widened range and added cameras in addition, never shrinking old locks', async () => {
    const svc = make();
    const inc = await svc.create(input(), duty); // cam-1 over [T0-2min, T0+3min]
    const s = inc.startMs;
    const e = inc.endMs;
    const after = await svc.update(
      { id: inc.id, version: 1, startMs: s - 60_000, endMs: e - 60_000, cameraIds: ['cam-2'] },
      duty,
    );
    expect(after.cameras).toEqual([{ id: 'cam-2', name: 'Ngã tư Đường Láng' }]);
    const locks = await db.all<{ camera_id: string; start_ms: number; end_ms: number }>(
      'SELECT camera_id, start_ms, end_ms FROM recording_locks ORDER BY camera_id, start_ms',
    );
    expect(locks).toEqual([
      { camera_id: 'cam-1', start_ms: s, end_ms: e }, // removed camera: kept as it was
      { camera_id: 'cam-2', start_ms: s - 60_000, end_ms: e - 60_000 },
    ]);
    await svc.update({ id: inc.id, version: 2, cameraIds: ['cam-1', 'cam-2'] }, duty);
    // cam-1 only needs the minute before its old lock.
    expect(
      await db.all(
        'SELECT camera_id, start_ms, end_ms FROM recording_locks WHERE camera_id = ? ORDER BY start_ms',
        ['cam-1'],
      ),
    ).toEqual([
      { camera_id: 'cam-1', start_ms: s - 60_000, end_ms: s },
      { camera_id: 'cam-1', start_ms: s, end_ms: e },
    ]);
    const history = (await svc.get(inc.id)).history;
    expect(history.at(-1)?.changes).toEqual([
      { field: 'cameraIds', from: ['cam-2'], to: ['cam-1', 'cam-2'] },
    ]);
  });

  it('adds no locks to an unlocked incident', async () => {
    const svc = make();
    const inc = await svc.create(input(), duty);
    await svc.unlock(inc.id, 'Đã xử lý xong vụ việc', commander);
    const after = await svc.update({ id: inc.id, version: 1, endMs: inc.endMs + 60_000 }, duty);
    expect(after.locked).toBe(false);
    expect(await count('recording_locks')).toBe(0);
  });
});

describe('IncidentService lock and unlock', () => {
  it('refuses a duty officer, keeps the reason and removes every lock', async () => {
    const svc = make();
    const inc = await svc.create(input({ cameraIds: ['cam-1', 'cam-3'] }), duty);
    const refused = await rejection(svc.unlock(inc.id, 'Không cần giữ nữa', duty));
    expect(refused.toBody()).toEqual({ code: 'forbidden', message: 'commander_only' });
    expect(await count('recording_locks')).toBe(2);

    const already = await rejection(svc.lock(inc.id, duty));
    expect(already.toBody()).toEqual({ code: 'conflict', message: 'already_locked' });

    clock += 1000;
    const unlocked = await svc.unlock(inc.id, '  Đã bàn giao cho đội điều tra  ', commander);
    expect(unlocked.locked).toBe(false);
    expect(await count('recording_locks')).toBe(0);
    const last = (await svc.get(inc.id)).history.at(-1);
    expect(last).toMatchObject({
      action: 'unlocked',
      reason: 'Đã bàn giao cho đội điều tra',
      officer: { id: 'off-cmd' },
    });
    const row = await db.get<{ details_json: string; officer_id: string }>(
      "SELECT details_json, officer_id FROM audit_log WHERE action = 'footage.unlocked'",
    );
    expect(row?.officer_id).toBe('off-cmd');
    expect(JSON.parse(row?.details_json ?? '{}')).toMatchObject({
      reason: 'Đã bàn giao cho đội điều tra',
      locks: 2,
    });

    const again = await rejection(svc.unlock(inc.id, 'Lần thứ hai', commander));
    expect(again.toBody()).toEqual({ code: 'conflict', message: 'not_locked' });

    const relocked = await svc.lock(inc.id, duty);
    expect(relocked.locked).toBe(true);
    expect(await count('recording_locks')).toBe(2);
    expect((await svc.get(inc.id)).history.map((h) => h.action)).toEqual([
      'created',
      'unlocked',
      'locked',
    ]);
    expect((await rejection(svc.lock('nope', duty))).code).toBe('not_found');
  });
});

describe('IncidentService.list', () => {
  async function seed(svc: IncidentService): Promise<Incident[]> {
    const a = await svc.create(
      input({
        occurredAt: T0 - 3600_000,
        location: 'Chợ Hôm',
        description: 'Trộm cắp xe máy Honda',
      }),
      duty,
    );
    const b = await svc.create(
      input({
        occurredAt: T0,
        category: 'traffic_accident',
        location: 'Ngã tư đường Láng',
        description: 'Va chạm giữa hai xe',
        cameraIds: ['cam-2'],
      }),
      commander,
    );
    const c = await svc.create(
      input({
        occurredAt: T0 + 3600_000,
        category: 'fighting',
        location: 'Công viên Thống Nhất',
        description: 'Gây rối trật tự công cộng',
        cameraIds: ['cam-1', 'cam-3'],
      }),
      duty,
    );
    return [a, b, c];
  }

  it('searches without diacritics and with prefixes', async () => {
    const svc = make();
    const [a, b] = await seed(svc);
    const ids = async (text: string) => (await svc.list(filter({ text }))).items.map((i) => i.id);
    expect(await ids('trom cap')).toEqual([a?.id]);
    expect(await ids('TRỘM CẮP')).toEqual([a?.id]);
    expect(await ids('duong')).toEqual([b?.id]); // location "đường" and camera "Đường Láng"
    expect(await ids('xe')).toEqual([b?.id, a?.id]);
    expect(await ids('hon')).toEqual([a?.id]);
    expect(await ids('trom duong')).toEqual([]);
    expect(await ids('2026-0002')).toEqual([b?.id]);
  });

  it('never lets search text break the FTS syntax', async () => {
    const svc = make();
    await seed(svc);
    for (const text of ['"*:(-', 'NEAR(trom cap)', 'trom OR', '-cap', '^"', 'a"b', '***', ')(']) {
      await expect(svc.list(filter({ text }))).resolves.toMatchObject({
        total: expect.any(Number),
      });
    }
    expect((await svc.list(filter({ text: '"trộm*' }))).total).toBe(1);
    // Only punctuation: no words, so no text condition.
    expect((await svc.list(filter({ text: '"*:(-' }))).total).toBe(3);
  });

  it('combines filters, orders newest first and counts for paging', async () => {
    const svc = make();
    const [a, b, c] = await seed(svc);
    const ids = async (f: Partial<IncidentFilter>) => {
      const page = await svc.list(filter(f));
      return { ids: page.items.map((i) => i.id), total: page.total };
    };
    expect(await ids({})).toEqual({ ids: [c?.id, b?.id, a?.id], total: 3 });
    expect(await ids({ limit: 1, offset: 1 })).toEqual({ ids: [b?.id], total: 3 });
    expect(await ids({ cameraId: 'cam-1' })).toEqual({ ids: [c?.id, a?.id], total: 2 });
    expect(await ids({ cameraId: 'cam-1', category: 'theft' })).toEqual({ ids: [a?.id], total: 1 });
    expect(await ids({ officerId: 'off-cmd' })).toEqual({ ids: [b?.id], total: 1 });
    expect(await ids({ from: T0, to: T0 + 3600_000 })).toEqual({ ids: [c?.id, b?.id], total: 2 });
    expect(await ids({ from: T0 + 1, cameraId: 'cam-1' })).toEqual({ ids: [c?.id], total: 1 });
    expect(await ids({ to: T0 - 1, text: 'gay roi' })).toEqual({ ids: [], total: 0 });
    await svc.update({ id: c?.id ?? '', version: 1, status: 'closed' }, duty);
    expect(await ids({ status: 'new', cameraId: 'cam-1' })).toEqual({ ids: [a?.id], total: 1 });
    expect(await ids({ status: 'closed', text: 'trat tu' })).toEqual({ ids: [c?.id], total: 1 });
  });

  it('finds updated text after an edit', async () => {
    const svc = make();
    const inc = await svc.create(input(), duty);
    await svc.update(
      { id: inc.id, version: 1, category: 'snatching', description: 'Cướp giật túi xách' },
      duty,
    );
    expect((await svc.list(filter({ text: 'trom' }))).total).toBe(0);
    expect((await svc.list(filter({ text: 'cuop giat' }))).total).toBe(1);
    expect((await svc.list(filter({ text: 'snatching' }))).total).toBe(1);
    expect(await count('incident_search')).toBe(1);
  });

  it('finds an incident by its category in either language and by the officer who logged it', async () => {
    const svc = make();
    const theft = await svc.create(
      input({ location: 'Ngõ 7 Hàng Mã', description: 'Mất xe đạp' }),
      duty,
    );
    const other = await svc.create(
      input({ category: 'fire', location: 'Chợ Hôm', description: 'Khói bốc lên' }),
      commander,
    );
    const ids = async (text: string) => (await svc.list(filter({ text }))).items.map((i) => i.id);
    for (const text of ['trom cap', 'trộm cắp', 'Trom Cap', 'TRỘM CẮP TÀI SẢN', 'theft'])
      expect(await ids(text), text).toEqual([theft.id]);
    expect(await ids('chay no')).toEqual([other.id]);
    expect(await ids('explosion')).toEqual([other.id]);
    expect(await ids('hang ma')).toEqual([theft.id]);
    expect(await ids('nguyen van an')).toEqual([theft.id]);
    expect(await ids('Trần Thị Bình')).toEqual([other.id]);
  });

  it('rebuilds missing search rows at start', async () => {
    const svc = make();
    const inc = await svc.create(input({ description: 'Mất xe đạp' }), duty);
    await db.run('DELETE FROM incident_search');
    expect((await svc.list(filter({ text: 'trom cap' }))).total).toBe(0);
    await make().start();
    expect((await svc.list(filter({ text: 'trom cap' }))).items.map((i) => i.id)).toEqual([inc.id]);
    expect(await count('incident_search')).toBe(1);
    // Nothing missing: a second start writes nothing.
    await make().start();
    expect(await count('incident_search')).toBe(1);
  });
});

describe('IncidentService handover digests', () => {
  it('splits incidents into created in range, changed in range and open, ends included', async () => {
    const svc = make();
    clock = 1_000_000;
    const old = await svc.create(input({ occurredAt: T0 - 2 }), duty);
    const oldQuiet = await svc.create(input({ occurredAt: T0 - 1 }), duty);
    clock = 2_000_000;
    const fresh = await svc.create(input({ occurredAt: T0, cameraIds: ['cam-2', 'cam-1'] }), duty);
    await svc.update({ id: old.id, version: 1, status: 'closed' }, duty);
    clock = 3_000_000;
    await svc.update({ id: oldQuiet.id, version: 1, severity: 'high' }, duty);
    const ids = (xs: Array<{ id: string }>) => xs.map((i) => i.id);
    expect(ids(await svc.createdBetween(1_500_000, 2_000_000, 10))).toEqual([fresh.id]);
    expect(ids(await svc.createdBetween(2_000_001, 3_000_000, 10))).toEqual([]);
    expect(ids(await svc.changedBetween(1_500_000, 2_000_000, 10))).toEqual([old.id]);
    expect(ids(await svc.changedBetween(2_500_000, 3_000_000, 10))).toEqual([oldQuiet.id]);
    // Oldest occurrence first; one created after the range is not open in it.
    expect(ids(await svc.openAt(3_000_000, 10))).toEqual([oldQuiet.id, fresh.id]);
    expect(ids(await svc.openAt(1_999_999, 10))).toEqual([oldQuiet.id]);
    expect(ids(await svc.openAt(3_000_000, 1))).toEqual([oldQuiet.id]);
    // Its facts now, its camera names sorted; the same inside a transaction.
    const digest = {
      id: fresh.id,
      code: fresh.code,
      category: 'theft',
      severity: 'medium',
      status: 'new',
      location: 'Số 12 đường Láng',
      description: 'Trộm cắp xe máy trước cửa hàng',
      occurredAt: T0,
      cameraNames: ['Cổng chính', 'Ngã tư Đường Láng'],
    };
    expect(await svc.createdBetween(2_000_000, 2_000_000, 10)).toEqual([digest]);
    expect(await db.transaction((tx) => svc.createdBetween(2_000_000, 2_000_000, 10, tx))).toEqual([
      digest,
    ]);
  });
});

describe('IncidentService snapshots', () => {
  const PNG = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    randomBytes(120),
  ]);
  const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(120)]);

  it('checks the magic bytes against the mime and writes nothing for a mismatch', async () => {
    const svc = make();
    const inc = await svc.create(input(), duty);
    const before = await counts();
    const bad = await rejection(
      svc.addSnapshot(
        {
          incidentId: inc.id,
          cameraId: 'cam-1',
          takenAt: T0,
          mime: 'image/jpeg',
          dataBase64: PNG.toString('base64'),
        },
        duty,
      ),
    );
    expect(bad.toBody()).toEqual({
      code: 'invalid_request',
      message: 'invalid_image',
      fields: { dataBase64: 'invalid_image' },
    });
    expect(await counts()).toEqual(before);
    expect(existsSync(join(dir, 'snapshots'))).toBe(false);
  });

  it('writes the file under snapshots/<yyyy-mm>/ with its sha256, history and audit', async () => {
    const svc = make();
    const inc = await svc.create(input(), duty);
    const after = await svc.addSnapshot(
      {
        incidentId: inc.id,
        cameraId: 'cam-1',
        takenAt: T0,
        mime: 'image/jpeg',
        dataBase64: JPEG.toString('base64'),
      },
      duty,
    );
    const snap = after.snapshots[0];
    expect(after.snapshots).toHaveLength(1);
    expect(snap).toMatchObject({
      cameraId: 'cam-1',
      takenAt: T0,
      mime: 'image/jpeg',
      bytes: JPEG.length,
    });
    const file = await svc.snapshotFile(snap?.id ?? '');
    expect(file).toEqual({
      path: join(dir, 'snapshots', '2026-03', `${snap?.id}.jpg`),
      mime: 'image/jpeg',
    });
    expect(readFileSync(file?.path ?? '')).toEqual(JPEG);
    expect(snap?.sha256).toBe(createHash('sha256').update(JPEG).digest('hex'));
    expect(readdirSync(join(dir, 'snapshots', '2026-03'))).toEqual([`${snap?.id}.jpg`]); // no temp left
    expect((await svc.get(inc.id)).history.at(-1)?.action).toBe('snapshot_added');
    expect(await count("audit_log WHERE action = 'incident.snapshot_added'")).toBe(1);
    expect(await svc.snapshotFile('nope')).toBeNull();
  });

  it('removes the file when the transaction fails, and refuses an unknown incident', async () => {
    const failing: AuditSink = {
      append: async (entry, tx) => {
        if (entry.action === 'incident.snapshot_added') throw new Error('disk full');
        return audit.append(entry, tx);
      },
    };
    const svc = make(failing);
    const inc = await svc.create(input(), duty);
    const snap = {
      incidentId: inc.id,
      cameraId: null,
      takenAt: T0,
      mime: 'image/png' as const,
      dataBase64: PNG.toString('base64'),
    };
    await expect(svc.addSnapshot(snap, duty)).rejects.toThrow('disk full');
    expect(readdirSync(join(dir, 'snapshots', '2026-03'))).toEqual([]);
    expect(await count('incident_snapshots')).toBe(0);
    const missing = await rejection(svc.addSnapshot({ ...snap, incidentId: 'nope' }, duty));
    expect(missing.code).toBe('not_found');
  });

  it('gives an export the incident, its cameras and its snapshot files oldest first, and codes by id', async () => {
    const svc = make();
    const inc = await svc.create(input({ cameraIds: ['cam-2', 'cam-1'] }), duty);
    const other = await svc.create(input({ description: 'Va chạm giao thông' }), duty);
    const add = (cameraId: string | null, takenAt: number, mime: 'image/png' | 'image/jpeg') =>
      svc.addSnapshot(
        {
          incidentId: inc.id,
          cameraId,
          takenAt,
          mime,
          dataBase64: (mime === 'image/png' ? PNG : JPEG).toString('base64'),
        },
        duty,
      );
    await add('cam-2', T0 + 5000, 'image/jpeg');
    const withBoth = await add(null, T0, 'image/png');
    const [png, jpeg] = withBoth.snapshots;

    const evidence = await svc.evidence(inc.id);

    expect(evidence).toEqual({
      id: inc.id,
      code: inc.code,
      category: 'theft',
      location: 'Số 12 đường Láng',
      description: 'Trộm cắp xe máy trước cửa hàng',
      cameras: [
        { id: 'cam-2', name: 'Ngã tư Đường Láng' },
        { id: 'cam-1', name: 'Cổng chính' },
      ],
      snapshots: [
        {
          cameraId: null,
          takenAt: T0,
          path: join(dir, 'snapshots', '2026-03', `${png?.id}.png`),
          mime: 'image/png',
          bytes: PNG.length,
        },
        {
          cameraId: 'cam-2',
          takenAt: T0 + 5000,
          path: join(dir, 'snapshots', '2026-03', `${jpeg?.id}.jpg`),
          mime: 'image/jpeg',
          bytes: JPEG.length,
        },
      ],
    });
    expect(readFileSync(evidence?.snapshots[0]?.path ?? '')).toEqual(PNG);
    expect(await svc.evidence('nope')).toBeNull();
    expect(await svc.codesOf([other.id, 'nope', inc.id])).toEqual(
      new Map([
        [other.id, other.code],
        [inc.id, inc.code],
      ]),
    );
    expect(await svc.codesOf([])).toEqual(new Map());
  });
});
