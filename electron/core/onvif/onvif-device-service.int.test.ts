// ONVIF discovery, inspection, one-step add and camera clocks through the real
// dispatcher and service graph, against the fake ONVIF camera (127.0.0.1 only).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  startFakeOnvif,
  type FakeOnvif,
  type FakeAuthMode,
} from '../../../e2e/rig/onvif/fake-onvif-device';
import type { CameraClock, DiscoveredDevice, OnvifInspection } from '../../contract/onvif';
import type { Camera } from '../../contract/schemas';
import { dispatch, type CallContext, type Endpoint } from '../app/dispatch';
import {
  buildTestServices,
  signInCommander,
  type TestServices,
} from '../app/testing/test-services';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import type { ClockAlarmKind, ClockAlarmSink } from './camera-clock-service';
import { loopbackOnlyTransport, type LoopbackGuard } from './udp-transport';

const MAIN = 'rtsp://127.0.0.1:8554/onvif_main';
const SUB = 'rtsp://127.0.0.1:8554/onvif_sub';

let dir: string;
let db: Database;
let services: TestServices;
let endpoint: Endpoint;
let commander: CallContext;
let guard: LoopbackGuard;
let fake: FakeOnvif | null = null;
/** The alarm log as the clock service sees it: open kinds per camera, and every call. */
const open = new Set<string>();
const alarmCalls: string[] = [];
const sink: ClockAlarmSink = {
  open: (cameraId, kind) => {
    open.add(`${cameraId}:${kind}`);
    alarmCalls.push(`open ${kind}`);
  },
  close: (cameraId, kind) => {
    if (open.delete(`${cameraId}:${kind}`)) alarmCalls.push(`close ${kind}`);
  },
};
const isOpen = (cameraId: string, kind: ClockAlarmKind) => open.has(`${cameraId}:${kind}`);

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-onvif-'));
  db = await openStationDb(dir);
  guard = loopbackOnlyTransport();
  open.clear();
  alarmCalls.length = 0;
  services = await buildTestServices({ db, dir, udpTransport: guard, clockAlarms: sink });
  endpoint = services.endpoint;
  commander = await signInCommander(endpoint);
});
afterEach(async () => {
  await fake?.close();
  fake = null;
  await services.settle();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = <T>(channel: string, payload: unknown): Promise<T> =>
  dispatch(endpoint, channel, payload, commander) as Promise<T>;

async function startFake(auth: FakeAuthMode, opts: { clockOffsetMs?: number; tz?: string } = {}) {
  fake = await startFakeOnvif({ mainUrl: MAIN, subUrl: SUB, auth, ...opts });
  return fake;
}

async function addFromFake(f: FakeOnvif): Promise<Camera> {
  return call<Camera>('onvif.add', {
    xaddr: f.xaddr,
    endpoint: f.endpoint,
    username: f.user,
    password: f.pass,
    name: 'Ngã tư Phố Huế',
    mainProfile: 'Profile_1',
    subProfile: 'Profile_2',
  });
}

const auditRows = (action: string) =>
  db.all<{ subject: string; details_json: string }>(
    'SELECT subject, details_json FROM audit_log WHERE action = ? ORDER BY seq',
    [action],
  );

describe('ONVIF discovery and add (fake camera on 127.0.0.1)', () => {
  it('a directed probe finds it, it needs an account, and after the add it is marked added', async () => {
    const f = await startFake('both');
    const target = { host: '127.0.0.1', port: f.discoveryPort };
    const found = await call<DiscoveredDevice[]>('onvif.discover', { target, timeoutMs: 3000 });
    expect(found).toEqual([
      expect.objectContaining({
        endpoint: f.endpoint,
        host: '127.0.0.1',
        xaddrs: [f.xaddr],
        name: 'FAKE-PTZ',
        model: 'FK-PTZ-1',
        needsCredentials: true,
        cameraId: null,
        via: 'direct',
      }),
    ]);
    expect(f.probes().length).toBeGreaterThanOrEqual(1);

    const cam = await addFromFake(f);
    expect(cam).toMatchObject({ mainUrl: MAIN, subUrl: SUB, username: f.user, hasPassword: true });
    // The password is sealed in the camera row only; the ONVIF row has no copy of it.
    const row = await db.get<Record<string, unknown>>('SELECT * FROM onvif_devices');
    expect(row).toMatchObject({
      camera_id: cam.id,
      endpoint: f.endpoint,
      ptz_profile: 'Profile_1',
    });
    expect(JSON.stringify(row)).not.toContain(f.pass);
    expect(await auditRows('camera.onvif_added')).toEqual([
      expect.objectContaining({ subject: cam.id }),
    ]);

    const again = await call<DiscoveredDevice[]>('onvif.discover', { target, timeoutMs: 3000 });
    expect(again[0]?.cameraId).toBe(cam.id);
    // Nothing tried to leave the machine.
    expect(guard.refused()).toBe(0);

    // Removed: the device row goes, the device is no longer marked added.
    await call('camera.remove', { id: cam.id });
    await expect.poll(() => db.all('SELECT * FROM onvif_devices')).toEqual([]);
    expect(await call('camera.clocks', {})).toEqual([]);
    const afterRemoval = await call<DiscoveredDevice[]>('onvif.discover', {
      target,
      timeoutMs: 3000,
    });
    expect(afterRemoval[0]?.cameraId).toBeNull();
  });

  it('the LAN sweep is refused on a loopback-only station, loudly', async () => {
    await expect(call('onvif.discover', { timeoutMs: 1000 })).rejects.toMatchObject({
      message: expect.stringMatching(/discovery_loopback_only|discovery_failed/),
    });
  });

  it.each<FakeAuthMode>(['digest', 'wsse'])(
    'inspect signs in with %s and reads device, clock (+2 h) and profiles',
    async (auth) => {
      const f = await startFake(auth);
      const got = await call<OnvifInspection>('onvif.inspect', {
        xaddr: f.xaddr,
        username: f.user,
        password: f.pass,
      });
      expect(got.device).toMatchObject({ manufacturer: 'FakeVision', model: 'FK-PTZ-1' });
      expect(got.profiles.map((p) => [p.token, p.codec, p.width, p.hasPtz])).toEqual([
        ['Profile_1', 'H264', 1920, true],
        ['Profile_2', 'H264', 704, true],
      ]);
      expect(got.suggested).toEqual({ main: 'Profile_1', sub: 'Profile_2' });
      expect(Math.abs((got.clock.offsetMs ?? 0) - 2 * 3600_000)).toBeLessThan(3000);
      expect(got.clock).toMatchObject({ level: 'alarm', tz: 'ICT-7', tzOk: true });
      const used = new Set(
        f
          .calls()
          .filter((c) => c.op === 'GetProfiles')
          .map((c) => c.auth),
      );
      expect([...used]).toEqual([auth]);
    },
  );

  it('a wrong password is auth_failed on the password field', async () => {
    const f = await startFake('digest');
    await expect(
      call('onvif.inspect', { xaddr: f.xaddr, username: f.user, password: 'sai-mat-khau' }),
    ).rejects.toMatchObject({ message: 'auth_failed' });
  });
});

describe('camera clocks against the fake', () => {
  it('+2 h → alarm; set from the station → the fake recorded it, offset ≤ 5 s, alarm closed, audited', async () => {
    const f = await startFake('wsse');
    const cam = await addFromFake(f);
    const before = await call<CameraClock>('camera.clockCheck', { cameraId: cam.id });
    expect(before.level).toBe('alarm');
    expect(isOpen(cam.id, 'clock')).toBe(true);

    const after = await call<CameraClock>('camera.setClock', { cameraId: cam.id });
    const sets = f.calls().filter((c) => c.op === 'SetSystemDateAndTime');
    expect(sets).toHaveLength(1);
    expect(sets[0]?.fault).toBeUndefined();
    expect(Math.abs(after.offsetMs ?? Infinity)).toBeLessThanOrEqual(5000);
    expect(after.level).toBe('ok');
    expect(isOpen(cam.id, 'clock')).toBe(false);
    expect(Math.abs(f.clock().offsetMs)).toBeLessThanOrEqual(5000);
    const audit = await auditRows('camera.clock_set');
    expect(audit).toHaveLength(1);
    const details = JSON.parse(audit[0]?.details_json ?? '{}') as Record<string, unknown>;
    expect(Math.abs(Number(details.beforeOffsetMs) - 2 * 3600_000)).toBeLessThan(3000);
    expect(Math.abs(Number(details.afterOffsetMs))).toBeLessThanOrEqual(5000);
    // WS-Security kept working after the set (the Cam was rebuilt with the new shift).
    const clocks = await call<CameraClock[]>('camera.clocks', {});
    expect(clocks.map((c) => c.level)).toEqual(['ok']);
  });

  it('recovers from a WS-Security time-check fault after the camera clock jumps', async () => {
    const f = await startFake('wsse', { clockOffsetMs: 0 });
    const cam = await addFromFake(f);
    // NTP steps the camera by an hour behind our back: the client's shift is stale.
    f.setClockOffset(3600_000);
    const client = await services.onvif.clientFor(cam.id);
    const info = await client?.deviceInfo();
    expect(info?.model).toBe('FK-PTZ-1');
    expect(f.rejections().map((r) => r.reason)).toContain('time_check');
    expect(client?.wsSecurity).toBe(true);
  });

  it('8 s off → a warning only, no alarm', async () => {
    const f = await startFake('digest', { clockOffsetMs: 8000 });
    const cam = await addFromFake(f);
    const c = await call<CameraClock>('camera.clockCheck', { cameraId: cam.id });
    expect(c.level).toBe('warning');
    expect(Math.abs((c.offsetMs ?? 0) - 8000)).toBeLessThan(2000);
    expect(alarmCalls.filter((a) => a.startsWith('open'))).toEqual([]);
  });

  it('TZ GMT0 with an exact clock → the time-zone alarm; setting the clock fixes the zone', async () => {
    const f = await startFake('both', { clockOffsetMs: 0, tz: 'GMT0' });
    const cam = await addFromFake(f);
    const c = await call<CameraClock>('camera.clockCheck', { cameraId: cam.id });
    expect(c).toMatchObject({ level: 'alarm', tz: 'GMT0', tzOk: false });
    expect(isOpen(cam.id, 'timezone')).toBe(true);
    expect(isOpen(cam.id, 'clock')).toBe(false);
    const after = await call<CameraClock>('camera.setClock', { cameraId: cam.id });
    expect(after).toMatchObject({ tz: 'ICT-7', tzOk: true, level: 'ok' });
    expect(isOpen(cam.id, 'timezone')).toBe(false);
  });

  it('a camera on NTP is switched to manual only when asked', async () => {
    const f = await startFake('both');
    const cam = await addFromFake(f);
    f.setNtp(true);
    await expect(call('camera.setClock', { cameraId: cam.id })).rejects.toMatchObject({
      message: 'camera_on_ntp',
    });
    expect(f.calls().some((c) => c.op === 'SetSystemDateAndTime')).toBe(false);
    const after = await call<CameraClock>('camera.setClock', {
      cameraId: cam.id,
      switchFromNtp: true,
    });
    expect(after).toMatchObject({ ntp: false, level: 'ok' });
  });
});
