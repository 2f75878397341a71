// The service graph tests run: the production graph (service-graph.ts) over a
// real SQLite file with test overrides (cheap password hashing, a canned probe,
// the test ffmpeg), nothing started (no recorder, no media server) unless the
// test starts it. Plus sign-in helpers that go through the contract.
import type { SystemInfo } from '../../../contract/schemas';
import type { ProbeFn } from '../../cameras/camera-service';
import type { Database } from '../../db/database';
import { UnwiredDistrictLink, type DistrictLinkRunner } from '../../district/district-service';
import type { FootageSource } from '../../export/export-sources';
import { silentLogger } from '../../logging/logger';
import type { ClockAlarmSink } from '../../onvif/camera-clock-service';
import { loopbackOnlyTransport, type UdpTransport } from '../../onvif/udp-transport';
import { KeyFileSecretBox } from '../../secrets/key-file-secret-box';
import { TEST_FFMPEG, TEST_FFPROBE } from '../../streams/testing/ffmpeg-bin';
import { dispatch, type CallContext, type Endpoint } from '../dispatch';
import { buildServices, type ServiceGraph } from '../service-graph';

export interface TestServiceOptions {
  db: Database;
  dir: string;
  /** Hears every contract event, as a console does. */
  emit?: (event: string, payload: unknown) => void;
  /** The stream probe (test connection, the health probe's stream check); by default "no ffprobe". */
  probe?: ProbeFn;
  systemInfo?: () => Promise<SystemInfo>;
  now?: () => number;
  /** The segment being recorded, for export; by default the (not started) recording service's. */
  openSegment?: FootageSource['openSegment'];
  /** WS-Discovery sockets; by default loopback only. */
  udpTransport?: UdpTransport;
  clockAlarms?: ClockAlarmSink;
  /** The district link's transport; by default none ("nats not wired"). */
  districtLink?: DistrictLinkRunner;
}

export interface TestServices extends ServiceGraph {
  /** Disposes the graph (pending audit head-file writes finish): call before closing the db. */
  settle: () => Promise<void>;
}

/** Cheap scrypt for tests: the hashing itself is tested in officers/password-hash.test.ts. */
export const TEST_HASH_PARAMS = { N: 1024, r: 8, p: 1 };
export const TEST_PASSWORD = 'mat-khau-thu-1';

export async function buildTestServices(o: TestServiceOptions): Promise<TestServices> {
  const graph = await buildServices(
    {
      db: o.db,
      dataDir: o.dir,
      secrets: KeyFileSecretBox.forDataDir(o.dir),
      logger: silentLogger,
      version: '0.0.0-test',
      platform: process.platform,
      districtLink: () => o.districtLink ?? new UnwiredDistrictLink(),
    },
    {
      hashParams: TEST_HASH_PARAMS,
      ffmpeg: { ffmpeg: TEST_FFMPEG, ffprobe: TEST_FFPROBE, source: 'setting' },
      probe: o.probe ?? (async () => ({ ok: false, errorKind: 'ffmpeg_missing', detail: '' })),
      systemInfo:
        o.systemInfo ??
        (async () => {
          throw new Error('system.info is not used by this test');
        }),
      // Tests never reach the LAN: any non-loopback or multicast send throws.
      udpTransport: o.udpTransport ?? loopbackOnlyTransport(),
      ...(o.clockAlarms ? { clockAlarms: o.clockAlarms } : {}),
      ...(o.now ? { now: o.now } : {}),
      ...(o.openSegment ? { openSegment: o.openSegment } : {}),
    },
  );
  if (o.emit) graph.onEvent(o.emit);
  return Object.assign(graph, { settle: () => graph.dispose() });
}

/** A fresh connection (its own session binding). */
export const connection = (): CallContext => ({ transport: 'test', binding: { token: null } });

/**
 * A connection signed in as the station's administrator (a commander), creating
 * it through the contract on first use, as the first-start screen does.
 */
export async function signInCommander(endpoint: Endpoint): Promise<CallContext> {
  const ctx = connection();
  const state = (await dispatch(endpoint, 'auth.state', {}, ctx)) as {
    setupRequired: boolean;
    officers: { id: string; role: string }[];
  };
  if (state.setupRequired) {
    await dispatch(
      endpoint,
      'auth.setup',
      {
        fullName: 'Nguyễn Văn Quản',
        rank: 'Thiếu tá',
        badgeNumber: '100-001',
        password: TEST_PASSWORD,
      },
      ctx,
    );
    return ctx;
  }
  const admin = state.officers.find((o) => o.role === 'commander');
  if (!admin) throw new Error('no commander to sign in as');
  await dispatch(endpoint, 'auth.signIn', { officerId: admin.id, password: TEST_PASSWORD }, ctx);
  return ctx;
}

/** A duty officer created by the commander, then signed in on a connection of its own. */
export async function signInDutyOfficer(
  endpoint: Endpoint,
  commander: CallContext,
  badgeNumber = '200-001',
): Promise<{ ctx: CallContext; officerId: string }> {
  const officer = (await dispatch(
    endpoint,
    'officer.create',
    {
      fullName: 'Trần Thị Trực',
      rank: 'Trung úy',
      badgeNumber,
      role: 'duty',
      password: TEST_PASSWORD,
    },
    commander,
  )) as { id: string };
  const ctx = connection();
  await dispatch(endpoint, 'auth.signIn', { officerId: officer.id, password: TEST_PASSWORD }, ctx);
  return { ctx, officerId: officer.id };
}
