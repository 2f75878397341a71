// bench:district: one district hub with many stations, on this machine. The centre
// is the built service (its hub nats-server and read model), each simulated
// station is the station's real link code (NatsLink: a leaf nats-server with its
// own JetStream, the outbox publisher, the request inbox) over an in-memory
// outbox. Stations publish health every 10 s and one incident a minute.
//
// Printed: hub, centre and station-fleet CPU and memory in the first minute after
// every station linked (the hub setting up its sources), while they are linked but
// silent (the baseline, same run) and under load; end-to-end delay
// from the outbox row's time to the centre's commit (p50/p95/max). Exits non-zero
// when the workload did not run: stations not linked, or events not delivered.
//
//   npm run bench:district                  200 stations, 60 s idle, 300 s load
//   BENCH_STATIONS=20 BENCH_SECONDS=60 npm run bench:district
import { percentile as pct } from './percentile';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { addStation as addStationInProcess } from '../centre/cli';
import { centrePaths } from '../centre/hub/hub-runtime';
import type { DistrictEventKind, StationCredentials } from '../electron/contract/district';
import { Database } from '../electron/core/db/database';
import { NatsLink } from '../electron/core/district/nats-link';
import type { PublishableRow, PublisherSource } from '../electron/core/district/outbox-publisher';
import { freePort, startCentre } from '../e2e/centre-process';
import { gitSha } from './git-sha';
import { allProcesses, cpuPercent, snapshot, treeOf, type ProcInfo } from './proc-cpu';
import { loadAvg, rssMb } from './proc-sample';

const N = Number(process.env.BENCH_STATIONS ?? 200);
const IDLE_S = Number(process.env.BENCH_IDLE_SECONDS ?? 60);
const SETTLE_S = Number(process.env.BENCH_SETTLE_SECONDS ?? 60);
const LOAD_S = Number(process.env.BENCH_SECONDS ?? 300);
const HEALTH_MS = 10_000;
const INCIDENT_MS = 60_000;
const CAMERAS_PER_STATION = 30;

/** A station's outbox in memory: the SQLite one has its own tests and benches. */
class MemoryOutbox implements PublisherSource {
  rows: PublishableRow[] = [];
  private published = 0;
  add(kind: DistrictEventKind, data: Record<string, unknown>): void {
    this.rows.push({
      seq: this.rows.length + 1,
      kind,
      at: Date.now(),
      payload: JSON.stringify(data),
    });
  }
  pending(afterSeq: number, limit: number): Promise<PublishableRow[]> {
    return Promise.resolve(this.rows.slice(afterSeq, afterSeq + limit));
  }
  markPublished(uptoSeq: number): Promise<void> {
    this.published = Math.max(this.published, uptoSeq);
    return Promise.resolve();
  }
  maxSeq(): Promise<number> {
    return Promise.resolve(this.rows.length);
  }
}

function health(i: number, withNames: boolean): Record<string, unknown> {
  const online = CAMERAS_PER_STATION - (i % 3);
  return {
    cameras: CAMERAS_PER_STATION,
    online,
    recording: online,
    openAlarms: i % 2,
    ...(withNames
      ? {
          names: Object.fromEntries(
            Array.from({ length: CAMERAS_PER_STATION }, (_, c) => [
              `cam-${c + 1}`,
              `Ngã tư số ${c + 1}`,
            ]),
          ),
        }
      : {}),
  };
}

function incident(station: string, n: number): Record<string, unknown> {
  const now = Date.now();
  return {
    incidentId: `${station}-inc-${n}`,
    action: 'created',
    at: now,
    code: `2026-${String(n).padStart(4, '0')}`,
    category: n % 2 ? 'theft' : 'snatching',
    severity: 'medium',
    status: 'new',
    location: `Ngã tư số ${n % 17}`,
    occurredAt: now - 60_000,
    version: 1,
    cameras: ['cam-1', 'cam-2'],
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Sample {
  cpu: Record<string, number>;
  rss: Record<string, number>;
}

async function measure(
  seconds: number,
  classify: (p: ProcInfo) => string | null,
  onTick?: () => void,
): Promise<Sample> {
  const before = snapshot(allProcesses(), classify);
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    onTick?.();
    await sleep(Math.min(1000, end - Date.now()));
  }
  const procs = allProcesses();
  const after = snapshot(procs, classify);
  const rss: Record<string, number> = {};
  for (const p of procs) {
    const cls = classify(p);
    if (cls) rss[cls] = (rss[cls] ?? 0) + rssMb(p.pid);
  }
  return { cpu: cpuPercent(before, after, seconds), rss };
}

async function main(): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-district-'));
  const centreDir = path.join(dir, 'centre');
  const leaf = { host: '127.0.0.1', port: await freePort() };
  const ids = Array.from({ length: N }, (_, i) => `p-${String(i + 1).padStart(3, '0')}`);
  const links: NatsLink[] = [];
  let centre: Awaited<ReturnType<typeof startCentre>> | null = null;
  try {
    const t0 = Date.now();
    const creds: StationCredentials[] = [];
    for (const id of ids) {
      const r = await addStationInProcess(centrePaths(centreDir), {
        id,
        name: `Công an phường ${id}`,
        hubHost: leaf.host,
        hubPort: leaf.port,
      });
      creds.push(JSON.parse(readFileSync(r.credentialsFile, 'utf8')) as StationCredentials);
    }
    console.log(`${N} stations registered in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    centre = await startCentre(centreDir, leaf);
    const centrePid = centre.pid;

    const outboxes = ids.map(() => new MemoryOutbox());
    const t1 = Date.now();
    for (const [i, id] of ids.entries()) {
      const link = new NatsLink({ source: outboxes[i]! });
      links.push(link);
      await link.start({ stationId: id, credentials: creds[i]!, dataDir: path.join(dir, id) });
    }
    const linkedBy = Date.now() + 5 * 60_000;
    while (Date.now() < linkedBy && links.some((l) => l.state().link !== 'linked'))
      await sleep(500);
    const linked = links.filter((l) => l.state().link === 'linked').length;
    console.log(`${linked}/${N} leaf nodes linked in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
    if (linked < N) {
      console.error('FAIL: not every station linked; the workload cannot run');
      return 1;
    }

    const leafPids = new Set(
      treeOf(process.pid)
        .filter((p) => p.comm.startsWith('nats-server'))
        .map((p) => p.pid),
    );
    const hubPid = treeOf(centrePid).find((p) => p.comm.startsWith('nats-server'))?.pid;
    if (leafPids.size < N || hubPid === undefined) {
      console.error(`FAIL: ${leafPids.size} leaf nodes and hub ${String(hubPid)} found`);
      return 1;
    }
    const classify = (p: ProcInfo): string | null => {
      if (p.pid === centrePid) return 'centre';
      if (p.pid === hubPid) return 'hub';
      if (p.pid === process.pid) return 'bench';
      return leafPids.has(p.pid) ? 'stations' : null;
    };

    // Right after linking the hub is still setting up 200 sources (consumer creation, flow
    // control): measured apart, it is the cost of every ward re-linking after a hub restart.
    const settle = await measure(SETTLE_S, classify);
    // Baseline: every station linked and settled, nothing published.
    const idle = await measure(IDLE_S, classify);

    // Load: health every 10 s, an incident a minute, per station, staggered.
    const loadStart = Date.now();
    const nextHealth = ids.map((_, i) => loadStart + (i / N) * HEALTH_MS);
    const nextIncident = ids.map((_, i) => loadStart + (i / N) * INCIDENT_MS);
    let generated = 0;
    const tick = (): void => {
      const now = Date.now();
      for (let i = 0; i < N; i++) {
        let wrote = false;
        while (nextHealth[i]! <= now) {
          outboxes[i]!.add('health', health(i, nextHealth[i]! === loadStart + (i / N) * HEALTH_MS));
          nextHealth[i]! += HEALTH_MS;
          generated++;
          wrote = true;
        }
        while (nextIncident[i]! <= now) {
          outboxes[i]!.add('incident', incident(ids[i]!, outboxes[i]!.rows.length));
          nextIncident[i]! += INCIDENT_MS;
          generated++;
          wrote = true;
        }
        if (wrote) links[i]!.nudge();
      }
    };
    const tickTimer = setInterval(tick, 200);
    const load = await measure(LOAD_S, classify);
    clearInterval(tickTimer);
    const loadEnd = Date.now();

    // Drain: everything generated must reach the centre's read model.
    const db = await Database.open(path.join(centreDir, 'centre.db'), { busyTimeoutMs: 5000 });
    let delivered = 0;
    const drainBy = Date.now() + 120_000;
    while (Date.now() < drainBy) {
      delivered = (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM events'))?.n ?? 0;
      if (delivered >= generated) break;
      await sleep(1000);
    }
    const delays = (
      await db.all<{ d: number }>(
        'SELECT received_at - at AS d FROM events WHERE at >= ? AND at <= ?',
        [loadStart, loadEnd],
      )
    ).map((r) => r.d);
    const dupes =
      (
        await db.get<{ n: number }>(
          'SELECT COUNT(*) AS n FROM (SELECT station, seq FROM events GROUP BY station, seq HAVING COUNT(*) > 1)',
        )
      )?.n ?? 0;
    await db.close();

    const row = (name: string, s: Sample) =>
      `| ${name} | ${(s.cpu.hub ?? 0).toFixed(1)} | ${(s.cpu.centre ?? 0).toFixed(1)} | ${(s.cpu.stations ?? 0).toFixed(1)} | ${(s.cpu.bench ?? 0).toFixed(1)} | ${(s.rss.hub ?? 0).toFixed(0)} | ${(s.rss.centre ?? 0).toFixed(0)} | ${(s.rss.stations ?? 0).toFixed(0)} |`;
    const rate = generated / LOAD_S;
    console.log(
      [
        '',
        `bench:district — ${N} stations, health every ${HEALTH_MS / 1000} s, one incident a minute; ` +
          `${os.cpus().length} cores, load ${loadAvg()}, commit ${gitSha()}, ${new Date().toISOString()}`,
        '',
        '| phase | hub CPU % | centre CPU % | stations CPU % | bench CPU % | hub RSS MB | centre RSS MB | stations RSS MB |',
        '|---|---|---|---|---|---|---|---|',
        row(`settling ${SETTLE_S} s after the last link`, settle),
        row(`idle ${IDLE_S} s (baseline)`, idle),
        row(`load ${LOAD_S} s, ${rate.toFixed(1)} events/s`, load),
        '',
        `events: generated ${generated}, at the centre ${delivered}, duplicates ${dupes}`,
        `end-to-end delay (outbox row → centre commit), ${delays.length} events: ` +
          `p50 ${pct(delays, 50)} ms, p95 ${pct(delays, 95)} ms, max ${Math.max(...delays)} ms`,
      ].join('\n'),
    );
    if (generated === 0 || delivered < generated || delays.length === 0) {
      console.error('FAIL: the workload did not run through (events missing at the centre)');
      return 1;
    }
    if (dupes > 0) {
      console.error('FAIL: duplicates at the centre');
      return 1;
    }
    return 0;
  } finally {
    for (const l of links) await l.stop().catch(() => undefined);
    await centre?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
