// The audit trail (nhật ký hệ thống): an append-only, hash-chained log of who did
// what. Triggers refuse UPDATE/DELETE through SQL; the keyed chain and the head
// file catch a tool that drops the triggers first (docs/design/duty.md).
import type {
  AuditAction,
  AuditDetails,
  AuditEntry,
  AuditFilter,
  AuditVerification,
} from '../../contract/audit-schemas';
import type { Database, Queryable, SqlValue } from '../db/database';
import { auditHash, canonicalJson, GENESIS_HASH } from './audit-hash';
import {
  readAuditHead,
  writeAuditHead,
  type AuditHead,
  type AuditHeadRead,
} from './audit-head-file';
import { missingTriggers, restoreTriggers } from './protective-triggers';

/** Who acted; a `Principal` fits. Null for the system or before sign-in. */
export type AuditActor = { officerId: string; fullName: string } | null;

export interface AuditInput {
  action: AuditAction;
  actor: AuditActor;
  subject?: string | null;
  details?: AuditDetails;
}

export interface AuditLogDeps {
  db: Database;
  /** The HMAC key of the chain (loadOrCreateAuditKey). */
  key: Buffer;
  /** Where the head {seq, hash} is kept, outside the database. */
  headFile: string;
  now?: () => number;
}

interface AuditRow {
  seq: number;
  at: number;
  officer_id: string | null;
  officer_name: string | null;
  action: string;
  subject: string | null;
  details_json: string;
  prev_hash: string;
  hash: string;
}

/** Rows read per page while verifying, so a years-long log never sits in memory at once. */
const VERIFY_PAGE = 500;

export class AuditLog {
  private readonly now: () => number;
  /** Head writes run one after another, in commit order. */
  private headChain: Promise<void> = Promise.resolve();
  /** What we last wrote (or found) in the head file; undefined until first read. */
  private head: AuditHeadRead | undefined;

  constructor(private readonly deps: AuditLogDeps) {
    this.now = deps.now ?? Date.now;
  }

  /**
   * Appends one row. Pass `tx` from the caller's own transaction so the change and
   * its audit row commit (or roll back) together; the head file follows the commit.
   */
  async append(input: AuditInput, tx?: Queryable): Promise<AuditEntry> {
    if (tx) {
      const entry = await this.insert(input, tx);
      // Queued on the database behind the caller's transaction: it runs once that
      // commits or rolls back, and finds the row only if it committed. Not awaited:
      // awaiting it inside the transaction would deadlock.
      this.afterCommit(entry);
      return entry;
    }
    const entry = await this.deps.db.transaction((own) => this.insert(input, own));
    this.afterCommit(entry);
    return entry;
  }

  /**
   * At start: puts back protective triggers a tool dropped (recording that they were
   * gone), and — once, at the upgrade to signed heads — signs a head written before
   * heads were signed. After that an unsigned head is a forged one.
   */
  async open(opts: { trustUnsignedHead: boolean }): Promise<void> {
    await this.checkTriggers();
    const head = await readAuditHead(this.deps.headFile, this.deps.key);
    if (head && head !== 'invalid' && !head.signed && opts.trustUnsignedHead) {
      await writeAuditHead(this.deps.headFile, this.deps.key, head);
      this.head = { ...head, signed: true };
    }
  }

  /**
   * The chain's last row, for reports that print it (a later truncation shows on paper).
   * `q`: read inside the caller's transaction.
   */
  lastRow(q: Queryable = this.deps.db): Promise<AuditHead | null> {
    return lastAuditRow(q);
  }

  /** Resolves once the head file reflects every committed append (tests, shutdown). */
  async settled(): Promise<void> {
    let current: Promise<void>;
    do {
      current = this.headChain;
      await current;
    } while (current !== this.headChain);
  }

  /** Before the database closes: lets the last head write finish. */
  async dispose(): Promise<void> {
    await this.settled();
  }

  async list(filter: AuditFilter): Promise<{ items: AuditEntry[]; total: number }> {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (filter.from !== undefined) {
      where.push('at >= ?');
      params.push(filter.from);
    }
    if (filter.to !== undefined) {
      where.push('at <= ?');
      params.push(filter.to);
    }
    if (filter.action !== undefined) {
      where.push('action = ?');
      params.push(filter.action);
    }
    if (filter.officerId !== undefined) {
      where.push('officer_id = ?');
      params.push(filter.officerId);
    }
    const clause = (parts: string[]) => (parts.length ? `WHERE ${parts.join(' AND ')}` : '');
    const total = await this.deps.db.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM audit_log ${clause(where)}`,
      params,
    );
    // The total counts the whole filter; beforeSeq only pages through it.
    const pageWhere = filter.beforeSeq !== undefined ? [...where, 'seq < ?'] : where;
    const pageParams = filter.beforeSeq !== undefined ? [...params, filter.beforeSeq] : params;
    const rows = await this.deps.db.all<AuditRow>(
      `SELECT * FROM audit_log ${clause(pageWhere)} ORDER BY seq DESC LIMIT ?`,
      [...pageParams, filter.limit],
    );
    return { items: rows.map(toEntry), total: total?.n ?? 0 };
  }

  /**
   * Walks the whole chain and reports the first altered or missing row, then
   * records the check itself as an `audit.verified` row (after, so it is never
   * part of what it checked).
   */
  async verify(actor: AuditActor = null): Promise<AuditVerification> {
    await this.settled();
    const head = await readAuditHead(this.deps.headFile, this.deps.key);
    let result = await this.walk(head);
    // Checked after the walk, which reports the worse problem when both are found.
    if ((await this.checkTriggers()).length > 0 && result.ok)
      result = {
        ok: false,
        checked: result.checked,
        firstBadSeq: null,
        problem: 'triggers_missing',
      };
    const verification: AuditVerification = { ...result, verifiedAt: this.now() };
    await this.append({
      action: 'audit.verified',
      actor,
      details: {
        ok: verification.ok,
        checked: verification.checked,
        firstBadSeq: verification.firstBadSeq,
        problem: verification.problem,
      },
    });
    return verification;
  }

  private async walk(head: AuditHeadRead): Promise<Omit<AuditVerification, 'verifiedAt'>> {
    const bad = (
      checked: number,
      firstBadSeq: number | null,
      problem: NonNullable<AuditVerification['problem']>,
    ) => ({ ok: false, checked, firstBadSeq, problem });

    let checked = 0;
    let lastSeq = 0;
    let prevHash = GENESIS_HASH;
    let hashAtHead: string | null = null;
    // Bounded: each page advances lastSeq past every row it returned.
    for (;;) {
      const rows = await this.deps.db.all<AuditRow>(
        'SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?',
        [lastSeq, VERIFY_PAGE],
      );
      for (const row of rows) {
        checked += 1;
        // A hole in the numbering, or a row whose predecessor is not the row before it.
        if (row.seq !== lastSeq + 1 || row.prev_hash !== prevHash)
          return bad(checked, row.seq, 'missing');
        if (auditHash(this.deps.key, row.prev_hash, contentOf(row)) !== row.hash)
          return bad(checked, row.seq, 'altered');
        if (head && head !== 'invalid' && row.seq === head.seq) hashAtHead = row.hash;
        lastSeq = row.seq;
        prevHash = row.hash;
      }
      if (rows.length < VERIFY_PAGE) break;
    }
    if (head === 'invalid' || (head && !head.signed)) return bad(checked, null, 'head_mismatch');
    // Rows but no head: the file was deleted (with rows behind it, or to hide that).
    if (!head && checked > 0) return bad(checked, null, 'head_mismatch');
    // Rows at the tail are gone: the head saw more than the table holds.
    if (head && head.seq > lastSeq) return bad(checked, lastSeq + 1, 'head_mismatch');
    if (head && hashAtHead !== head.hash) return bad(checked, head.seq, 'head_mismatch');
    return { ok: true, checked, firstBadSeq: null, problem: null };
  }

  private async insert(input: AuditInput, tx: Queryable): Promise<AuditEntry> {
    const last = await tx.get<{ seq: number; hash: string }>(
      'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
    );
    const content = {
      seq: (last?.seq ?? 0) + 1,
      at: this.now(),
      officerId: input.actor?.officerId ?? null,
      officerName: input.actor?.fullName ?? null,
      action: input.action,
      subject: input.subject ?? null,
      details: input.details ?? {},
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    const hash = auditHash(this.deps.key, prevHash, content);
    await tx.run(
      `INSERT INTO audit_log
         (seq, at, officer_id, officer_name, action, subject, details_json, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        content.seq,
        content.at,
        content.officerId,
        content.officerName,
        content.action,
        content.subject,
        canonicalJson(content.details),
        prevHash,
        hash,
      ],
    );
    return { ...content, hash };
  }

  private afterCommit(entry: AuditEntry): void {
    // Read behind whatever transaction wrote the row (the database queue is FIFO).
    const committed = this.deps.db
      .get<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = ?', [entry.seq])
      .catch(() => undefined);
    this.headChain = this.headChain
      .then(async () => {
        const row = await committed;
        if (row?.hash !== entry.hash) return; // rolled back
        await this.advanceHead({ seq: entry.seq, hash: entry.hash });
      })
      // A failed head write only weakens tail detection until the next append; the
      // row itself is committed, so it must not fail the caller's action.
      .catch(() => undefined);
  }

  /**
   * Moves the head forward, unless the current head no longer matches the table:
   * then rows were removed behind our back, and overwriting the head would erase
   * the evidence that verify reports.
   */
  private async advanceHead(next: AuditHead): Promise<void> {
    if (this.head === undefined) this.head = await readAuditHead(this.deps.headFile, this.deps.key);
    const current = this.head;
    if (current === 'invalid' || (current && !current.signed)) return;
    if (current) {
      if (current.seq >= next.seq) return;
      const row = await this.deps.db.get<{ hash: string }>(
        'SELECT hash FROM audit_log WHERE seq = ?',
        [current.seq],
      );
      if (row?.hash !== current.hash) return;
    }
    await writeAuditHead(this.deps.headFile, this.deps.key, next);
    this.head = { ...next, signed: true };
  }

  /** Restores dropped protective triggers and records it; returns the names that were missing. */
  private async checkTriggers(): Promise<string[]> {
    const missing = await missingTriggers(this.deps.db);
    if (missing.length === 0) return missing;
    const entry = await this.deps.db.transaction(async (tx) => {
      await restoreTriggers(tx, missing);
      return this.insert(
        {
          action: 'audit.triggers_restored',
          actor: null,
          details: { triggers: missing.join(',') },
        },
        tx,
      );
    });
    this.afterCommit(entry);
    return missing;
  }
}

/** The chain's last committed row; pass a transaction handle to read inside it. */
export async function lastAuditRow(q: Queryable): Promise<AuditHead | null> {
  const row = await q.get<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
  );
  return row ? { seq: row.seq, hash: row.hash } : null;
}

function contentOf(row: AuditRow) {
  return {
    seq: row.seq,
    at: row.at,
    officerId: row.officer_id,
    officerName: row.officer_name,
    action: row.action as AuditAction,
    subject: row.subject,
    details: parseDetails(row.details_json),
  };
}

function toEntry(row: AuditRow): AuditEntry {
  return { ...contentOf(row), hash: row.hash };
}

function parseDetails(text: string): AuditDetails {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as AuditDetails;
  } catch {
    // an edited row: verify reports it through the hash
  }
  return {};
}
