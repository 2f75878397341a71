import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../contract/errors';
import { Officer, type OfficerInput } from '../../contract/officer-schemas';
import type { Principal } from '../app/dispatch';
import { AuditLog } from '../audit/audit-log';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { OfficerService } from './officer-service';

let dir: string;
let db: Database;
let audit: AuditLog;
let service: OfficerService;
let clock: number;
let ids: number;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-officers-'));
  db = await openStationDb(dir);
  clock = 1_000_000;
  ids = 0;
  audit = new AuditLog({
    db,
    key: randomBytes(32),
    headFile: join(dir, 'audit-head.json'),
    now: () => clock,
  });
  service = new OfficerService({
    db,
    audit,
    now: () => clock,
    hashParams: { N: 1024, r: 8, p: 1 },
    newId: () => `off-${++ids}`,
  });
});
afterEach(async () => {
  await audit.settled();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const admin = {
  fullName: 'Nguyễn Văn An',
  rank: 'Trung tá',
  badgeNumber: 'CA-001',
  password: 'chihuy-2026',
};
const duty: OfficerInput = {
  fullName: 'Trần Thị Bình',
  rank: 'Thiếu úy',
  badgeNumber: 'CA-002',
  role: 'duty',
  password: 'trucban-123',
};

function principal(o: Officer): Principal {
  return {
    officerId: o.id,
    fullName: o.fullName,
    rank: o.rank,
    role: o.role,
    shiftId: 'shift-1',
    token: 't',
    locked: false,
  };
}

async function apiError(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(err)}`);
  return err;
}

async function auditRows() {
  return (await audit.list({ limit: 1000 })).items.reverse();
}

describe('OfficerService', () => {
  it('sets up the first officer as a commander, once', async () => {
    expect(await service.count()).toBe(0);
    const first = await service.setup(admin);
    expect(Officer.parse(first)).toEqual({
      id: 'off-1',
      fullName: 'Nguyễn Văn An',
      rank: 'Trung tá',
      badgeNumber: 'CA-001',
      role: 'commander',
      active: true,
      createdAt: 1_000_000,
      lastSignInAt: 1_000_000,
    });
    // As stored, too: the commander's own row in the officers list is "signed in".
    expect((await service.list()).map((o) => o.lastSignInAt)).toEqual([1_000_000]);
    const again = await apiError(service.setup({ ...admin, badgeNumber: 'CA-009' }));
    expect([again.code, again.message]).toEqual(['conflict', 'setup_done']);
    expect(await service.count()).toBe(1);
    const [row] = await auditRows();
    expect(row).toMatchObject({
      action: 'auth.setup',
      officerId: 'off-1',
      officerName: 'Nguyễn Văn An',
      subject: 'off-1',
      details: { role: 'commander', badgeNumber: 'CA-001' },
    });
    const stored = await db.get<{ password_hash: string }>('SELECT password_hash FROM officers');
    expect(stored?.password_hash).toMatch(/^scrypt\$1024\$/);
    expect(JSON.stringify(await db.all('SELECT * FROM audit_log'))).not.toContain('chihuy-2026');
  });

  it('lets only one of two racing set-ups through', async () => {
    const results = await Promise.allSettled([
      service.setup(admin),
      service.setup({ ...admin, fullName: 'Lê Văn Cường', badgeNumber: 'CA-003' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await service.count()).toBe(1);
  });

  it('creates officers with case-insensitively unique badges, audited without the password', async () => {
    const boss = principal(await service.setup(admin));
    const binh = await service.create(duty, boss);
    expect(binh).toMatchObject({ id: 'off-2', role: 'duty', active: true });
    const taken = await apiError(
      service.create({ ...duty, fullName: 'Khác', badgeNumber: 'ca-002' }, boss),
    );
    expect(taken.toBody()).toEqual({
      code: 'conflict',
      message: 'badge_taken',
      fields: { badgeNumber: 'badge_taken' },
    });
    expect(await service.count()).toBe(2);
    const created = (await auditRows()).filter((r) => r.action === 'officer.created');
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      officerId: 'off-1',
      subject: 'off-2',
      details: { fullName: 'Trần Thị Bình', rank: 'Thiếu úy', badgeNumber: 'CA-002', role: 'duty' },
    });
    expect(JSON.stringify(created)).not.toContain('trucban-123');
  });

  it('refuses account management by a duty officer', async () => {
    const boss = principal(await service.setup(admin));
    const binh = principal(await service.create(duty, boss));
    const err = await apiError(service.create({ ...duty, badgeNumber: 'X-1' }, binh));
    expect([err.code, err.message]).toEqual(['forbidden', 'commander_only']);
    expect(
      (await apiError(service.update({ id: binh.officerId, role: 'commander' }, binh))).code,
    ).toBe('forbidden');
    expect((await apiError(service.resetPassword(boss.officerId, 'abcdefgh1', binh))).code).toBe(
      'forbidden',
    );
  });

  it('lists active officers first, then by name, and briefs only the active ones', async () => {
    const boss = principal(await service.setup(admin));
    const binh = await service.create(duty, boss);
    await service.create({ ...duty, fullName: 'Đỗ Minh Châu', badgeNumber: 'CA-003' }, boss);
    await service.update({ id: binh.id, active: false }, boss);
    expect((await service.list()).map((o) => [o.fullName, o.active])).toEqual([
      ['Nguyễn Văn An', true],
      ['Đỗ Minh Châu', true],
      ['Trần Thị Bình', false],
    ]);
    expect(await service.activeBriefs()).toEqual([
      { id: 'off-1', fullName: 'Nguyễn Văn An', rank: 'Trung tá', role: 'commander' },
      { id: 'off-3', fullName: 'Đỗ Minh Châu', rank: 'Thiếu úy', role: 'duty' },
    ]);
    expect((await apiError(service.get('nope'))).toBody()).toEqual({
      code: 'not_found',
      message: 'officer_not_found',
    });
  });

  it('briefs the officers asked for in one read, inactive ones too, inside a transaction', async () => {
    const boss = principal(await service.setup(admin));
    const binh = await service.create(duty, boss);
    await service.update({ id: binh.id, active: false }, boss);
    const expected = new Map([
      ['off-1', { id: 'off-1', fullName: 'Nguyễn Văn An', rank: 'Trung tá', role: 'commander' }],
      ['off-2', { id: 'off-2', fullName: 'Trần Thị Bình', rank: 'Thiếu úy', role: 'duty' }],
    ]);
    expect(await service.briefs(['off-2', 'nope', 'off-1', 'off-2'])).toEqual(expected);
    expect(await db.transaction((tx) => service.briefs(['off-1', 'off-2'], tx))).toEqual(expected);
    expect(await service.briefs([])).toEqual(new Map());
  });

  it('updates fields and audits each change as from/to', async () => {
    const boss = principal(await service.setup(admin));
    const binh = await service.create(duty, boss);
    clock += 5000;
    const updated = await service.update(
      { id: binh.id, rank: 'Trung úy', role: 'commander', fullName: binh.fullName },
      boss,
    );
    expect(updated).toMatchObject({ rank: 'Trung úy', role: 'commander' });
    expect(await service.get(binh.id)).toEqual(updated);
    const rows = (await auditRows()).filter((r) => r.action === 'officer.updated');
    expect(rows.map((r) => r.details)).toEqual([
      {
        'rank.from': 'Thiếu úy',
        'rank.to': 'Trung úy',
        'role.from': 'duty',
        'role.to': 'commander',
      },
    ]);
    // Nothing changed: no write, no audit row.
    await service.update({ id: binh.id, rank: 'Trung úy' }, boss);
    expect((await auditRows()).filter((r) => r.action === 'officer.updated')).toHaveLength(1);
    const clash = await apiError(service.update({ id: binh.id, badgeNumber: 'ca-001' }, boss));
    expect(clash.message).toBe('badge_taken');
    // Its own badge in another case is not a clash.
    expect((await service.update({ id: binh.id, badgeNumber: 'ca-002' }, boss)).badgeNumber).toBe(
      'ca-002',
    );
  });

  it('keeps at least one active commander and never deactivates the caller', async () => {
    const first = await service.setup(admin);
    const boss = principal(first);
    const binh = await service.create(duty, boss);
    const self = await apiError(service.update({ id: first.id, active: false }, boss));
    expect([self.code, self.message]).toEqual(['conflict', 'cannot_deactivate_self']);
    const demote = await apiError(service.update({ id: first.id, role: 'duty' }, boss));
    expect([demote.code, demote.message]).toEqual(['conflict', 'last_commander']);
    expect((await service.get(first.id)).role).toBe('commander');

    // With a second commander, the first may step down; then the second is the last one.
    const second = principal(await service.update({ id: binh.id, role: 'commander' }, boss));
    await service.update({ id: first.id, role: 'duty' }, boss);
    const last = await apiError(service.update({ id: second.officerId, role: 'duty' }, second));
    expect(last.message).toBe('last_commander');
    // An inactive commander does not count as the one that remains.
    await service.update({ id: first.id, role: 'commander' }, second);
    await service.update({ id: first.id, active: false }, second);
    const lastActive = await apiError(
      service.update({ id: second.officerId, role: 'duty' }, second),
    );
    expect(lastActive.message).toBe('last_commander');
  });

  it('signs in with the right password, records the time and leaves success to the caller', async () => {
    const boss = principal(await service.setup(admin));
    const binh = await service.create(duty, boss);
    clock = 2_000_000;
    const signedIn = await service.verifyCredentials(binh.id, 'trucban-123');
    expect(signedIn.lastSignInAt).toBe(2_000_000);
    expect((await service.get(binh.id)).lastSignInAt).toBe(2_000_000);
    expect((await auditRows()).map((r) => r.action)).toEqual(['auth.setup', 'officer.created']);
  });

  it('gives the same answer for an unknown id and a wrong password, and audits both', async () => {
    const boss = principal(await service.setup(admin));
    const binh = await service.create(duty, boss);
    const unknown = await apiError(service.verifyCredentials('ghost', 'trucban-123'));
    const wrong = await apiError(service.verifyCredentials(binh.id, 'trucban-999'));
    expect(unknown.toBody()).toEqual(wrong.toBody());
    expect(wrong.toBody()).toEqual({ code: 'forbidden', message: 'bad_password' });
    const failed = (await auditRows()).filter((r) => r.action === 'auth.sign_in_failed');
    expect(failed.map((r) => [r.subject, r.officerId, r.details])).toEqual([
      [null, null, { reason: 'bad_password', attemptedId: 'ghost' }],
      [binh.id, null, { reason: 'bad_password' }],
    ]);
    expect(JSON.stringify(failed)).not.toContain('trucban');
  });

  it('refuses an inactive officer, but only to someone who knows the password', async () => {
    const boss = principal(await service.setup(admin));
    const binh = await service.create(duty, boss);
    await service.update({ id: binh.id, active: false }, boss);
    expect((await apiError(service.verifyCredentials(binh.id, 'wrong-pass'))).message).toBe(
      'bad_password',
    );
    expect((await apiError(service.verifyCredentials(binh.id, 'trucban-123'))).message).toBe(
      'inactive',
    );
    const reasons = (await auditRows())
      .filter((r) => r.action === 'auth.sign_in_failed')
      .map((r) => r.details['reason']);
    expect(reasons).toEqual(['bad_password', 'inactive']);
  });

  it('throttles after five wrong passwords for a minute, even the right one', async () => {
    const boss = principal(await service.setup(admin));
    const binh = await service.create(duty, boss);
    for (let i = 0; i < 5; i++) {
      clock += 1000;
      expect((await apiError(service.verifyCredentials(binh.id, `sai-${i}-pass`))).message).toBe(
        'bad_password',
      );
    }
    clock += 20_000; // 40 s of the minute left
    const refused = await apiError(service.verifyCredentials(binh.id, 'trucban-123'));
    expect(refused.toBody()).toEqual({
      code: 'forbidden',
      message: 'too_many_attempts',
      fields: { retryAfterSec: '40' },
    });
    // Unlocking shares the throttle.
    expect((await apiError(service.checkPassword(binh.id, 'trucban-123'))).message).toBe(
      'too_many_attempts',
    );
    // The commander's account is not affected.
    expect((await service.verifyCredentials(boss.officerId, admin.password)).id).toBe('off-1');
    clock += 40_000;
    expect((await service.verifyCredentials(binh.id, 'trucban-123')).id).toBe(binh.id);
    const reasons = (await auditRows())
      .filter((r) => r.action === 'auth.sign_in_failed')
      .map((r) => r.details['reason']);
    expect(reasons).toEqual([...Array<string>(5).fill('bad_password'), 'too_many_attempts']);
  });

  it('checks no more than five of 40 parallel wrong passwords (counted before hashing)', async () => {
    const boss = principal(await service.setup(admin));
    const binh = await service.create(duty, boss);
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        apiError(service.verifyCredentials(binh.id, `sai-${i}`)),
      ),
    );
    const messages = burst.map((e) => e.message);
    expect(messages.filter((m) => m === 'bad_password')).toHaveLength(5);
    expect(messages.filter((m) => m === 'too_many_attempts')).toHaveLength(35);
  });

  it('resets the failure count on success', async () => {
    const boss = principal(await service.setup(admin));
    const binh = await service.create(duty, boss);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) {
        const err = await apiError(service.verifyCredentials(binh.id, 'wrong-pass'));
        expect(err.message).toBe('bad_password');
      }
      expect((await service.verifyCredentials(binh.id, 'trucban-123')).id).toBe(binh.id);
    }
  });

  it('checks the password for unlocking, auditing failures', async () => {
    const boss = principal(await service.setup(admin));
    const binh = await service.create(duty, boss);
    expect(await service.checkPassword(binh.id, 'trucban-123')).toBe(true);
    expect(await service.checkPassword(binh.id, 'trucban-124')).toBe(false);
    expect(await service.checkPassword('ghost', 'trucban-123')).toBe(false);
    const failed = (await auditRows()).filter((r) => r.action === 'auth.unlock_failed');
    expect(failed.map((r) => [r.officerId, r.subject, r.details])).toEqual([
      [binh.id, binh.id, { reason: 'bad_password' }],
    ]);
  });

  it('changes a password only with the current one, and resets it for a commander', async () => {
    const boss = principal(await service.setup(admin));
    const binh = await service.create(duty, boss);
    const bad = await apiError(service.changePassword(binh.id, 'not-it-123', 'moi-mat-khau-1'));
    expect([bad.code, bad.message]).toEqual(['forbidden', 'bad_password']);
    await service.changePassword(binh.id, 'trucban-123', 'moi-mat-khau-1');
    expect(await service.checkPassword(binh.id, 'trucban-123')).toBe(false);
    expect(await service.checkPassword(binh.id, 'moi-mat-khau-1')).toBe(true);

    await service.resetPassword(binh.id, 'cap-lai-2026', boss);
    expect((await service.verifyCredentials(binh.id, 'cap-lai-2026')).id).toBe(binh.id);
    expect((await apiError(service.resetPassword('ghost', 'cap-lai-2026', boss))).code).toBe(
      'not_found',
    );
    const rows = await auditRows();
    expect(
      rows
        .filter(
          (r) => r.action === 'auth.password_changed' || r.action === 'officer.password_reset',
        )
        .map((r) => [r.action, r.officerId, r.subject]),
    ).toEqual([
      ['auth.password_changed', binh.id, binh.id],
      ['officer.password_reset', boss.officerId, binh.id],
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/moi-mat-khau|cap-lai/);
    expect((await audit.verify()).ok).toBe(true);
  });
});
