// The SQL of district_outbox: what the publisher reads and marks, what the district
// service appends (health, audit head), the link's backlog for the status, and the
// pruning of rows the leaf node has long stored. The domains' triggers append the
// rest inside their own transactions (docs/design/district.md).
import type { DistrictEventKind } from '../../contract/district';
import type { Database, Queryable } from '../db/database';

/** One outbox row as the publisher sends it; payload is the JSON text as stored. */
export interface OutboxRow {
  seq: number;
  kind: DistrictEventKind;
  at: number;
  payload: string;
}

/** What the publisher needs of the outbox (the lead's outbox-publisher.ts consumes it). */
export interface OutboxSource {
  /** Unpublished rows with seq > afterSeq, oldest first, at most `limit`. */
  pending(afterSeq: number, limit: number): Promise<OutboxRow[]>;
  /** Every row up to `uptoSeq` is stored on the leaf node now. */
  markPublished(uptoSeq: number, at: number): Promise<void>;
}

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

export class OutboxStore implements OutboxSource {
  constructor(private readonly db: Database) {}

  async pending(afterSeq: number, limit: number): Promise<OutboxRow[]> {
    return this.db.all<OutboxRow>(
      `SELECT seq, kind, at, payload FROM district_outbox
       WHERE published_at IS NULL AND seq > ? ORDER BY seq LIMIT ?`,
      [afterSeq, Math.max(0, Math.min(limit, MAX_PAGE))],
    );
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
