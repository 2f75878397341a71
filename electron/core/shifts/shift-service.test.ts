import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Officer } from '../../contract/officer-schemas';
import { Handover } from '../../contract/shift-schemas';
import { AuditLog } from '../audit/audit-log';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { handoverContentHash } from './handover-content-hash';
import { HandoverSummaryBuilder } from './handover-summary';
import { ShiftService, type AuditSink } from './shift-service';
import { insertOfficer, principalOf } from './testing/duty-fixtures';
import { realHandoverSources } from './testing/real-handover-sources';
import { H, SHIFT_END, T0, scriptShiftRecords } from './testing/scripted-shift';

let dir: string;
let db: Database;
let audit: AuditLog;
let clock: number;
let an: Officer;
let binh: Officer;

const make = (sink: AuditSink = audit) =>
  new ShiftService({
    db,
    audit: sink,
    sources: realHandoverSources(db, audit, dir),
    now: () => clock,
  });

async function auditActions(): Promise<Array<[string, string | null, string | null]>> {
  const rows = await db.all<{ action: string; officer_id: string | null; subject: string | null }>(
    'SELECT action, officer_id, subject FROM audit_log ORDER BY seq',
  );
  return rows.map((r) => [r.action, r.officer_id, r.subject]);
}

async function rejection(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  return p.then(
    () => ({ code: 'resolved', message: '' }),
    (err: { code: string; message: string }) => ({ code: err.code, message: err.message }),
  );
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-shifts-'));
  db = await openStationDb(dir);
  audit = new AuditLog({
    db,
    key: randomBytes(32),
    headFile: join(dir, 'audit-head.json'),
    now: () => clock,
  });
  clock = T0;
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

describe('ShiftService', () => {
  it('ends a scripted shift into a pending handover with its summary', async () => {
    const shifts = make();
    const { shift, replaced } = await shifts.openFor(an);
    expect(replaced).toBeNull();
    expect(shift).toMatchObject({ startedAt: T0, endedAt: null, endReason: null });
    expect(shift.officer).toEqual({
      id: 'off-a',
      fullName: 'Nguyễn Văn An',
      rank: 'Thiếu úy',
      role: 'duty',
    });
    await scriptShiftRecords(db, an.id);

    clock = T0 + 2 * H;
    const current = await shifts.current(shift.id);
    expect(current.summary.toMs).toBe(T0 + 2 * H);
    expect(current.summary.incidentsOpened).toEqual([]);

    clock = SHIFT_END;
    const handover = await shifts.end(
      shift.id,
      'Camera Ngã tư Lê Lợi vẫn mất kết nối',
      principalOf(an, shift.id),
    );
    expect(Handover.parse(handover)).toEqual(handover);
    expect(handover).toMatchObject({
      shiftId: shift.id,
      outgoing: { id: 'off-a' },
      shiftStartedAt: T0,
      shiftEndedAt: SHIFT_END,
      endReason: 'handover',
      outgoingNotes: 'Camera Ngã tư Lê Lợi vẫn mất kết nối',
      createdAt: SHIFT_END,
      incoming: null,
      incomingNote: null,
      acknowledgedAt: null,
      contentHash: null,
    });
    // The summary names the audit row before the shift's end was recorded (shift.opened).
    const opened = await db.get<{ seq: number; hash: string }>(
      "SELECT seq, hash FROM audit_log WHERE action = 'shift.opened'",
    );
    expect(handover.summary.auditHead).toEqual(opened);
    expect(handover.summary).toEqual({
      ...(await new HandoverSummaryBuilder(realHandoverSources(db, audit, dir)).build(
        T0,
        SHIFT_END,
      )),
      auditHead: opened,
    });
    expect(handover.summary.incidentsOpened.map((i) => i.code)).toEqual(['2026-0012', '2026-0013']);
    expect(handover.summary.outages.map((o) => o.durationMs)).toEqual([
      15 * 60_000,
      65 * 60_000,
      3 * H,
    ]);

    expect(await shifts.get(shift.id)).toMatchObject({ endedAt: SHIFT_END, endReason: 'handover' });
    expect(await shifts.openShift()).toBeNull();
    expect(await shifts.pending()).toEqual([
      { id: handover.id, outgoing: handover.outgoing, shiftStartedAt: T0, shiftEndedAt: SHIFT_END },
    ]);
    expect(await shifts.getHandover(handover.id)).toEqual(handover);
    expect(await auditActions()).toEqual([
      ['shift.opened', 'off-a', shift.id],
      ['shift.ended', 'off-a', shift.id],
    ]);
  });

  it("continues the officer's own open shift and replaces another officer's", async () => {
    const shifts = make();
    const first = await shifts.openFor(an);
    clock = T0 + H;
    const again = await shifts.openFor(an);
    expect(again).toEqual({ shift: first.shift, replaced: null });
    expect(await shifts.openShift()).toEqual(first.shift);

    clock = T0 + 3 * H;
    const taken = await shifts.openFor(binh);
    expect(taken.shift).toMatchObject({
      officer: { id: 'off-b' },
      startedAt: T0 + 3 * H,
      endedAt: null,
    });
    expect(taken.replaced).toMatchObject({
      shiftId: first.shift.id,
      outgoing: { id: 'off-a' },
      endReason: 'replaced',
      outgoingNotes: '',
      shiftStartedAt: T0,
      shiftEndedAt: T0 + 3 * H,
      acknowledgedAt: null,
    });
    expect(await shifts.get(first.shift.id)).toMatchObject({
      endedAt: T0 + 3 * H,
      endReason: 'replaced',
    });
    expect(await shifts.openShift()).toEqual(taken.shift);
    expect((await shifts.pending()).map((p) => p.id)).toEqual([taken.replaced?.id]);
    const count = await db.get<{ n: number }>('SELECT count(*) AS n FROM shifts');
    expect(count?.n).toBe(2);
    expect(await auditActions()).toEqual([
      ['shift.opened', 'off-a', first.shift.id],
      ['shift.ended', 'off-b', first.shift.id],
      ['shift.opened', 'off-b', taken.shift.id],
    ]);
  });

  it('refuses to end a shift that is not open or not the caller’s', async () => {
    const shifts = make();
    const { shift } = await shifts.openFor(an);
    expect(await rejection(shifts.end(shift.id, '', principalOf(binh, shift.id)))).toEqual({
      code: 'forbidden',
      message: 'not_your_shift',
    });
    expect(await rejection(shifts.end('nope', '', principalOf(an, shift.id)))).toEqual({
      code: 'not_found',
      message: 'shift_not_found',
    });
    await shifts.end(shift.id, '', principalOf(an, shift.id));
    expect(await rejection(shifts.end(shift.id, '', principalOf(an, shift.id)))).toEqual({
      code: 'conflict',
      message: 'shift_not_open',
    });
    expect(await rejection(shifts.getHandover('nope'))).toEqual({
      code: 'not_found',
      message: 'handover_not_found',
    });
  });

  it('writes nothing when a step of ending the shift fails', async () => {
    const { shift } = await make().openFor(an);
    const failing: AuditSink = {
      append: () => Promise.reject(new Error('audit disk full')),
    };
    await expect(make(failing).end(shift.id, 'x', principalOf(an, shift.id))).rejects.toThrow(
      'audit disk full',
    );
    expect(await make().get(shift.id)).toMatchObject({ endedAt: null });
    expect(await db.get('SELECT id FROM handovers')).toBeUndefined();
  });

  it('seals a handover on acknowledgement by another officer, once', async () => {
    const shifts = make();
    const { shift } = await shifts.openFor(an);
    await scriptShiftRecords(db, an.id);
    clock = SHIFT_END;
    const pending = await shifts.end(shift.id, 'Bàn giao 2 vụ việc', principalOf(an, shift.id));

    // The outgoing officer cannot acknowledge their own handover.
    expect(await rejection(shifts.acknowledge(pending.id, '', principalOf(an, shift.id)))).toEqual({
      code: 'conflict',
      message: 'same_officer',
    });

    clock = SHIFT_END + 5 * 60_000;
    const next = await shifts.openFor(binh);
    expect(next.replaced).toBeNull();
    const acked = await shifts.acknowledge(
      pending.id,
      'Đã nhận đủ',
      principalOf(binh, next.shift.id),
    );
    expect(acked).toMatchObject({
      incoming: { id: 'off-b', fullName: 'Trần Thị Bình', rank: 'Trung úy', role: 'duty' },
      incomingNote: 'Đã nhận đủ',
      acknowledgedAt: SHIFT_END + 5 * 60_000,
    });
    expect(acked.contentHash).toMatch(/^[0-9a-f]{64}$/);
    // Read back from the database, the handover hashes to the same value.
    const stored = await shifts.getHandover(pending.id);
    expect(stored).toEqual(acked);
    expect(handoverContentHash(stored)).toBe(acked.contentHash);
    expect(handoverContentHash({ ...stored, outgoingNotes: 'Bàn giao 1 vụ việc' })).not.toBe(
      acked.contentHash,
    );
    const row = await db.get<{ incoming_shift_id: string }>(
      'SELECT incoming_shift_id FROM handovers WHERE id = ?',
      [pending.id],
    );
    expect(row?.incoming_shift_id).toBe(next.shift.id);
    expect(await shifts.pending()).toEqual([]);

    expect(
      await rejection(shifts.acknowledge(pending.id, '', principalOf(binh, next.shift.id))),
    ).toEqual({
      code: 'conflict',
      message: 'already_acknowledged',
    });
    // Sealed in the database too, whoever writes.
    await expect(
      db.run("UPDATE handovers SET outgoing_notes = 'sửa' WHERE id = ?", [pending.id]),
    ).rejects.toThrow('handover_immutable');
    await expect(db.run('DELETE FROM handovers WHERE id = ?', [pending.id])).rejects.toThrow(
      'handover_immutable',
    );
    expect((await auditActions()).map((a) => a[0])).toEqual([
      'shift.opened',
      'shift.ended',
      'shift.opened',
      'handover.acknowledged',
    ]);
  });

  it('lists handovers newest first, a page at a time', async () => {
    const shifts = make();
    const ids: string[] = [];
    const officers = [an, binh, an];
    for (const [i, officer] of officers.entries()) {
      clock = T0 + i * 8 * H;
      const { shift } = await shifts.openFor(officer);
      clock += 8 * H - 1;
      ids.push((await shifts.end(shift.id, `ca ${i}`, principalOf(officer, shift.id))).id);
    }
    // The officers of a whole page come in one read.
    const sources = realHandoverSources(db, audit, dir);
    const asked: string[][] = [];
    const counted = new ShiftService({
      db,
      audit,
      sources: {
        ...sources,
        officerBriefs: (officerIds, tx) => {
          asked.push([...officerIds]);
          return sources.officerBriefs(officerIds, tx);
        },
      },
    });
    const all = await counted.list({ limit: 50 });
    expect(all.map((h) => h.id)).toEqual([...ids].reverse());
    expect(all.map((h) => h.outgoing.fullName)).toEqual([an, binh, an].map((o) => o.fullName));
    expect(asked).toEqual([['off-a', 'off-b', 'off-a']]);
    const firstPage = await shifts.list({ limit: 2 });
    expect(firstPage.map((h) => h.outgoingNotes)).toEqual(['ca 2', 'ca 1']);
    const nextPage = await shifts.list({ limit: 2, beforeMs: firstPage.at(-1)?.createdAt });
    expect(nextPage.map((h) => h.outgoingNotes)).toEqual(['ca 0']);
  });
});
