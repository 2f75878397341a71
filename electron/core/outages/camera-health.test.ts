// A camera's up/down state is watched all the time, with no console and no live
// viewer: the production graph over the real RTSP rig, one camera recorded (its
// recorder watches it) and one not recorded (the probe watches it). The rig stops:
// both open an outage; it returns: both close. A third, not recorded, has a wrong path
// on the same server: its port answers, its stream does not, and it is down throughout.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type Rig } from '../../../e2e/rig/rig';
import type { CameraHealth } from '../../contract/outages';
import type { Camera, Outage } from '../../contract/schemas';
import { dispatch, type CallContext } from '../app/dispatch';
import {
  buildTestServices,
  signInCommander,
  type TestServices,
} from '../app/testing/test-services';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { probeStream } from '../cameras/probe';
import { TEST_FFPROBE } from '../streams/testing/ffmpeg-bin';

let dir: string;
let db: Database;
let rig: Rig;
let services: TestServices;
let ctx: CallContext;
const health: CameraHealth[] = [];

/** Polls `fn` every 200 ms until it yields, at most `ms` (margins for 2 loaded cores). */
async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 40_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const call = <T>(channel: string, req: unknown): Promise<T> =>
  dispatch(services.endpoint, channel as never, req as never, ctx) as Promise<T>;
const outagesOf = (cameraId: string) => call<Outage[]>('camera.outages', { cameraId });
const healthOf = async (cameraId: string) =>
  (await call<CameraHealth[]>('camera.healths', {})).find((h) => h.cameraId === cameraId);

beforeAll(async () => {
  rig = await startRig({ h264: ['rec1', 'probe1'] });
  dir = mkdtempSync(join(tmpdir(), 'station-health-'));
  db = await openStationDb(dir);
  services = await buildTestServices({
    db,
    dir,
    emit: (event, payload) => {
      if (event === 'camera.health') health.push(payload as CameraHealth);
    },
    probe: ({ input, timeoutMs }) => probeStream({ ffprobePath: TEST_FFPROBE, input, timeoutMs }),
  });
  ctx = await signInCommander(services.endpoint);
});

afterAll(async () => {
  await services?.settle();
  await db?.close();
  await rig?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('camera health', () => {
  it('logs an outage from the recorder or the probe while nobody watches live', async () => {
    const recorded = await call<Camera>('camera.add', { name: 'Cổng', mainUrl: rig.url('rec1') });
    const probed = await call<Camera>('camera.add', { name: 'Chợ', mainUrl: rig.url('probe1') });
    const wrongPath = await call<Camera>('camera.add', {
      name: 'Kênh 3',
      mainUrl: rig.url('no-such-channel'),
    });
    await call('recording.setCamera', { cameraId: probed.id, enabled: false });
    await call('recording.setCamera', { cameraId: wrongPath.id, enabled: false });
    await services.start();

    const up = async (id: string, by: CameraHealth['watchedBy']) => {
      const h = await healthOf(id);
      return h?.reachable === 'up' && h.watchedBy === by ? h : undefined;
    };
    await until('recorded camera up', () => up(recorded.id, 'recorder'));
    await until('probed camera up', () => up(probed.id, 'probe'));
    const wrongDown = await until('wrong path down', async () => {
      const h = await healthOf(wrongPath.id);
      return h?.reachable === 'down' ? h : undefined;
    });
    expect(wrongDown).toMatchObject({ watchedBy: 'probe', errorKind: 'not_found' });
    expect((await outagesOf(wrongPath.id)).filter((o) => o.endedAt === null)).toHaveLength(1);
    // Nobody opened a live stream: whatever follows comes from the recorder and the probe.
    expect(services.live.statuses()).toEqual([]);

    const stoppedAt = Date.now();
    await rig.stop();
    const opened = async (id: string) => (await outagesOf(id)).find((o) => o.endedAt === null);
    const recOutage = await until('recorder outage', () => opened(recorded.id));
    const probeOutage = await until('probe outage', () => opened(probed.id));
    console.log(
      `outage opened: recorder ${recOutage.startedAt - stoppedAt} ms, probe ${probeOutage.startedAt - stoppedAt} ms after the stop`,
    );
    expect(await healthOf(recorded.id)).toMatchObject({ reachable: 'down', watchedBy: 'recorder' });
    expect(await healthOf(probed.id)).toMatchObject({
      reachable: 'down',
      watchedBy: 'probe',
      errorKind: 'unreachable',
    });

    await rig.restart();
    const closed = async (o: Outage) =>
      (await outagesOf(o.cameraId)).find((x) => x.id === o.id && x.endedAt !== null);
    const recClosed = await until('recorder outage closed', () => closed(recOutage), 60_000);
    const probeClosed = await until('probe outage closed', () => closed(probeOutage), 60_000);
    expect(recClosed.endedAt).toBeGreaterThanOrEqual(recClosed.startedAt);
    expect(probeClosed.endedAt).toBeGreaterThanOrEqual(probeClosed.startedAt);
    // One outage each: a camera's state has one source, not one per stream or per viewer.
    expect(await outagesOf(recorded.id)).toHaveLength(1);
    expect(await outagesOf(probed.id)).toHaveLength(1);
    // The wrong path's port answers again, its stream still does not: the same outage goes on.
    expect(await outagesOf(wrongPath.id)).toMatchObject([{ endedAt: null }]);
    expect(await healthOf(wrongPath.id)).toMatchObject({ reachable: 'down' });
    expect(services.live.statuses()).toEqual([]);
    // Consoles heard every change as it happened.
    const seen = (id: string) => health.filter((h) => h.cameraId === id).map((h) => h.reachable);
    expect(seen(recorded.id)).toEqual(expect.arrayContaining(['up', 'down']));
    expect(seen(probed.id).slice(-2)).toEqual(['down', 'up']);
  }, 180_000);
});
