// A real hub (the centre service's nats-server child) and a real station leaf node over
// TLS signed by the centre's CA: events reach the read model, export requests reach the
// station, and a station's hub login cannot touch another station's subjects.
// Spawns nats-server and openssl: listed in INTEGRATION_TESTS.
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  StationCredentials,
  districtMessageId,
  districtSubjects,
} from '../electron/contract/district';
import {
  findNatsServer,
  startNatsServer,
  type NatsServerProcess,
} from '../electron/core/district/nats-server-process';
import { addStation } from './cli';
import { reloadHub, runningHub } from './hub/hub-runtime';
import { CentreService } from './service/centre-service';
import { envelope, healthData, incidentData } from './testing/sample-events';

const dir = mkdtempSync(path.join(tmpdir(), 'centre-int-'));
let service: CentreService;
let leaf: NatsServerProcess;
let leafNc: NatsConnection;
let leafJsm: JetStreamManager;
let creds: StationCredentials;
let other: StationCredentials;

async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (let i = 0; Date.now() < deadline; i++) {
    const value = await probe().catch(() => null);
    if (value) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function leafConfig(c: StationCredentials, caFile: string, store: string): string {
  const url = new URL(c.hubUrl);
  const remote = `tls://${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}@${url.host}`;
  return [
    `server_name: ${JSON.stringify(`st-${c.stationId}`)}`,
    'listen: "127.0.0.1:-1"',
    `jetstream { store_dir: ${JSON.stringify(store)}, domain: ${JSON.stringify(`st-${c.stationId}`)} }`,
    `leafnodes { remotes: [ { urls: [${JSON.stringify(remote)}], account: "STATION", tls: { ca_file: ${JSON.stringify(caFile)} } } ] }`,
    'accounts { STATION: { jetstream: enabled, users: [{ user: "svc", password: "svc-local-password" }] } }',
    '',
  ].join('\n');
}

/** A port free now: the hub keeps it across the restart test, so the leaf finds it again. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}
let leafPort = -1;

beforeAll(async () => {
  leafPort = await freePort();
  service = centreService();
  await service.start();
  // The CLI path: the hub runs, so add-station reloads it and makes the streams.
  const a = await addStation(service.paths, {
    id: 'p01',
    name: 'Công an phường Bến Nghé',
    hubHost: '127.0.0.1',
  });
  expect(a).toMatchObject({ hub: 'reloaded', problem: null });
  const b = await addStation(service.paths, {
    id: 'p02',
    name: 'Công an phường Đa Kao',
    hubHost: '127.0.0.1',
  });
  expect(b.hub).toBe('reloaded');
  creds = StationCredentials.parse(JSON.parse(readFileSync(a.credentialsFile, 'utf8')));
  other = StationCredentials.parse(JSON.parse(readFileSync(b.credentialsFile, 'utf8')));

  const caFile = path.join(dir, 'ca.pem');
  writeFileSync(caFile, creds.caPem);
  const leafConf = path.join(dir, 'leaf.conf');
  writeFileSync(leafConf, leafConfig(creds, caFile, path.join(dir, 'leaf-js')));
  leaf = await startNatsServer({ binary: findNatsServer(), configFile: leafConf, name: 'st-p01' });
  leafNc = await connect({ servers: leaf.clientUrl, user: 'svc', pass: 'svc-local-password' });
  leafJsm = await jetstreamManager(leafNc);
  await leafJsm.streams.add({
    name: 'ST_P01',
    subjects: [districtSubjects.events('p01')],
    duplicate_window: 2 * 60 * 60 * 1_000_000_000,
  });
}, 90_000);

function centreService(): CentreService {
  return new CentreService({
    dataDir: path.join(dir, 'centre'),
    staticDir: path.join(dir, 'no-page'),
    httpPort: 0,
    leafHost: '127.0.0.1',
    leafPort,
    log: { info: () => undefined, warn: () => undefined },
  });
}

afterAll(async () => {
  await leafNc?.close();
  await leaf?.stop();
  await service?.dispose();
});

describe('centre hub with a station leaf node', () => {
  it('delivers a station event published on the leaf to the read model, once', async () => {
    const js = jetstream(leafNc);
    const now = Date.now();
    const events = [
      envelope('p01', 1, 'incident', now, incidentData('inc-1', 'VV-0001', now)),
      envelope('p01', 2, 'health', now, healthData(8, 7, 7, 0)),
    ];
    for (const e of events) {
      await js.publish(districtSubjects.event('p01', e.kind), JSON.stringify(e), {
        msgID: districtMessageId('p01', e.seq),
      });
    }
    // A re-send after a crash: the leaf's duplicate window drops it.
    await js.publish(districtSubjects.event('p01', 'health'), JSON.stringify(events[1]), {
      msgID: districtMessageId('p01', 2),
    });
    const counts = await until('two events in the read model', async () => {
      const c = await service.model!.counts();
      return (c.events.p01 ?? 0) >= 2 ? c : null;
    });
    expect(counts.events.p01).toBe(2);
    const res = await fetch(`${service.url}/api/stations`);
    const body = (await res.json()) as {
      stations: { id: string; online: number; incidentsToday: number }[];
    };
    expect(body.stations.find((s) => s.id === 'p01')).toMatchObject({
      online: 7,
      incidentsToday: 1,
    });
  });

  it('sends an export request the station sources, and takes the station decision', async () => {
    const res = await fetch(`${service.url}/api/export-requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        station: 'p01',
        incidentCode: 'VV-0001',
        cameraIds: ['cam-01'],
        reason: 'Phục vụ điều tra vụ trộm',
        requestedBy: 'Đại úy Nguyễn Văn An',
      }),
    });
    expect(res.status).toBe(201);
    const row = (await res.json()) as { requestId: string; status: string };
    expect(row.status).toBe('sent');

    // The station's leaf sources its request stream from the hub (its permissions allow exactly this).
    await leafJsm.streams.add({
      name: 'IN_P01',
      sources: [{ name: 'RQ_P01', external: { api: '$JS.hub.API', deliver: 'dc.p01.rqd' } }],
    });
    const inbound = await until('the request on the station', async () => {
      const info = await leafJsm.streams.info('IN_P01');
      return info.state.messages >= 1 ? info : null;
    });
    expect(inbound.state.messages).toBe(1);
    const stored = await leafJsm.streams.getMessage('IN_P01', { seq: 1 });
    expect(stored?.json<{ requestId: string }>().requestId).toBe(row.requestId);

    const decision = envelope('p01', 3, 'export-decision', Date.now(), {
      requestId: row.requestId,
      decision: 'approved',
      decidedAt: Date.now(),
      officerName: 'Thiếu tá Trần Thị Bình',
      reason: '',
    });
    await jetstream(leafNc).publish(
      districtSubjects.event('p01', 'export-decision'),
      JSON.stringify(decision),
      {
        msgID: districtMessageId('p01', 3),
      },
    );
    const approved = await until('the decision at the centre', async () => {
      const list = (await (
        await fetch(`${service.url}/api/export-requests?station=p01`)
      ).json()) as {
        requests: { requestId: string; status: string; decidedBy: string | null }[];
      };
      const r = list.requests.find((x) => x.requestId === row.requestId);
      return r?.status === 'approved' ? r : null;
    });
    expect(approved.decidedBy).toBe('Thiếu tá Trần Thị Bình');
  });

  it("refuses a station login publishing another station's subject", async () => {
    const hubUrl = JSON.parse(readFileSync(service.paths.hubState, 'utf8')) as {
      clientUrl: string;
    };
    const nc = await connect({ servers: hubUrl.clientUrl, user: creds.user, pass: creds.password });
    const errors: string[] = [];
    const watch = (async () => {
      for await (const s of nc.status()) {
        if (s.type === 'error') errors.push(String(s.error));
      }
    })();
    nc.publish(districtSubjects.event('p02', 'health'), '{}');
    await nc.flush();
    await until(
      'a permissions violation',
      async () => errors.some((e) => /Permissions Violation/i.test(e)),
      5_000,
    );
    expect(errors.join('\n')).toMatch(/Permissions Violation for Publish to "dc\.p02\.ev\.health"/);
    // Its own subject is allowed.
    nc.publish(districtSubjects.event('p01', 'health'), 'x');
    await nc.flush();
    await nc.close();
    await watch;
    expect(other.user).toBe('st-p02');
    const counts = await service.model!.counts();
    expect(counts.events.p02 ?? 0).toBe(0);
  });

  it('says so when the hub does not take a new config', async () => {
    const state = runningHub(service.paths)!;
    const good = readFileSync(service.paths.hubConf, 'utf8');
    // A config the server refuses on reload: it keeps the old one, so the new login never works.
    writeFileSync(service.paths.hubConf, `${good}\nthis is { not valid`);
    const result = await reloadHub(state, { user: 'st-nobody', pass: 'never-configured-password' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.why).toMatch(/did not accept the new login/);
    writeFileSync(service.paths.hubConf, good);
    expect(await reloadHub(state, { user: creds.user, pass: creds.password })).toEqual({
      ok: true,
    });
  });

  it('gets what the station stored while the hub was down, and applies nothing twice after a restart', async () => {
    const before = await service.model!.counts();
    expect(before.events.p01).toBe(3);
    // Lose the consumer's position: the restarted service gets every DISTRICT message again.
    const state = JSON.parse(readFileSync(service.paths.hubState, 'utf8')) as { clientUrl: string };
    const login = await service.registry!.centreLogin();
    const nc = await connect({ servers: state.clientUrl, user: login.user, pass: login.password });
    const jsm = await jetstreamManager(nc);
    const stored = (await jsm.streams.info('DISTRICT')).state.messages;
    // The three events only: the permissions test's 'x', published on the hub under p01's own
    // subject, must not travel down into p01's stream (the hub sends a station only dc.p01.rqd.>).
    expect(stored).toBe(3);
    expect(before.rejects).toBe(0);
    await jsm.consumers.delete('DISTRICT', 'centre');
    await nc.close();
    await service.dispose();

    // The hub is down: the station keeps publishing into its own stream.
    const now = Date.now();
    for (const seq of [4, 5]) {
      await jetstream(leafNc).publish(
        districtSubjects.event('p01', 'health'),
        JSON.stringify(envelope('p01', seq, 'health', now, healthData(8, 8 - seq + 4, 8, 0))),
        { msgID: districtMessageId('p01', seq) },
      );
    }
    service = centreService();
    await service.start();
    const after = await until('the redelivered messages refused', async () => {
      const c = await service.model!.counts();
      const done =
        (c.duplicates.p01 ?? 0) - (before.duplicates.p01 ?? 0) >= 3 && (c.events.p01 ?? 0) >= 5;
      return done ? c : null;
    });
    expect(after.events).toEqual({ p01: 5 });
    expect(after.duplicates.p01! - before.duplicates.p01!).toBe(3);
    expect(after.gaps).toBe(0);
    expect(after.rejects).toBe(0);
  });
});
