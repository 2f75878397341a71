// npm run bench:overview — the week overview (7 days × 16 cameras of 60 s segments)
// on the built core, beside its baselines in the same run (bench/overview-measure.ts):
// system.info (the transport's share) and the old exact path (every segment merged,
// in the bench process on the same database). Then the cost of the hourly summary
// itself on a big index (64 cameras × 30 days, 2.76 M rows): the v9 backfill, and
// retention deletes and filing inserts with the triggers (v9) beside without (v8).
//
// Exits non-zero when the workload did not run or measured the wrong thing: no
// footage, the contract call not answered from the summary, answers that disagree,
// a backfill that left hours out. BENCH_STRICT=1 also fails a missed target.
// BENCH_DAYS / BENCH_CAMERAS shrink the footage; BENCH_BACKFILL_CAMERAS / _DAYS the index;
// BENCH_SKIP_OVERVIEW=1 / BENCH_SKIP_BACKFILL=1 run one part.
import { percentile as pct } from './percentile';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startStation } from '../e2e/station-process';
import { Database } from '../electron/core/db/database';
import { migrate } from '../electron/core/db/migrate';
import { migrations } from '../electron/core/db/schema';
import { fillSyntheticIndex } from '../electron/core/recording/testing/synthetic-index';
import { measureOverview } from './overview-measure';
import { seedFootage } from './playback-fixture';

const DAY = 86_400_000;
const DAYS = Number(process.env.BENCH_DAYS ?? 7);
const CAMERAS = Array.from(
  { length: Number(process.env.BENCH_CAMERAS ?? 16) },
  (_, i) => `bench-cam-${i + 1}`,
);
const TARGET_MS = 50;
const BACKFILL = {
  cameras: Number(process.env.BENCH_BACKFILL_CAMERAS ?? 64),
  days: Number(process.env.BENCH_BACKFILL_DAYS ?? 30),
};

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const ms = (v: number) => `${v.toFixed(1)} ms`;
const stats = (v: number[]) =>
  `median ${ms(pct(v, 50))}, p95 ${ms(pct(v, 95))}, max ${ms(Math.max(...v))}`;

async function overview(problems: string[]): Promise<number> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'station-bench-overview-'));
  try {
    // The window the overview asks for is exactly the seeded footage (ending an hour ago).
    const toMs = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000;
    const window = { cameraIds: CAMERAS, fromMs: toMs - DAYS * DAY, toMs };
    const t0 = performance.now();
    const seeded = await seedFootage({ dataDir, ...window, gapMinutesPerHour: 2 });
    console.log(
      `seeded ${seeded.segments} segments (${DAYS} d × ${CAMERAS.length} cameras, 60 s, a 2-min gap every hour) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    if (seeded.segments === 0) problems.push('no footage seeded');
    // Every seeded hard link counts at the file's full size, far above the default quota:
    // a quota the station cannot reach keeps retention from pruning the footage while the
    // answers are compared.
    await keepFootage(path.join(dataDir, 'station.db'));
    const { station, stop } = await startStation('off', { dataDir });
    try {
      const req = { ...window, buckets: 600 };
      const f = await measureOverview(station.api, path.join(dataDir, 'station.db'), req);
      problems.push(...f.problems);
      const left = await playableRows(path.join(dataDir, 'station.db'));
      if (left !== seeded.segments)
        problems.push(`footage changed during the run: ${left} of ${seeded.segments} rows left`);
      console.log(
        `\nTimeline overview, ${DAYS} d × ${CAMERAS.length} cameras, 600 buckets, ${f.contract.length} rounds alternating (load ${load()}):`,
      );
      console.log(`  playback.timeline (contract call, hourly summary): ${stats(f.contract)}`);
      console.log(`  baseline system.info (contract call doing nothing): ${stats(f.systemInfo)}`);
      console.log(
        `  of which the summary read (same call in the bench process, no RPC): ${stats(f.summaryInProcess)}`,
      );
      console.log(`  baseline old exact path (in the bench process, no RPC): ${stats(f.exact)}`);
      console.log(
        `  CPU time in the bench process (all threads), whatever the load: summary read median ${ms(pct(f.summaryCpu, 50))}, exact path median ${ms(pct(f.exactCpu, 50))}`,
      );
      console.log(
        `  answers agree (covered time and bytes within 0.5 %, same hours): ${f.problems.length === 0 ? 'yes' : 'NO'}`,
      );
      const median = pct(f.contract, 50);
      console.log(
        `  target median ≤ ${TARGET_MS} ms: ${median <= TARGET_MS ? 'met' : 'MISSED'} (${ms(median)}; ${(pct(f.exact, 50) / median).toFixed(1)}× faster than the exact path)`,
      );
      return median;
    } finally {
      await stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function keepFootage(dbFile: string): Promise<void> {
  const db = await Database.open(dbFile);
  await db.run(
    `INSERT INTO settings (key, value_json) VALUES ('internal.storage.quota', ?)
     ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json`,
    [JSON.stringify({ kind: 'gb', value: 1_000_000 })],
  );
  await db.close();
}

async function playableRows(dbFile: string): Promise<number> {
  const db = await Database.open(dbFile);
  const row = await db.get<{ n: number }>(
    "SELECT COUNT(*) AS n FROM recordings WHERE status IN ('complete', 'recovered')",
  );
  await db.close();
  return row?.n ?? 0;
}

/** Checkpoints the WAL, so no timed part pays for the writes of the one before. */
async function settle(db: Database): Promise<void> {
  await db.get('PRAGMA wal_checkpoint(TRUNCATE)');
}

/** Inserts `n` rows one statement each, in one transaction (as the filer does, many times). */
async function insertRows(db: Database, tag: string, n: number, fromMs: number): Promise<number> {
  await settle(db);
  const s = performance.now();
  await db.transaction(async (tx) => {
    for (let i = 0; i < n; i++)
      await tx.run(
        `INSERT INTO recordings (camera_id, stream, start_ms, end_ms, bytes, path, status, codec,
           run_id, seq, second_bytes, indexed_at)
         VALUES ('synthetic-00', 'main', ?, ?, 3000000, ?, 'complete', 'avc1', 'ab', ?, X'', 0)`,
        [fromMs + i * 60_000, fromMs + (i + 1) * 60_000, `${tag}/${i}.mp4`, i],
      );
  });
  return performance.now() - s;
}

async function backfill(problems: string[]): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'station-bench-backfill-'));
  const db = await Database.open(path.join(dir, 'station.db'));
  try {
    await migrate(db, migrations.slice(0, 8));
    const end = Date.UTC(2026, 10, 27);
    let t = performance.now();
    const rows = await fillSyntheticIndex(db, { ...BACKFILL, segmentSeconds: 60, endMs: end });
    const fillS = (performance.now() - t) / 1000;
    const start = end - BACKFILL.days * DAY;
    const n = 2000;
    // Without the triggers (v8): filing inserts, then a day of retention deletes.
    const insertV8 = await insertRows(db, 'ab-v8', n, end + DAY);
    await settle(db);
    t = performance.now();
    const deleted8 = (await db.run('DELETE FROM recordings WHERE start_ms < ?', [start + DAY]))
      .changes;
    const deleteV8 = performance.now() - t;

    await settle(db);
    t = performance.now();
    await migrate(db, migrations);
    const backfillS = (performance.now() - t) / 1000;
    const hours = (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM recording_hours'))!.n;
    // The synthetic segments are 60 s on the minute: none crosses an hour.
    const expectedHours = (await db.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM (SELECT DISTINCT camera_id, start_ms / 3600000 FROM recordings
       WHERE status IN ('complete', 'recovered'))`,
    ))!.n;

    // With the triggers (v9): the same work on the next day.
    const insertV9 = await insertRows(db, 'ab-v9', n, end + 3 * DAY);
    await settle(db);
    t = performance.now();
    const deleted9 = (await db.run('DELETE FROM recordings WHERE start_ms < ?', [start + 2 * DAY]))
      .changes;
    const deleteV9 = performance.now() - t;
    const check = await db.get<{ n: number; bytes: number }>(
      'SELECT COUNT(*) AS n, SUM(bytes) AS bytes FROM recording_hours',
    );
    const truth = await db.get<{ bytes: number }>(
      'SELECT SUM(bytes) AS bytes FROM recordings WHERE status IN (?, ?)',
      ['complete', 'recovered'],
    );

    console.log(`\nHourly summary on a big index (load ${load()}):`);
    console.log(
      `  index: ${rows} rows (${BACKFILL.cameras} cameras × ${BACKFILL.days} d of 60 s), filled in ${fillS.toFixed(1)} s (baseline)`,
    );
    console.log(`  v9 backfill: ${backfillS.toFixed(2)} s → ${hours} hour rows`);
    console.log(
      `  filing, ${n} inserts: v8 ${ms(insertV8)} (${((insertV8 / n) * 1000).toFixed(0)} µs each), v9 ${ms(insertV9)} (${((insertV9 / n) * 1000).toFixed(0)} µs each)`,
    );
    console.log(
      `  retention, a day of deletes: v8 ${deleted8} rows in ${ms(deleteV8)}, v9 ${deleted9} rows in ${ms(deleteV9)}`,
    );
    if (hours !== expectedHours)
      problems.push(`backfill made ${hours} hour rows, expected ${expectedHours}`);
    if (deleted9 !== deleted8) problems.push(`deleted ${deleted9} rows at v9 vs ${deleted8} at v8`);
    if (check?.bytes !== truth?.bytes)
      problems.push(`summary holds ${check?.bytes} bytes, the index ${truth?.bytes}`);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const problems: string[] = [];
  const median = process.env.BENCH_SKIP_OVERVIEW === '1' ? NaN : await overview(problems);
  if (process.env.BENCH_SKIP_BACKFILL !== '1') await backfill(problems);
  if (problems.length > 0) {
    console.error(`\nINVALID RUN:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  if (process.env.BENCH_STRICT === '1' && median > TARGET_MS) process.exit(2);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
