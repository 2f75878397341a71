// Officer accounts (cán bộ chiến sĩ): first-start set-up of the administrator,
// accounts managed by commanders, passwords and the credential checks behind
// sign-in and unlock. Every change commits together with its audit row.
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../contract/errors';
import type {
  Officer,
  OfficerBrief,
  OfficerInput,
  OfficerRole,
  OfficerUpdate,
  SetupInput,
} from '../../contract/officer-schemas';
import type { AuditDetails } from '../../contract/audit-schemas';
import type { Principal } from '../app/dispatch';
import type { Database, Queryable } from '../db/database';
import type { AuditLog } from '../audit/audit-log';
import {
  DEFAULT_SCRYPT_PARAMS,
  hashPassword,
  verifyPassword,
  type ScryptParams,
} from './password-hash';
import { DEFAULT_THROTTLE, SignInThrottle, type ThrottleOptions } from './sign-in-throttle';

export interface OfficerServiceDeps {
  db: Database;
  audit: AuditLog;
  now?: () => number;
  hashParams?: ScryptParams;
  throttle?: ThrottleOptions;
  newId?: () => string;
}

interface OfficerRow {
  id: string;
  full_name: string;
  rank: string;
  badge_number: string;
  role: OfficerRole;
  password_hash: string;
  active: number;
  created_at: number;
  last_sign_in_at: number | null;
}

/** Fields an update may change, with their column. */
const UPDATABLE = {
  fullName: 'full_name',
  rank: 'rank',
  badgeNumber: 'badge_number',
  role: 'role',
  active: 'active',
} as const;
type UpdatableField = keyof typeof UPDATABLE;

export class OfficerService {
  private readonly now: () => number;
  private readonly hashParams: ScryptParams;
  private readonly throttle: SignInThrottle;
  private readonly newId: () => string;
  /** Hashed once, so an unknown officer id costs as much time as a wrong password. */
  private decoy: Promise<string> | null = null;

  constructor(private readonly deps: OfficerServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.hashParams = deps.hashParams ?? DEFAULT_SCRYPT_PARAMS;
    this.throttle = new SignInThrottle(deps.throttle ?? DEFAULT_THROTTLE);
    this.newId = deps.newId ?? randomUUID;
  }

  async count(): Promise<number> {
    const row = await this.deps.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM officers');
    return row?.n ?? 0;
  }

  /** Active officers first, then by name. */
  async list(): Promise<Officer[]> {
    const rows = await this.deps.db.all<OfficerRow>(
      'SELECT * FROM officers ORDER BY active DESC, full_name COLLATE NOCASE, id',
    );
    return rows.map(toOfficer);
  }

  /** For the sign-in list. */
  async activeBriefs(): Promise<OfficerBrief[]> {
    const rows = await this.deps.db.all<OfficerRow>(
      'SELECT * FROM officers WHERE active = 1 ORDER BY full_name COLLATE NOCASE, id',
    );
    return rows.map(toBrief);
  }

  /**
   * Officers by id, active or not (records name whoever acted, even since
   * deactivated); ids not found are absent. Pass `tx` to read inside the
   * caller's transaction.
   */
  async briefs(ids: readonly string[], tx?: Queryable): Promise<Map<string, OfficerBrief>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await (tx ?? this.deps.db).all<OfficerRow>(
      `SELECT * FROM officers WHERE id IN (${unique.map(() => '?').join(', ')})`,
      unique,
    );
    return new Map(rows.map((r) => [r.id, toBrief(r)]));
  }

  async get(id: string): Promise<Officer> {
    return toOfficer(await this.row(this.deps.db, id));
  }

  /** First start: the administrator, a commander. Refused once any officer exists. */
  async setup(input: SetupInput): Promise<Officer> {
    // Hash outside the transaction: it is slow and needs no lock.
    const hash = await hashPassword(input.password, this.hashParams);
    return this.deps.db.transaction(async (tx) => {
      const any = await tx.get('SELECT 1 FROM officers LIMIT 1');
      if (any) throw new ApiError('conflict', 'setup_done');
      const created = await this.insert(tx, { ...input, role: 'commander' }, hash);
      // Setting up signs the administrator in (auth.setup answers with a session): the
      // officers list must not say "never signed in" of the commander reading it.
      await tx.run('UPDATE officers SET last_sign_in_at = ? WHERE id = ?', [
        created.createdAt,
        created.id,
      ]);
      const officer = { ...created, lastSignInAt: created.createdAt };
      await this.deps.audit.append(
        {
          action: 'auth.setup',
          actor: { officerId: officer.id, fullName: officer.fullName },
          subject: officer.id,
          details: detailsOf(officer),
        },
        tx,
      );
      return officer;
    });
  }

  async create(input: OfficerInput, actor: Principal): Promise<Officer> {
    requireCommander(actor);
    const hash = await hashPassword(input.password, this.hashParams);
    return this.deps.db.transaction(async (tx) => {
      await this.requireFreeBadge(tx, input.badgeNumber, null);
      const officer = await this.insert(tx, input, hash);
      await this.deps.audit.append(
        { action: 'officer.created', actor, subject: officer.id, details: detailsOf(officer) },
        tx,
      );
      return officer;
    });
  }

  async update(patch: OfficerUpdate, actor: Principal): Promise<Officer> {
    requireCommander(actor);
    return this.deps.db.transaction(async (tx) => {
      const before = toOfficer(await this.row(tx, patch.id));
      const changed = (Object.keys(UPDATABLE) as UpdatableField[]).filter(
        (f) => patch[f] !== undefined && patch[f] !== before[f],
      );
      if (changed.length === 0) return before;
      const after: Officer = { ...before };
      for (const f of changed) Object.assign(after, { [f]: patch[f] });

      if (before.active && !after.active && before.id === actor.officerId)
        throw new ApiError('conflict', 'cannot_deactivate_self');
      const wasActiveCommander = before.active && before.role === 'commander';
      const isActiveCommander = after.active && after.role === 'commander';
      if (wasActiveCommander && !isActiveCommander) {
        const others = await tx.get<{ n: number }>(
          "SELECT COUNT(*) AS n FROM officers WHERE role = 'commander' AND active = 1 AND id <> ?",
          [before.id],
        );
        if ((others?.n ?? 0) === 0) throw new ApiError('conflict', 'last_commander');
      }
      if (changed.includes('badgeNumber'))
        await this.requireFreeBadge(tx, after.badgeNumber, after.id);

      const sets = changed.map((f) => `${UPDATABLE[f]} = ?`).join(', ');
      const values = changed.map((f) => {
        const v = after[f];
        return typeof v === 'boolean' ? (v ? 1 : 0) : v;
      });
      await tx.run(`UPDATE officers SET ${sets}, updated_at = ? WHERE id = ?`, [
        ...values,
        this.now(),
        after.id,
      ]);
      const details: AuditDetails = {};
      for (const f of changed) {
        details[`${f}.from`] = before[f];
        details[`${f}.to`] = after[f];
      }
      await this.deps.audit.append(
        { action: 'officer.updated', actor, subject: after.id, details },
        tx,
      );
      return after;
    });
  }

  /** A commander sets a new password for an officer who forgot theirs. */
  async resetPassword(id: string, password: string, actor: Principal): Promise<void> {
    requireCommander(actor);
    const hash = await hashPassword(password, this.hashParams);
    await this.deps.db.transaction(async (tx) => {
      await this.row(tx, id);
      await tx.run('UPDATE officers SET password_hash = ?, updated_at = ? WHERE id = ?', [
        hash,
        this.now(),
        id,
      ]);
      await this.deps.audit.append({ action: 'officer.password_reset', actor, subject: id }, tx);
    });
    // The officer can sign in with the new password at once.
    this.throttle.succeeded(id);
  }

  /** The signed-in officer changes their own password; counts toward the throttle. */
  async changePassword(officerId: string, current: string, next: string): Promise<void> {
    const row = await this.row(this.deps.db, officerId);
    if (!(await this.checkThrottled(row, current))) throw new ApiError('forbidden', 'bad_password');
    const hash = await hashPassword(next, this.hashParams);
    await this.deps.db.transaction(async (tx) => {
      // Compare-and-set: a reset that landed while we hashed wins.
      const res = await tx.run(
        'UPDATE officers SET password_hash = ?, updated_at = ? WHERE id = ? AND password_hash = ?',
        [hash, this.now(), officerId, row.password_hash],
      );
      if (res.changes === 0) throw new ApiError('conflict', 'password_changed_elsewhere');
      await this.deps.audit.append(
        {
          action: 'auth.password_changed',
          actor: { officerId, fullName: row.full_name },
          subject: officerId,
        },
        tx,
      );
    });
  }

  /**
   * Sign-in check. The lead's sign-in flow audits the success (with the shift);
   * every failure is audited here.
   */
  async verifyCredentials(officerId: string, password: string): Promise<Officer> {
    const row = await this.deps.db.get<OfficerRow>('SELECT * FROM officers WHERE id = ?', [
      officerId,
    ]);
    const fail = async (reason: string, fields?: Record<string, string>): Promise<never> => {
      await this.deps.audit.append({
        action: 'auth.sign_in_failed',
        actor: null,
        subject: row ? row.id : null,
        details: row ? { reason } : { reason, attemptedId: officerId },
      });
      throw new ApiError('forbidden', reason, fields);
    };
    if (!row) {
      // Spend the same time as a wrong password, so timing does not tell ids apart.
      await verifyPassword(password, await this.decoyHash());
      return fail('bad_password');
    }
    let ok: boolean;
    try {
      ok = await this.checkThrottled(row, password);
    } catch (err) {
      if (err instanceof ApiError) return fail(err.message, err.fields);
      throw err;
    }
    if (!ok) return fail('bad_password');
    // Only someone who knows the password learns that the account is disabled.
    if (row.active !== 1) return fail('inactive');
    const at = this.now();
    await this.deps.db.run('UPDATE officers SET last_sign_in_at = ? WHERE id = ?', [at, row.id]);
    return toOfficer({ ...row, last_sign_in_at: at });
  }

  /** Unlocking the screen: same throttle as sign-in; failures audited as auth.unlock_failed. */
  async checkPassword(officerId: string, password: string): Promise<boolean> {
    const row = await this.deps.db.get<OfficerRow>('SELECT * FROM officers WHERE id = ?', [
      officerId,
    ]);
    if (!row) return false;
    const audit = (reason: string) =>
      this.deps.audit.append({
        action: 'auth.unlock_failed',
        actor: { officerId: row.id, fullName: row.full_name },
        subject: row.id,
        details: { reason },
      });
    let ok: boolean;
    try {
      ok = await this.checkThrottled(row, password);
    } catch (err) {
      if (err instanceof ApiError) await audit(err.message);
      throw err;
    }
    if (ok && row.active === 1) return true;
    await audit(ok ? 'inactive' : 'bad_password');
    return false;
  }

  /**
   * The password check behind sign-in, unlock and change: refused outright while
   * the officer is throttled, and every wrong password counts.
   */
  private async checkThrottled(row: OfficerRow, password: string): Promise<boolean> {
    // Counted before hashing: parallel guesses cannot all slip under the limit.
    const waitMs = this.throttle.begin(row.id, this.now());
    if (waitMs > 0)
      throw new ApiError('forbidden', 'too_many_attempts', {
        retryAfterSec: String(Math.ceil(waitMs / 1000)),
      });
    let ok = false;
    try {
      ok = await verifyPassword(password, row.password_hash);
    } finally {
      if (ok) this.throttle.succeeded(row.id);
      else this.throttle.failed(row.id, this.now());
    }
    return ok;
  }

  private decoyHash(): Promise<string> {
    this.decoy ??= hashPassword(randomUUID(), this.hashParams);
    return this.decoy;
  }

  private async row(q: Queryable, id: string): Promise<OfficerRow> {
    const row = await q.get<OfficerRow>('SELECT * FROM officers WHERE id = ?', [id]);
    if (!row) throw new ApiError('not_found', 'officer_not_found');
    return row;
  }

  private async requireFreeBadge(q: Queryable, badge: string, exceptId: string | null) {
    // The column is COLLATE NOCASE, so 'ab-1' and 'AB-1' collide here as in the index.
    const taken = await q.get('SELECT 1 FROM officers WHERE badge_number = ? AND id IS NOT ?', [
      badge,
      exceptId,
    ]);
    if (taken) throw new ApiError('conflict', 'badge_taken', { badgeNumber: 'badge_taken' });
  }

  private async insert(q: Queryable, input: OfficerInput, hash: string): Promise<Officer> {
    const at = this.now();
    const officer: Officer = {
      id: this.newId(),
      fullName: input.fullName,
      rank: input.rank,
      badgeNumber: input.badgeNumber,
      role: input.role,
      active: true,
      createdAt: at,
      lastSignInAt: null,
    };
    await q.run(
      `INSERT INTO officers
         (id, full_name, rank, badge_number, role, password_hash, active, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)`,
      [officer.id, officer.fullName, officer.rank, officer.badgeNumber, officer.role, hash, at, at],
    );
    return officer;
  }
}

function requireCommander(actor: Principal): void {
  // dispatch checks the channel's access first; this keeps the rule true for any caller.
  if (actor.role !== 'commander') throw new ApiError('forbidden', 'commander_only');
}

/** What the log keeps of an account: never its password. */
function detailsOf(o: Officer): AuditDetails {
  return { fullName: o.fullName, rank: o.rank, badgeNumber: o.badgeNumber, role: o.role };
}

function toOfficer(r: OfficerRow): Officer {
  return {
    id: r.id,
    fullName: r.full_name,
    rank: r.rank,
    badgeNumber: r.badge_number,
    role: r.role,
    active: r.active === 1,
    createdAt: r.created_at,
    lastSignInAt: r.last_sign_in_at,
  };
}

function toBrief(r: Pick<OfficerRow, 'id' | 'full_name' | 'rank' | 'role'>): OfficerBrief {
  return { id: r.id, fullName: r.full_name, rank: r.rank, role: r.role };
}
