// The SQL of district_outbox: what the publisher reads and marks, what the district
// service appends (health, audit head), the link's backlog for the status, and the
// pruning of rows the leaf node has long stored. The domains' triggers append the
// rest inside their own transactions (docs/design/district.md).
import type { DistrictEventKind } from '../../contract/district';
import type { Database, Queryable } from '../db/database';
import type { PublishableRow, PublisherSource } from './outbox-publisher';

/** One outbox row as the publisher sends it; payload is the JSON text as stored. */
export type OutboxRow = PublishableRow;

export interface OutboxStats {
  pending: number;
  oldestPendingAt: number | null;
  /** 0 before anything was published. */
  lastPublishedSeq: number;
}

/** Published rows are kept this long (the leaf stream keeps 30 days too), then pruned. */
export const OUTBOX_KEEP_MS = 30 * 24 * 60 * 60 * 1000;

/** Upper bound of one read, whatever a caller asks. */
const MAX_PAGE = 1000;

export class OutboxStore implements PublisherSource {
  constructor(private readonly db: Database) {}

  /**
   * Rows after `afterSeq`, published or not: the publisher passes the last seq the leaf's
   * stream holds, which after a power cut can be behind rows already marked published.
   */
  async pending(afterSeq: number, limit: number): Promise<OutboxRow[]> {
    return this.db.all<OutboxRow>(
      `SELECT seq, kind, at, payload FROM district_outbox
       WHERE seq > ? ORDER BY seq LIMIT ?`,
      [afterSeq, Math.max(0, Math.min(limit, MAX_PAGE))],
    );
  }

  /** The highest seq given (pruning keeps the newest row, so this survives it). */
  async maxSeq(): Promise<number> {
    const row = await this.db.get<{ seq: number | null }>(
      'SELECT MAX(seq) AS seq FROM district_outbox',
    );
    return row?.seq ?? 0;
  }

  async markPublished(uptoSeq: number, at: number): Promise<void> {
    await this.db.run(
      'UPDATE district_outbox SET published_at = ? WHERE published_at IS NULL AND seq <= ?',
      [at, uptoSeq],
    );
  }

  async stats(): Promise<OutboxStats> {
    const pending = await this.db.get<{ n: number; oldest: number | null }>(
      'SELECT COUNT(*) AS n, MIN(at) AS oldest FROM district_outbox WHERE published_at IS NULL',
    );
    const published = await this.db.get<{ seq: number | null }>(
      'SELECT MAX(seq) AS seq FROM district_outbox WHERE published_at IS NOT NULL',
    );
    return {
      pending: pending?.n ?? 0,
      oldestPendingAt: pending?.oldest ?? null,
      lastPublishedSeq: published?.seq ?? 0,
    };
  }

  /**
   * Appends one of the service's own events. Pass `tx` to commit it with the change it
   * reports (a commander's decision and its audit row).
   */
  async append(
    kind: DistrictEventKind,
    at: number,
    payload: Record<string, unknown>,
    tx: Queryable = this.db,
  ): Promise<number> {
    const r = await tx.run('INSERT INTO district_outbox (kind, at, payload) VALUES (?, ?, ?)', [
      kind,
      at,
      JSON.stringify(payload),
    ]);
    return r.lastId;
  }

  /**
   * Removes published rows older than OUTBOX_KEEP_MS; returns how many went. The newest
   * published row stays, so the status still names the last sequence published.
   */
  async prune(now: number): Promise<number> {
    const r = await this.db.run(
      `DELETE FROM district_outbox WHERE published_at IS NOT NULL AND published_at < ?
         AND seq < (SELECT MAX(seq) FROM district_outbox WHERE published_at IS NOT NULL)`,
      [now - OUTBOX_KEEP_MS],
    );
    return r.changes;
  }
}
