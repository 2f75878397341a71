// Shifts (ca trực) and their handovers (bàn giao ca), docs/design/duty.md.
//
// At most one shift is open at a time. Signing in continues the officer's own
// open shift; an officer signing in while another's shift is open ends that
// shift as 'replaced' with a handover that still waits for acknowledgement, so
// no stretch of duty goes without a record. Ending a shift writes the handover
// (summary + notes); the next officer acknowledges it, which seals it: the row
// gets a content hash and the database triggers refuse any later change.
import { randomUUID } from 'node:crypto';
import type { AuditAction, AuditDetails } from '../../contract/audit-schemas';
import { ApiError } from '../../contract/errors';
import type { Officer, OfficerBrief, PendingHandoverBrief } from '../../contract/officer-schemas';
import type { CurrentShift, Handover, HandoverSummary, Shift } from '../../contract/shift-schemas';
import type { Principal } from '../app/dispatch';
import type { Database, Queryable } from '../db/database';
import { handoverContentHash } from './handover-content-hash';
import type { HandoverSources } from './handover-sources';
import { HandoverSummaryBuilder } from './handover-summary';

/** What this service needs of the audit log (AuditLog satisfies it). */
export interface AuditInput {
  action: AuditAction;
  actor: { officerId: string; fullName: string } | null;
  subject?: string;
  details?: AuditDetails;
}
export interface AuditSink {
  /** `tx`: append inside the caller's transaction, so the entry commits or rolls back with it. */
  append(input: AuditInput, tx?: Queryable): Promise<unknown>;
}

export interface ShiftServiceDeps {
  db: Database;
  audit: AuditSink;
  /** Other domains' reads: the handover summary and the officers of shift records. */
  sources: HandoverSources;
  now?: () => number;
  newId?: () => string;
}

/** Most handovers waiting for acknowledgement returned at once (normally one). */
const PENDING_LIMIT = 100;

interface ShiftRow {
  id: string;
  officer_id: string;
  started_at: number;
  ended_at: number | null;
  end_reason: 'handover' | 'replaced' | null;
}

const SHIFT_SELECT = `
  SELECT s.id, s.officer_id, s.started_at, s.ended_at, s.end_reason FROM shifts s`;

type Briefs = ReadonlyMap<string, OfficerBrief>;

/** The fields in the contract's order: a sealed record and its stored JSON depend on it. */
function briefOf(briefs: Briefs, officerId: string): OfficerBrief {
  const b = briefs.get(officerId);
  // Officers are never deleted (shifts and handovers reference them).
  if (!b) throw new Error(`officer ${officerId} of a shift record is missing`);
  return { id: b.id, fullName: b.fullName, rank: b.rank, role: b.role };
}

function toShift(r: ShiftRow, briefs: Briefs): Shift {
  return {
    id: r.id,
    officer: briefOf(briefs, r.officer_id),
    startedAt: r.started_at,
    endedAt: r.ended_at,
    endReason: r.end_reason,
  };
}

interface HandoverRow {
  id: string;
  shift_id: string;
  summary_json: string;
  outgoing_notes: string;
  created_at: number;
  incoming_note: string | null;
  acknowledged_at: number | null;
  content_hash: string | null;
  sealed_json: string | null;
  shift_started_at: number;
  shift_ended_at: number;
  end_reason: 'handover' | 'replaced';
  outgoing_officer_id: string;
  incoming_officer_id: string | null;
}

const HANDOVER_SELECT = `
  SELECT h.id, h.shift_id, h.summary_json, h.outgoing_notes, h.created_at,
         h.incoming_note, h.acknowledged_at, h.content_hash, h.sealed_json,
         h.outgoing_officer_id, h.incoming_officer_id,
         s.started_at AS shift_started_at, s.ended_at AS shift_ended_at, s.end_reason
  FROM handovers h
  JOIN shifts s ON s.id = h.shift_id`;

function toHandover(r: HandoverRow, briefs: Briefs): Handover {
  // Acknowledged: the sealed record, not today's officer names.
  if (r.sealed_json !== null) return JSON.parse(r.sealed_json) as Handover;
  const incoming = r.incoming_officer_id !== null ? briefOf(briefs, r.incoming_officer_id) : null;
  return {
    id: r.id,
    shiftId: r.shift_id,
    outgoing: briefOf(briefs, r.outgoing_officer_id),
    shiftStartedAt: r.shift_started_at,
    shiftEndedAt: r.shift_ended_at,
    endReason: r.end_reason,
    summary: JSON.parse(r.summary_json) as HandoverSummary,
    outgoingNotes: r.outgoing_notes,
    createdAt: r.created_at,
    incoming,
    incomingNote: r.incoming_note,
    acknowledgedAt: r.acknowledged_at,
    contentHash: r.content_hash,
  };
}

export class ShiftService {
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly summary: HandoverSummaryBuilder;

  constructor(private readonly deps: ShiftServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.newId = deps.newId ?? randomUUID;
    this.summary = new HandoverSummaryBuilder(deps.sources);
  }

  /**
   * The shift of an officer who signs in: their own open shift continues;
   * another officer's open shift is ended as 'replaced' with a pending handover.
   */
  openFor(officer: Officer): Promise<{ shift: Shift; replaced: Handover | null }> {
    const actor = { officerId: officer.id, fullName: officer.fullName };
    return this.deps.db.transaction(async (tx) => {
      const open = await tx.all<ShiftRow>(
        `${SHIFT_SELECT} WHERE s.ended_at IS NULL ORDER BY s.started_at`,
      );
      const own = open.find((s) => s.officer_id === officer.id);
      if (own) return { shift: await this.shiftOf(tx, own), replaced: null };

      const at = this.now();
      let replaced: Handover | null = null;
      for (const other of open) {
        const handoverId = await this.closeShift(tx, other, at, 'replaced', '');
        await this.deps.audit.append(
          {
            action: 'shift.ended',
            actor,
            subject: other.id,
            details: { reason: 'replaced', officerId: other.officer_id, handoverId },
          },
          tx,
        );
        replaced = await this.loadHandover(tx, handoverId);
      }

      const id = this.newId();
      await tx.run('INSERT INTO shifts (id, officer_id, started_at) VALUES (?, ?, ?)', [
        id,
        officer.id,
        at,
      ]);
      await this.deps.audit.append({ action: 'shift.opened', actor, subject: id }, tx);
      return { shift: await this.loadShift(tx, id), replaced };
    });
  }

  /** The shift open now, whoever's it is (the oldest, should there ever be two). */
  async openShift(): Promise<Shift | null> {
    const row = await this.deps.db.get<ShiftRow>(
      `${SHIFT_SELECT} WHERE s.ended_at IS NULL ORDER BY s.started_at LIMIT 1`,
    );
    return row ? this.shiftOf(this.deps.db, row) : null;
  }

  get(id: string): Promise<Shift> {
    return this.loadShift(this.deps.db, id);
  }

  /** The shift with its summary so far (up to now, or to its end once ended). */
  async current(shiftId: string): Promise<CurrentShift> {
    const shift = await this.get(shiftId);
    const summary = await this.summary.build(shift.startedAt, shift.endedAt ?? this.now());
    return { shift, summary };
  }

  /** The officer ends their shift: summary + notes become a handover awaiting the next officer. */
  end(shiftId: string, notes: string, actor: Principal): Promise<Handover> {
    return this.deps.db.transaction(async (tx) => {
      const row = await tx.get<ShiftRow>(`${SHIFT_SELECT} WHERE s.id = ?`, [shiftId]);
      if (!row) throw new ApiError('not_found', 'shift_not_found');
      if (row.ended_at !== null) throw new ApiError('conflict', 'shift_not_open');
      if (row.officer_id !== actor.officerId) throw new ApiError('forbidden', 'not_your_shift');
      const handoverId = await this.closeShift(tx, row, this.now(), 'handover', notes);
      await this.deps.audit.append(
        {
          action: 'shift.ended',
          actor: { officerId: actor.officerId, fullName: actor.fullName },
          subject: shiftId,
          details: { reason: 'handover', handoverId },
        },
        tx,
      );
      return this.loadHandover(tx, handoverId);
    });
  }

  /** The incoming officer takes over: the handover is sealed with its content hash. */
  acknowledge(id: string, note: string, actor: Principal): Promise<Handover> {
    return this.deps.db.transaction(async (tx) => {
      const before = await this.loadHandover(tx, id);
      if (before.acknowledgedAt !== null) throw new ApiError('conflict', 'already_acknowledged');
      if (before.outgoing.id === actor.officerId) throw new ApiError('conflict', 'same_officer');
      // The incoming officer as the database has them, so the hash re-computes from a read-back row.
      const briefs = await this.deps.sources.officerBriefs([actor.officerId], tx);
      if (!briefs.has(actor.officerId)) throw new ApiError('not_found', 'officer_not_found');
      const sealed: Handover = {
        ...before,
        incoming: briefOf(briefs, actor.officerId),
        incomingNote: note,
        acknowledgedAt: this.now(),
        contentHash: null,
      };
      sealed.contentHash = handoverContentHash(sealed);
      await tx.run(
        `UPDATE handovers SET incoming_officer_id = ?, incoming_shift_id = ?, incoming_note = ?,
           acknowledged_at = ?, content_hash = ?, sealed_json = ?
         WHERE id = ? AND acknowledged_at IS NULL`,
        [
          actor.officerId,
          actor.shiftId,
          note,
          sealed.acknowledgedAt,
          sealed.contentHash,
          JSON.stringify(sealed),
          id,
        ],
      );
      await this.deps.audit.append(
        {
          action: 'handover.acknowledged',
          actor: { officerId: actor.officerId, fullName: actor.fullName },
          subject: id,
          details: {
            shiftId: before.shiftId,
            outgoingOfficerId: before.outgoing.id,
            contentHash: sealed.contentHash,
          },
        },
        tx,
      );
      return sealed;
    });
  }

  /** Handovers waiting for acknowledgement, oldest first. */
  async pending(): Promise<PendingHandoverBrief[]> {
    const rows = await this.deps.db.all<HandoverRow>(
      `${HANDOVER_SELECT} WHERE h.acknowledged_at IS NULL ORDER BY h.created_at, h.id LIMIT ?`,
      [PENDING_LIMIT],
    );
    return (await this.handoversOf(this.deps.db, rows)).map((h) => ({
      id: h.id,
      outgoing: h.outgoing,
      shiftStartedAt: h.shiftStartedAt,
      shiftEndedAt: h.shiftEndedAt,
    }));
  }

  /** Newest first; `beforeMs` pages back by creation time. */
  async list(opts: { limit: number; beforeMs?: number | undefined }): Promise<Handover[]> {
    const rows = await this.deps.db.all<HandoverRow>(
      `${HANDOVER_SELECT} WHERE h.created_at < ? ORDER BY h.created_at DESC, h.id DESC LIMIT ?`,
      [opts.beforeMs ?? Number.MAX_SAFE_INTEGER, opts.limit],
    );
    return this.handoversOf(this.deps.db, rows);
  }

  getHandover(id: string): Promise<Handover> {
    return this.loadHandover(this.deps.db, id);
  }

  /** Writes the handover of an open shift and ends it; returns the handover id. */
  private async closeShift(
    tx: Queryable,
    shift: ShiftRow,
    at: number,
    reason: 'handover' | 'replaced',
    notes: string,
  ): Promise<string> {
    // A wall clock stepped back must not end a shift before it began.
    const endAt = Math.max(at, shift.started_at);
    const summary = await this.summary.build(shift.started_at, endAt, tx);
    const id = this.newId();
    await tx.run(
      `INSERT INTO handovers (id, shift_id, outgoing_officer_id, summary_json, outgoing_notes, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [id, shift.id, shift.officer_id, JSON.stringify(summary), notes, endAt],
    );
    await tx.run('UPDATE shifts SET ended_at = ?, end_reason = ? WHERE id = ?', [
      endAt,
      reason,
      shift.id,
    ]);
    return id;
  }

  private async loadShift(q: Queryable, id: string): Promise<Shift> {
    const row = await q.get<ShiftRow>(`${SHIFT_SELECT} WHERE s.id = ?`, [id]);
    if (!row) throw new ApiError('not_found', 'shift_not_found');
    return this.shiftOf(q, row);
  }

  private async loadHandover(q: Queryable, id: string): Promise<Handover> {
    const row = await q.get<HandoverRow>(`${HANDOVER_SELECT} WHERE h.id = ?`, [id]);
    if (!row) throw new ApiError('not_found', 'handover_not_found');
    const [handover] = await this.handoversOf(q, [row]);
    return handover as Handover;
  }

  private async shiftOf(q: Queryable, row: ShiftRow): Promise<Shift> {
    return toShift(row, await this.deps.sources.officerBriefs([row.officer_id], q));
  }

  /** One read of the officers for a page of handovers; sealed ones need none. */
  private async handoversOf(q: Queryable, rows: HandoverRow[]): Promise<Handover[]> {
    const ids = rows
      .filter((r) => r.sealed_json === null)
      .flatMap((r) =>
        r.incoming_officer_id === null
          ? [r.outgoing_officer_id]
          : [r.outgoing_officer_id, r.incoming_officer_id],
      );
    const briefs = await this.deps.sources.officerBriefs(ids, q);
    return rows.map((r) => toHandover(r, briefs));
  }
}
