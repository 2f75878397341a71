import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { GENESIS_HASH } from './audit-hash';
import { writeAuditHead } from './audit-head-file';
import { AuditLog, type AuditActor } from './audit-log';

let dir: string;
let db: Database;
let headFile: string;
let clock: number;
const key = randomBytes(32);
const officer: AuditActor = { officerId: 'off-1', fullName: 'Nguyễn Văn An' };
const make = (k: Buffer = key) => new AuditLog({ db, key: k, headFile, now: () => clock });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-audit-'));
  db = await openStationDb(dir);
  headFile = join(dir, 'audit-head.json');
  clock = 1_000;
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function fill(log: AuditLog, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    clock += 10;
    await log.append({
      action: i % 3 === 0 ? 'footage.viewed' : 'incident.updated',
      actor: i % 2 === 0 ? officer : null,
      subject: `inc-${i}`,
      details: { n: i, note: `ghi chú ${i}`, closed: i % 5 === 0, camera: null },
    });
  }
  await log.settled();
}

const readHead = () => JSON.parse(readFileSync(headFile, 'utf8')) as { seq: number; hash: string };

describe('AuditLog', () => {
  it('chains rows from a zero hash and keeps the head file at the last row', async () => {
    const log = make();
    const first = await log.append({ action: 'auth.setup', actor: officer, subject: 'off-1' });
    const second = await log.append({
      action: 'officer.created',
      actor: officer,
      subject: 'off-2',
      details: { rank: 'Thiếu úy', role: 'duty' },
    });
    await log.settled();
    expect(first).toMatchObject({ seq: 1, at: 1000, officerName: 'Nguyễn Văn An', details: {} });
    expect(second.seq).toBe(2);
    const rows = await db.all<{ prev_hash: string; hash: string }>(
      'SELECT prev_hash, hash FROM audit_log ORDER BY seq',
    );
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    expect(rows[1]?.prev_hash).toBe(first.hash);
    expect(rows[1]?.hash).toBe(second.hash);
    expect(readHead()).toMatchObject({ seq: 2, hash: second.hash, mac: expect.any(String) });
  });

  it('commits with the caller transaction, and leaves no row or head when it rolls back', async () => {
    const log = make();
    await log.append({ action: 'auth.setup', actor: officer });
    await expect(
      db.transaction(async (tx) => {
        await log.append({ action: 'officer.created', actor: officer }, tx);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await log.settled();
    expect(readHead().seq).toBe(1);
    const entry = await db.transaction((tx) =>
      log.append({ action: 'officer.created', actor: officer, subject: 'off-2' }, tx),
    );
    await log.settled();
    expect(entry.seq).toBe(2);
    expect(readHead()).toMatchObject({ seq: 2, hash: entry.hash });
    expect((await log.verify()).ok).toBe(true);
  });

  it('names its last row, inside a caller transaction too', async () => {
    const log = make();
    expect(await log.lastRow()).toBeNull();
    await log.append({ action: 'auth.setup', actor: officer });
    const second = await log.append({ action: 'auth.sign_in', actor: officer });
    await log.settled();
    expect(await log.lastRow()).toEqual({ seq: 2, hash: second.hash });
    expect(await db.transaction((tx) => log.lastRow(tx))).toEqual({ seq: 2, hash: second.hash });
  });

  it('lists newest first with filters, a filter-wide total and paging by seq', async () => {
    const log = make();
    await fill(log, 12);
    const all = await log.list({ limit: 5 });
    expect(all.total).toBe(12);
    expect(all.items.map((e) => e.seq)).toEqual([12, 11, 10, 9, 8]);
    expect(all.items[0]).toMatchObject({
      action: 'incident.updated',
      subject: 'inc-11',
      officerId: null,
      details: { n: 11, note: 'ghi chú 11', closed: false, camera: null },
    });

    const viewed = await log.list({ action: 'footage.viewed', limit: 2 });
    expect(viewed.total).toBe(4); // i = 0, 3, 6, 9
    expect(viewed.items.map((e) => e.subject)).toEqual(['inc-9', 'inc-6']);
    const older = await log.list({ action: 'footage.viewed', limit: 2, beforeSeq: 7 });
    expect(older.items.map((e) => e.subject)).toEqual(['inc-3', 'inc-0']);
    expect(older.total).toBe(4);

    const byOfficer = await log.list({ officerId: 'off-1', from: 1030, to: 1070, limit: 50 });
    // at = 1000 + 10·(i+1); off-1 acts on even i → i = 2, 4, 6 (at 1030, 1050, 1070).
    expect(byOfficer.items.map((e) => e.at)).toEqual([1070, 1050, 1030]);
    expect(byOfficer.total).toBe(3);
  });

  it('refuses UPDATE and DELETE through SQL', async () => {
    const log = make();
    await fill(log, 3);
    await expect(db.run("UPDATE audit_log SET subject = 'x' WHERE seq = 2")).rejects.toThrow(
      /audit_append_only/,
    );
    await expect(db.run('DELETE FROM audit_log WHERE seq = 3')).rejects.toThrow(
      /audit_append_only/,
    );
    expect((await log.list({ limit: 10 })).total).toBe(3);
  });

  it('passes an untouched log of a few hundred rows, then records the check after it', async () => {
    const log = make();
    await fill(log, 320);
    clock = 99_000;
    const result = await log.verify(officer);
    expect(result).toEqual({
      ok: true,
      checked: 320,
      firstBadSeq: null,
      problem: null,
      verifiedAt: 99_000,
    });
    const [newest] = (await log.list({ limit: 1 })).items;
    expect(newest).toMatchObject({
      seq: 321,
      action: 'audit.verified',
      officerId: 'off-1',
      details: { ok: true, checked: 320, firstBadSeq: null, problem: null },
    });
    // A new instance (the next app start) reads the same chain and head.
    expect(await make().verify()).toMatchObject({ ok: true, checked: 321 });
  });

  it('detects an edited row once the trigger is dropped', async () => {
    const log = make();
    await fill(log, 60);
    await db.exec('DROP TRIGGER audit_log_no_update');
    await db.run(`UPDATE audit_log SET details_json = '{"n":999}' WHERE seq = 37`);
    expect(await log.verify()).toMatchObject({
      ok: false,
      checked: 37,
      firstBadSeq: 37,
      problem: 'altered',
    });
  });

  it('detects a row whose officer was swapped', async () => {
    const log = make();
    await fill(log, 10);
    await db.exec('DROP TRIGGER audit_log_no_update');
    await db.run("UPDATE audit_log SET officer_id = 'off-9', officer_name = 'X' WHERE seq = 4");
    expect(await log.verify()).toMatchObject({ firstBadSeq: 4, problem: 'altered' });
  });

  it('detects a deleted middle row', async () => {
    const log = make();
    await fill(log, 50);
    await db.exec('DROP TRIGGER audit_log_no_delete');
    await db.run('DELETE FROM audit_log WHERE seq = 20');
    expect(await log.verify()).toMatchObject({
      ok: false,
      firstBadSeq: 21,
      problem: 'missing',
    });
  });

  it('detects deleted first rows', async () => {
    const log = make();
    await fill(log, 5);
    await db.exec('DROP TRIGGER audit_log_no_delete');
    await db.run('DELETE FROM audit_log WHERE seq = 1');
    expect(await log.verify()).toMatchObject({ firstBadSeq: 2, problem: 'missing' });
  });

  it('detects deleted tail rows through the head file, and keeps detecting after new rows', async () => {
    const log = make();
    await fill(log, 30);
    await db.exec('DROP TRIGGER audit_log_no_delete');
    await db.run('DELETE FROM audit_log WHERE seq >= 28');
    // The next start: the chain itself is intact up to 27.
    const next = make();
    expect(await next.verify()).toMatchObject({
      ok: false,
      checked: 27,
      firstBadSeq: 28,
      problem: 'head_mismatch',
    });
    // verify appended row 28 with a new hash; more rows follow. The head must not move
    // over the hole, or the deletion would vanish.
    await fill(next, 5);
    expect(readHead().seq).toBe(30);
    expect(await next.verify()).toMatchObject({
      ok: false,
      firstBadSeq: 30,
      problem: 'head_mismatch',
    });
  });

  it('accepts a head file behind the table (a crash between commit and head write)', async () => {
    const log = make();
    await fill(log, 8);
    const row5 = await db.get<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = 5');
    await writeAuditHead(headFile, key, { seq: 5, hash: row5!.hash });
    const next = make();
    expect(await next.verify()).toMatchObject({ ok: true, checked: 8 });
    await next.settled();
    // The head catches up with the next append (here: the audit.verified row).
    expect(readHead().seq).toBe(9);
  });

  it('reports a head file that names another hash or is not ours', async () => {
    const log = make();
    await fill(log, 4);
    await writeAuditHead(headFile, key, { seq: 3, hash: 'f'.repeat(64) });
    expect(await make().verify()).toMatchObject({ firstBadSeq: 3, problem: 'head_mismatch' });
    writeFileSync(headFile, 'not json');
    expect(await make().verify()).toMatchObject({ firstBadSeq: null, problem: 'head_mismatch' });
  });

  it('detects tail rows deleted together with the head file while the app runs', async () => {
    const log = make();
    await fill(log, 12);
    await db.exec('DROP TRIGGER audit_log_no_delete');
    await db.run('DELETE FROM audit_log WHERE seq >= 10');
    rmSync(headFile);
    expect(await log.verify()).toMatchObject({ ok: false, problem: 'head_mismatch' });
    // Nor does a fresh start take "no head" for "nothing to compare with".
    expect(await make().verify()).toMatchObject({ ok: false, problem: 'head_mismatch' });
  });

  it('refuses a head copied from the database after deleting tail rows (app stopped)', async () => {
    const log = make();
    await fill(log, 12);
    await db.exec('DROP TRIGGER audit_log_no_delete');
    await db.run('DELETE FROM audit_log WHERE seq >= 10');
    const row9 = await db.get<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = 9');
    // What a tamperer can write: the row's own seq and hash, unsigned or signed with a guess.
    writeFileSync(headFile, JSON.stringify({ seq: 9, hash: row9!.hash }));
    const next = make();
    await next.open({ trustUnsignedHead: false });
    expect(await next.verify()).toMatchObject({ ok: false, problem: 'head_mismatch' });
    await writeAuditHead(headFile, randomBytes(32), { seq: 9, hash: row9!.hash });
    expect(await make().verify()).toMatchObject({ ok: false, problem: 'head_mismatch' });
  });

  it('signs a head written before heads were signed once, at the upgrade only', async () => {
    const log = make();
    await fill(log, 5);
    const { seq, hash } = readHead();
    writeFileSync(headFile, JSON.stringify({ seq, hash }));
    const upgraded = make();
    await upgraded.open({ trustUnsignedHead: true });
    expect(readHead()).toMatchObject({ seq, hash, mac: expect.any(String) });
    expect(await upgraded.verify()).toMatchObject({ ok: true, checked: 5 });
  });

  it('finds dropped protective triggers at start and at verify, records it and puts them back', async () => {
    const log = make();
    await fill(log, 4);
    await db.exec('DROP TRIGGER audit_log_no_delete');
    await db.exec('DROP TRIGGER handovers_immutable_update');
    const next = make();
    await next.open({ trustUnsignedHead: false });
    await next.settled();
    const restored = await db.get<{ details_json: string }>(
      "SELECT details_json FROM audit_log WHERE action = 'audit.triggers_restored'",
    );
    expect(JSON.parse(restored!.details_json)).toEqual({
      triggers: 'audit_log_no_delete,handovers_immutable_update',
    });
    await expect(db.run('DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow(/append_only/);
    // Dropped while running: the next verification says so, even with every row intact.
    await db.exec('DROP TRIGGER audit_log_no_update');
    expect(await next.verify()).toMatchObject({ ok: false, problem: 'triggers_missing' });
    await expect(db.run('UPDATE audit_log SET at = 0 WHERE seq = 1')).rejects.toThrow(
      /append_only/,
    );
    expect(await next.verify()).toMatchObject({ ok: true });
  });

  it('needs the key: rows rewritten without it do not verify', async () => {
    const log = make();
    await fill(log, 3);
    expect(await make(randomBytes(32)).verify()).toMatchObject({
      ok: false,
      firstBadSeq: 1,
      problem: 'altered',
    });
  });
});
