// recording_hours is kept by triggers: after any sequence of inserts, deletes and
// updates of recordings it must equal the per-hour sums computed afresh from the
// rows (here in TypeScript, independently of the SQL), and the v9 backfill of an
// existing index must produce the same.
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Database } from '../db/database';
import { migrate } from '../db/migrate';
import { migrations } from '../db/schema';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 11, 7, 0, 0, 0);
const STATUSES = ['complete', 'recovered', 'missing', 'quarantined'] as const;
const CAMERAS = ['cam-a', 'cam-b'];

interface Row {
  id: number;
  camera_id: string;
  start_ms: number;
  end_ms: number;
  bytes: number;
  status: string;
}
interface HourRow {
  camera_id: string;
  hour_ms: number;
  bytes: number;
  covered_ms: number;
  segments: number;
  first_start_ms: number;
  last_end_ms: number;
}

/** The summary as a GROUP BY over the rows would give it, computed without SQL. */
function expectedHours(rows: Row[]): HourRow[] {
  const hours = new Map<string, HourRow>();
  const add = (cam: string, h: number, s: number, e: number, b: number) => {
    const key = `${cam} ${h}`;
    const o = hours.get(key);
    if (!o)
      hours.set(key, {
        camera_id: cam,
        hour_ms: h,
        bytes: b,
        covered_ms: e - s,
        segments: 1,
        first_start_ms: s,
        last_end_ms: e,
      });
    else {
      o.bytes += b;
      o.covered_ms += e - s;
      o.segments += 1;
      o.first_start_ms = Math.min(o.first_start_ms, s);
      o.last_end_ms = Math.max(o.last_end_ms, e);
    }
  };
  for (const r of rows) {
    if (r.status !== 'complete' && r.status !== 'recovered') continue;
    const h0 = r.start_ms - (r.start_ms % HOUR);
    const h1 = h0 + HOUR;
    const head =
      r.end_ms <= h1
        ? r.bytes
        : Math.trunc((r.bytes * (h1 - r.start_ms)) / (r.end_ms - r.start_ms));
    add(r.camera_id, h0, r.start_ms, Math.min(r.end_ms, h1), head);
    if (r.end_ms > h1) add(r.camera_id, h1, h1, r.end_ms, r.bytes - head);
  }
  return [...hours.values()].sort((a, b) =>
    a.camera_id === b.camera_id ? a.hour_ms - b.hour_ms : a.camera_id < b.camera_id ? -1 : 1,
  );
}

const summary = (q: Pick<Database, 'all'>) =>
  q.all<HourRow>(
    `SELECT camera_id, hour_ms, bytes, covered_ms, segments, first_start_ms, last_end_ms
     FROM recording_hours ORDER BY camera_id, hour_ms`,
  );
const allRows = (db: Database) =>
  db.all<Row>('SELECT id, camera_id, start_ms, end_ms, bytes, status FROM recordings');

// Segments of 0–15 min starting anywhere in three hours, or (half of them) of one camera
// around one hour's end, so several cross into the same hour beside rows starting in it.
const durMs = fc.oneof(fc.integer({ min: 0, max: 15 * 60_000 }), fc.constant(60_000));
const bytes = fc.integer({ min: 0, max: 50_000_000 });
const status = fc.constantFrom(...STATUSES);
const segment = fc.oneof(
  fc.record({
    camera: fc.constantFrom(...CAMERAS),
    startMs: fc.integer({ min: T0, max: T0 + 3 * HOUR }),
    durMs,
    bytes,
    status,
  }),
  fc.record({
    camera: fc.constant('cam-a'),
    startMs: fc.integer({ min: T0 + HOUR - 10 * 60_000, max: T0 + HOUR + 5 * 60_000 }),
    durMs,
    bytes,
    status,
  }),
);
const op = fc.oneof(
  { weight: 4, arbitrary: segment.map((s) => ({ kind: 'insert' as const, ...s })) },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ kind: 'delete' as const, pick })) },
  {
    weight: 1,
    arbitrary: fc
      .record({ pick: fc.nat(), status: fc.constantFrom(...STATUSES) })
      .map((u) => ({ kind: 'status' as const, ...u })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ pick: fc.nat(), s: segment })
      .map((u) => ({ kind: 'move' as const, ...u })),
  },
);

let dir: string;
let db: Database;
let seq = 0;

async function insert(s: Segment) {
  seq += 1;
  await db.run(
    `INSERT INTO recordings (camera_id, stream, start_ms, end_ms, bytes, path, status, run_id, seq,
       second_bytes, indexed_at) VALUES (?, 'main', ?, ?, ?, ?, ?, 'run', ?, X'', 0)`,
    [s.camera, s.startMs, s.startMs + s.durMs, s.bytes, `p/${seq}.mp4`, s.status, seq],
  );
}
interface Segment {
  camera: string;
  startMs: number;
  durMs: number;
  bytes: number;
  status: string;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-hours-'));
  db = await Database.open(join(dir, 'station.db'));
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('recording_hours', () => {
  it('stays equal to the per-hour sums of the rows through inserts, deletes and updates', async () => {
    await migrate(db, migrations);
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: 60, size: 'max' }), async (ops) => {
        await db.exec('DELETE FROM recordings');
        for (const o of ops) {
          const ids = (await db.all<{ id: number }>('SELECT id FROM recordings ORDER BY id')).map(
            (r) => r.id,
          );
          const id = 'pick' in o && ids.length > 0 ? ids[o.pick % ids.length] : undefined;
          if (o.kind === 'insert') await insert(o);
          else if (id === undefined) continue;
          else if (o.kind === 'delete') await db.run('DELETE FROM recordings WHERE id = ?', [id]);
          else if (o.kind === 'status')
            await db.run('UPDATE recordings SET status = ? WHERE id = ?', [o.status, id]);
          else
            await db.run(
              'UPDATE recordings SET camera_id = ?, start_ms = ?, end_ms = ?, bytes = ? WHERE id = ?',
              [o.s.camera, o.s.startMs, o.s.startMs + o.s.durMs, o.s.bytes, id],
            );
        }
        expect(await summary(db)).toEqual(expectedHours(await allRows(db)));
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('empties an hour when its last playable segment goes', async () => {
    await migrate(db, migrations);
    await insert({
      camera: 'cam-a',
      startMs: T0 + HOUR - 60_000,
      durMs: 120_000,
      bytes: 1200,
      status: 'complete',
    });
    expect(await summary(db)).toEqual([
      {
        camera_id: 'cam-a',
        hour_ms: T0,
        bytes: 600,
        covered_ms: 60_000,
        segments: 1,
        first_start_ms: T0 + HOUR - 60_000,
        last_end_ms: T0 + HOUR,
      },
      {
        camera_id: 'cam-a',
        hour_ms: T0 + HOUR,
        bytes: 600,
        covered_ms: 60_000,
        segments: 1,
        first_start_ms: T0 + HOUR,
        last_end_ms: T0 + HOUR + 60_000,
      },
    ]);
    await db.run("UPDATE recordings SET status = 'missing'");
    expect(await summary(db)).toEqual([]);
  });

  it('finds an hour edge again when the segment that held it goes', async () => {
    await migrate(db, migrations);
    const seg = (startMs: number, durMs: number) =>
      insert({ camera: 'cam-a', startMs, durMs, bytes: 1000, status: 'complete' });
    await seg(T0 + HOUR - 120_000, 180_000); // runs 1 min into the hour
    await seg(T0 + HOUR - 60_000, 180_000); // runs 2 min into it
    await seg(T0 + HOUR + 300_000, 60_000);
    await seg(T0 + HOUR + 600_000, 60_000);
    const hourOf = async () => (await summary(db)).find((h) => h.hour_ms === T0 + HOUR);
    await db.run('DELETE FROM recordings WHERE start_ms = ?', [T0 + HOUR - 120_000]);
    expect(await hourOf()).toMatchObject({
      first_start_ms: T0 + HOUR,
      last_end_ms: T0 + HOUR + 660_000,
    });
    await db.run('DELETE FROM recordings WHERE start_ms = ?', [T0 + HOUR - 60_000]);
    expect(await hourOf()).toMatchObject({ first_start_ms: T0 + HOUR + 300_000, segments: 2 });
    await db.run('DELETE FROM recordings WHERE start_ms = ?', [T0 + HOUR + 600_000]);
    expect(await hourOf()).toMatchObject({ last_end_ms: T0 + HOUR + 360_000, segments: 1 });
  });

  it('is backfilled from an existing index by the v9 step', async () => {
    await migrate(db, migrations.slice(0, 8));
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { maxLength: 60, size: 'max' }), async (segs) => {
        await db.exec('DELETE FROM recordings');
        for (const s of segs) await insert(s);
        const backfilled = await db.transaction(async (tx) => {
          await tx.exec(migrations[8]!);
          const out = await summary(tx);
          await tx.exec(
            'DROP TABLE recording_hours; DROP TRIGGER recordings_hours_insert; DROP TRIGGER recordings_hours_delete; DROP TRIGGER recordings_hours_update',
          );
          return out;
        });
        expect(backfilled).toEqual(expectedHours(await allRows(db)));
      }),
      { numRuns: 30 },
    );
  }, 60_000);
});
