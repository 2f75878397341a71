// The station's end of the link against a real hub: the centre's own hub config
// (TLS with its CA, each station held to its subjects), the station's leaf node
// as NatsLink runs it. Outbox rows reach the hub's DISTRICT stream in order and
// once, across a hub outage and a station restart that lost its "published"
// marks; a centre request reaches the station; a wrong password says so; one
// station's leaf cannot put anything on another station's subjects.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCentrePki } from '../../../centre/hub/pki';
import { stationHubUser, writeHubConfig } from '../../../centre/hub/hub-config';
import { stationSource } from '../../../centre/hub/hub-streams';
import {
  DistrictEnvelope,
  districtStreams,
  districtSubjects,
  type ExportRequest,
  type StationCredentials,
} from '../../contract/district';
import { findNatsServer, startNatsServer, type NatsServerProcess } from './nats-server-process';
import { NatsLink } from './nats-link';
import type { PublishableRow, PublisherSource } from './outbox-publisher';

const STATIONS = ['p-one', 'p-two'] as const;
const PASSWORDS: Record<string, string> = {
  'p-one': 'one-password-0123456789',
  'p-two': 'two-password-0123456789',
};
const CENTRE = { user: 'centre', password: 'centre-password-0123' };

let dir: string;
let hub: NatsServerProcess | null = null;
let hubConf: string;
let leafPort: number;
let caPem: string;
let centre: NatsConnection;
let jsm: JetStreamManager;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function until(check: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return check();
}

async function startHub(): Promise<void> {
  hub = await startNatsServer({ binary: findNatsServer(), configFile: hubConf, name: 'hub' });
  centre = await connect({ servers: hub.clientUrl, user: CENTRE.user, pass: CENTRE.password });
  jsm = await jetstreamManager(centre);
}

async function stopHub(): Promise<void> {
  await centre.close();
  await hub?.stop();
  hub = null;
}

/** The outbox as a list (the SQLite table has its own tests); "published" marks can be lost. */
class ListSource implements PublisherSource {
  rows: PublishableRow[] = [];
  published = 0;
  add(n: number): void {
    for (let i = 0; i < n; i++) {
      const seq = this.rows.length + 1;
      this.rows.push({
        seq,
        kind: 'incident',
        at: 1_700_000_000_000 + seq,
        payload: JSON.stringify({ n: seq }),
      });
    }
  }
  pending(afterSeq: number, limit: number): Promise<PublishableRow[]> {
    return Promise.resolve(
      this.rows.filter((r) => r.seq > Math.max(afterSeq, this.published)).slice(0, limit),
    );
  }
  markPublished(uptoSeq: number): Promise<void> {
    this.published = Math.max(this.published, uptoSeq);
    return Promise.resolve();
  }
  maxSeq(): Promise<number> {
    return Promise.resolve(this.rows.length);
  }
}

function credentials(station: string, password = PASSWORDS[station]!): StationCredentials {
  return {
    format: 'station-district-credentials/1',
    stationId: station,
    stationName: station,
    hubUrl: `tls://127.0.0.1:${leafPort}`,
    user: stationHubUser(station),
    password,
    caPem,
  };
}

async function districtSeqs(station: string): Promise<number[]> {
  const info = await jsm.streams.info(districtStreams.district);
  const out: number[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && seq > 0; seq++) {
    const m = await jsm.streams.getMessage(districtStreams.district, { seq }).catch(() => null);
    if (!m) continue;
    const env = DistrictEnvelope.parse(m.json());
    if (env.station === station) out.push(env.seq);
  }
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'nats-link-'));
  const pki = await ensureCentrePki(path.join(dir, 'centre'), ['127.0.0.1']);
  const { readFileSync } = await import('node:fs');
  caPem = readFileSync(pki.caCert, 'utf8');
  leafPort = await freePort();
  hubConf = path.join(dir, 'centre', 'hub.conf');
  writeHubConfig(hubConf, {
    leafHost: '127.0.0.1',
    leafPort,
    tlsCert: pki.hubCert,
    tlsKey: pki.hubKey,
    storeDir: path.join(dir, 'centre', 'jetstream'),
    pidFile: path.join(dir, 'centre', 'hub.pid'),
    centreUser: CENTRE.user,
    centrePasswordHash: bcrypt.hashSync(CENTRE.password, 4),
    stations: STATIONS.map((s) => ({
      stationId: s,
      passwordHash: bcrypt.hashSync(PASSWORDS[s]!, 4),
    })),
  });
  await startHub();
  await jsm.streams.add({
    name: districtStreams.district,
    sources: STATIONS.map((s) => stationSource(s)),
  });
  for (const s of STATIONS)
    await jsm.streams.add({
      name: districtStreams.stationRequests(s),
      subjects: [districtSubjects.requests(s)],
    });
}, 60_000);

afterAll(async () => {
  await stopHub().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('NatsLink against a real hub', () => {
  it('links, delivers in order across a hub outage and a restart that lost its marks, and takes requests', async () => {
    const source = new ListSource();
    const requests: ExportRequest[] = [];
    const states: string[] = [];
    const stationDir = path.join(dir, 'p-one');
    const start = () => {
      const link = new NatsLink({ source });
      link.onState(() => states.push(link.state().link));
      link.onRequest((r) => {
        requests.push(r);
        return Promise.resolve();
      });
      return link;
    };
    let link = start();
    await link.start({
      stationId: 'p-one',
      credentials: credentials('p-one'),
      dataDir: stationDir,
    });
    expect(await until(() => link.state().link === 'linked', 20_000)).toBe(true);

    source.add(20);
    link.nudge();
    expect(await until(async () => (await districtSeqs('p-one')).length === 20, 20_000)).toBe(true);

    // The hub goes away: rows are stored on the leaf and flow when it returns.
    await stopHub();
    expect(await until(() => link.state().link === 'linking', 20_000)).toBe(true);
    source.add(30);
    link.nudge();
    expect(await until(() => link.lastPublishedSeq() === 50, 20_000)).toBe(true);
    await startHub();
    expect(await until(async () => (await districtSeqs('p-one')).length === 50, 30_000)).toBe(true);

    // Restart with the last 10 "published" marks lost: nothing is stored twice.
    await link.stop();
    source.published = 40;
    source.add(5);
    link = start();
    await link.start({
      stationId: 'p-one',
      credentials: credentials('p-one'),
      dataDir: stationDir,
    });
    expect(await until(async () => (await districtSeqs('p-one')).length >= 55, 30_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await districtSeqs('p-one')).toEqual(Array.from({ length: 55 }, (_, i) => i + 1));

    // A centre request reaches the station through its own stream.
    const req: ExportRequest = {
      requestId: 'req-0001-abcd',
      incidentCode: '2026-0012',
      fromMs: null,
      toMs: null,
      cameraIds: [],
      reason: 'Điều tra vụ cướp giật',
      requestedBy: 'Đại úy Trần Minh',
      requestedAt: Date.now(),
    };
    await jetstream(centre).publish(
      districtSubjects.request('p-one', 'export'),
      JSON.stringify(req),
      {
        msgID: req.requestId,
      },
    );
    expect(await until(() => requests.length === 1, 20_000)).toBe(true);
    expect(requests[0]).toEqual(req);
    await link.stop();
    expect(states).toContain('linking');

    // A database restored from an older backup: the outbox is behind what the centre holds.
    const restored = new ListSource();
    restored.add(3);
    const behind = new NatsLink({ source: restored });
    await behind.start({
      stationId: 'p-one',
      credentials: credentials('p-one'),
      dataDir: stationDir,
    });
    expect(await until(() => /khôi phục/.test(behind.state().problem ?? ''), 20_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await districtSeqs('p-one')).toHaveLength(55);
    await behind.stop();
  }, 180_000);

  it('says the centre refused the account when the password is wrong', async () => {
    const link = new NatsLink({ source: new ListSource() });
    await link.start({
      stationId: 'p-two',
      credentials: credentials('p-two', 'not-the-password-000000'),
      dataDir: path.join(dir, 'p-two-bad'),
    });
    expect(await until(() => link.state().link === 'failed', 20_000)).toBe(true);
    expect(link.state().problem).toMatch(/từ chối tài khoản/);
    await link.stop();
  }, 60_000);

  it("keeps one station's leaf off another station's subjects", async () => {
    const link = new NatsLink({ source: new ListSource() });
    const stationDir = path.join(dir, 'p-one-x');
    await link.start({
      stationId: 'p-one',
      credentials: credentials('p-one'),
      dataDir: stationDir,
    });
    expect(await until(() => link.state().link === 'linked', 20_000)).toBe(true);
    // A client of p-one's leaf (anything running on that station's PC) tries both.
    const { readFileSync } = await import('node:fs');
    const conf = readFileSync(path.join(stationDir, 'district', 'leaf.conf'), 'utf8');
    const localPass = /password: "([^"]+)"/.exec(conf.split('accounts')[1]!)![1]!;
    const leafUrl = link.localClientUrl();
    const local = await connect({ servers: leafUrl!, user: 'station', pass: localPass });
    const own = centre.subscribe(districtSubjects.events('p-one'));
    const other = centre.subscribe(districtSubjects.events('p-two'));
    const seen = { own: 0, other: 0 };
    void (async () => {
      for await (const _ of own) seen.own++;
    })();
    void (async () => {
      for await (const _ of other) seen.other++;
    })();
    await centre.flush();
    // Interest travels to the leaf; give it a moment, then publish on both.
    await new Promise((r) => setTimeout(r, 1000));
    for (let i = 0; i < 10; i++) {
      local.publish('dc.p-one.ev.health', 'mine');
      local.publish('dc.p-two.ev.incident', 'forged');
    }
    await local.flush();
    expect(await until(() => seen.own === 10, 10_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 1000));
    expect(seen.other).toBe(0);
    // Nor can it create a consumer on another station's request stream through the hub.
    const forged = await local
      .request(
        `$JS.hub.API.CONSUMER.CREATE.${districtStreams.stationRequests('p-two')}`,
        JSON.stringify({ stream_name: districtStreams.stationRequests('p-two'), config: {} }),
        { timeout: 2000 },
      )
      .then(
        (m) => m.string(),
        (e: Error) => e.message,
      );
    expect(forged).not.toMatch(/consumer_create_response/);
    // Nor can anything published on the hub under the station's subjects reach its stream.
    const localJsm = await jetstreamManager(local);
    const stationStream = districtStreams.stationEvents('p-one');
    const before = (await localJsm.streams.info(stationStream)).state.messages;
    for (let i = 0; i < 5; i++) centre.publish('dc.p-one.ev.incident', 'injected by the hub');
    await centre.flush();
    await new Promise((r) => setTimeout(r, 1000));
    expect((await localJsm.streams.info(stationStream)).state.messages).toBe(before);
    own.unsubscribe();
    other.unsubscribe();
    await local.close();
    await link.stop();
  }, 60_000);
});
