// Issue 17's proof, on loopback with everything a ward and a district run: the
// centre (its hub nats-server with JetStream, its read model), three built station
// services each with its own leaf node and data folder, a ward camera each. About
// 1,000 events (incidents, health, the camera's outage and recording events) cross
// the link while the hub is down for two minutes and one station is killed (-9)
// in the middle of publishing and started again. The centre must end with every
// station's events exactly once and in the station's order.
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { StationApi } from '../electron/contract/api';
import { Database } from '../electron/core/db/database';
import { addStation, freePort, startCentre, type RunningCentre } from './centre-process';
import { expect, test, wardCameras } from './fixtures';
import { until } from './service-kit';
import { E2E_ADMIN, startStation } from './station-process';

const STATIONS = [
  { id: 'p-ben-nghe', name: 'Công an phường Bến Nghé' },
  { id: 'p-da-kao', name: 'Công an phường Đa Kao' },
  { id: 'p-tan-dinh', name: 'Công an phường Tân Định' },
] as const;
const BEFORE_OUTAGE = 160; // incidents per station while the hub is up
const DURING_OUTAGE = 190; // incidents per station while it is down
const OUTAGE_MS = 2 * 60_000;

test.use({ rigOptions: wardCameras({ h264: ['cam1'] }) });

type Started = Awaited<ReturnType<typeof startStation>>;

async function signedIn(started: Started): Promise<StationApi> {
  const api = started.station.api;
  const state = await api.auth.state();
  if (state.setupRequired) await api.auth.setup(E2E_ADMIN);
  else await api.auth.signIn({ officerId: state.officers[0]!.id, password: E2E_ADMIN.password });
  return api;
}

async function createIncidents(
  api: StationApi,
  cameraId: string,
  n: number,
  tag: string,
  /** Runs once, before incident n/2 is sent (the kill mid-burst). */
  halfway?: () => Promise<void>,
) {
  const now = Date.now();
  for (let i = 0; i < n; i++) {
    if (i === Math.floor(n / 2)) await halfway?.();
    await api.incidents.create({
      category: i % 3 === 0 ? 'snatching' : 'theft',
      location: `Ngã tư số ${i % 17}`,
      description: `Vụ việc ${tag}-${i}: người dân trình báo mất tài sản`,
      occurredAt: now - 60_000,
      startMs: now - 120_000,
      endMs: now - 30_000,
      cameraIds: [cameraId],
    });
  }
}

/** The outbox's highest seq, as the station itself says through its status. */
async function stationSeq(api: StationApi): Promise<number> {
  return (await api.district.status()).lastPublishedSeq;
}

interface CentreCounts {
  seqs: Map<string, number[]>;
  gaps: number;
  rejects: number;
  incidents: Map<string, number>;
}

async function centreCounts(centreDir: string): Promise<CentreCounts> {
  const db = await Database.open(path.join(centreDir, 'centre.db'), { busyTimeoutMs: 5000 });
  try {
    const rows = await db.all<{ station: string; seq: number }>(
      'SELECT station, seq FROM events ORDER BY rowid',
    );
    const seqs = new Map<string, number[]>();
    for (const r of rows) seqs.set(r.station, [...(seqs.get(r.station) ?? []), r.seq]);
    const gaps = (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM seq_gaps'))?.n ?? 0;
    const rejects = (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM rejects'))?.n ?? 0;
    const inc = await db.all<{ station: string; n: number }>(
      'SELECT station, COUNT(*) AS n FROM incidents GROUP BY station',
    );
    return { seqs, gaps, rejects, incidents: new Map(inc.map((r) => [r.station, r.n])) };
  } finally {
    await db.close();
  }
}

test('three stations, a hub down for two minutes, a station killed mid-publish: every event once, in order', async ({
  rig,
}) => {
  test.setTimeout(15 * 60_000);
  const centreDir = mkdtempSync(path.join(tmpdir(), 'district-centre-'));
  const leaf = { host: '127.0.0.1', port: await freePort() };
  const started: Started[] = [];
  let centre: RunningCentre | null = null;
  let victimDir: string | null = null;
  try {
    const creds = STATIONS.map((s) => addStation(centreDir, s.id, s.name, leaf));
    centre = await startCentre(centreDir, leaf);

    const apis: StationApi[] = [];
    const cameras: string[] = [];
    for (const [i, s] of STATIONS.entries()) {
      const st = await startStation('off');
      started.push(st);
      const api = st.station.api;
      apis.push(api);
      const status = await api.district.connect({ credentials: readFileSync(creds[i]!, 'utf8') });
      expect(status.stationId).toBe(s.id);
      cameras.push((await api.cameras.add({ name: 'Cổng trường', mainUrl: rig.url('cam1') })).id);
    }
    for (const api of apis) {
      expect(await until(async () => (await api.district.status()).link === 'linked', 60_000)).toBe(
        true,
      );
    }

    // Hub up: a first burst from the three stations at once.
    await Promise.all(apis.map((api, i) => createIncidents(api, cameras[i]!, BEFORE_OUTAGE, 'a')));

    // Hub down for two minutes (the centre service and its hub stop together).
    await centre.stop();
    centre = null;
    const downAt = Date.now();
    for (const api of apis) {
      expect(await until(async () => (await api.district.status()).link !== 'linked', 30_000)).toBe(
        true,
      );
    }

    // Stations 0 and 2 go on; station 1 is killed (-9) while it writes and publishes its
    // burst, then started again on its data folder and finishes it.
    const victim = started[1]!;
    victimDir = victim.station.dataDir;
    const seqBefore = await stationSeq(apis[1]!);
    const others = Promise.all([
      createIncidents(apis[0]!, cameras[0]!, DURING_OUTAGE, 'b'),
      createIncidents(apis[2]!, cameras[2]!, DURING_OUTAGE, 'b'),
    ]);
    // Killed from inside its own burst, halfway, once its publisher is seen sending the
    // burst: polling from outside could come too late on a fast machine.
    let publishedAtKill = 0;
    const victimBurst = createIncidents(apis[1]!, cameras[1]!, DURING_OUTAGE, 'b', async () => {
      expect(await until(async () => (await stationSeq(apis[1]!)) > seqBefore, 30_000)).toBe(true);
      publishedAtKill = await stationSeq(apis[1]!);
      process.kill(victim.pid, 'SIGKILL');
      await victim.exitCode;
    }).then(
      () => 'finished',
      () => 'killed',
    );
    expect(await victimBurst).toBe('killed');
    expect(publishedAtKill).toBeGreaterThan(seqBefore);
    const again = await startStation('off', { dataDir: victimDir, account: 'none' });
    started[1] = again;
    apis[1] = await signedIn(again);
    await createIncidents(apis[1], cameras[1]!, DURING_OUTAGE / 2, 'c');
    await others;

    const waitLeft = OUTAGE_MS - (Date.now() - downAt);
    if (waitLeft > 0) await new Promise((r) => setTimeout(r, waitLeft));
    const downMs = Date.now() - downAt;
    centre = await startCentre(centreDir, leaf);

    // Every station's outbox, all of it, exactly once and in order at the centre.
    const expected = new Map<string, number>();
    const settled = await until(async () => {
      for (const [i, s] of STATIONS.entries()) {
        const status = await apis[i]!.district.status();
        if (status.pending > 0) return false;
        expected.set(s.id, status.lastPublishedSeq);
      }
      const got = await centreCounts(centreDir);
      return STATIONS.every((s) => (got.seqs.get(s.id)?.length ?? 0) >= expected.get(s.id)!);
    }, 180_000);
    // Quiet for a moment: anything late or doubled would arrive now.
    await new Promise((r) => setTimeout(r, 3000));
    const got = await centreCounts(centreDir);
    const lines = STATIONS.map((s) => {
      const seqs = got.seqs.get(s.id) ?? [];
      return `${s.id}: outbox ${expected.get(s.id)} · centre ${seqs.length} events (${new Set(seqs).size} distinct), incidents ${got.incidents.get(s.id) ?? 0}`;
    });
    const total = [...got.seqs.values()].reduce((n, s) => n + s.length, 0);
    console.log(
      [
        `district: hub down ${Math.round(downMs / 1000)} s; ${total} events at the centre; gaps ${got.gaps}, rejects ${got.rejects}`,
        ...lines,
      ].join('\n'),
    );
    expect(settled).toBe(true);
    expect(total).toBeGreaterThanOrEqual(1000);
    expect(got.gaps).toBe(0);
    expect(got.rejects).toBe(0);
    for (const s of STATIONS) {
      const seqs = got.seqs.get(s.id) ?? [];
      // Exactly once, in order: the applied sequence is 1, 2, 3, … with nothing missing.
      const outbox = expected.get(s.id)!;
      expect(seqs.slice(0, outbox)).toEqual(Array.from({ length: outbox }, (_, k) => k + 1));
    }
    // Every incident each station holds is at the centre (the killed station's count is its own).
    for (const [i, s] of STATIONS.entries()) {
      const held = (await apis[i]!.incidents.list({ limit: 1 })).total;
      expect(got.incidents.get(s.id)).toBe(held);
    }
  } finally {
    await centre?.stop();
    for (const st of started) await st.stop().catch(() => undefined);
    // The restarted station was given its folder, so its stop() leaves it: remove it here.
    if (victimDir) rmSync(victimDir, { recursive: true, force: true });
    rmSync(centreDir, { recursive: true, force: true });
  }
});
