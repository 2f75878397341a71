// The outbox's SQL over a real SQLite file: the publisher's reads in seq order, marking
// up to a sequence, the backlog figures and the pruning of old published rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { OUTBOX_KEEP_MS, OutboxStore } from './outbox-store';

let dir: string;
let db: Database;
let store: OutboxStore;
const T0 = Date.UTC(2026, 2, 10);

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-outbox-store-'));
  db = await openStationDb(dir);
  store = new OutboxStore(db);
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('OutboxStore', () => {
  it('hands out pending rows in seq order from a point, and marks them published', async () => {
    for (let i = 0; i < 5; i++) await store.append('health', T0 + i, { cameras: i });
    expect((await store.pending(0, 3)).map((r) => r.seq)).toEqual([1, 2, 3]);
    expect((await store.pending(3, 10)).map((r) => r.seq)).toEqual([4, 5]);
    expect((await store.pending(0, 1))[0]).toEqual({
      seq: 1,
      kind: 'health',
      at: T0,
      payload: '{"cameras":0}',
    });
    expect(await store.stats()).toEqual({ pending: 5, oldestPendingAt: T0, lastPublishedSeq: 0 });

    await store.markPublished(3, T0 + 100);
    // Marking again (a publisher restarted) changes nothing.
    await store.markPublished(3, T0 + 200);
    // The leaf's stream decides where to go on: rows marked published are handed out again
    // when asked from before them (a power cut lost what the leaf had acknowledged).
    expect((await store.pending(0, 10)).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect((await store.pending(3, 10)).map((r) => r.seq)).toEqual([4, 5]);
    expect(await store.maxSeq()).toBe(5);
    expect(await store.stats()).toEqual({
      pending: 2,
      oldestPendingAt: T0 + 3,
      lastPublishedSeq: 3,
    });
    const marked = await db.all<{ published_at: number }>(
      'SELECT published_at FROM district_outbox WHERE seq <= 3',
    );
    expect(marked.map((r) => r.published_at)).toEqual([T0 + 100, T0 + 100, T0 + 100]);
  });

  it('appends inside a caller transaction, and not when it rolls back', async () => {
    await expect(
      db.transaction(async (tx) => {
        await store.append('audit-head', T0, { seq: 1, hash: 'x', at: T0 }, tx);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await store.stats()).pending).toBe(0);
  });

  it('prunes published rows older than 30 days, keeping the newest published and every pending', async () => {
    for (let i = 0; i < 4; i++) await store.append('health', T0 + i, {});
    await store.markPublished(2, T0);
    await store.markPublished(3, T0 + OUTBOX_KEEP_MS);
    const now = T0 + OUTBOX_KEEP_MS + 1;
    expect(await store.prune(now)).toBe(2);
    expect(
      (await db.all<{ seq: number }>('SELECT seq FROM district_outbox')).map((r) => r.seq),
    ).toEqual([3, 4]);
    // Everything published long ago: the last one stays, so the status keeps its seq.
    await store.markPublished(4, T0);
    await store.prune(now + OUTBOX_KEEP_MS);
    expect(await store.stats()).toEqual({ pending: 0, oldestPendingAt: null, lastPublishedSeq: 4 });
    // A pruned tail never hands out a seq again.
    expect(await store.append('health', now, {})).toBe(5);
  });
});
