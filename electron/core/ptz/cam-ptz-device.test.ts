// The Cam adapter and the PTZ service against the fake ONVIF dome (real onvif@0.8.3
// SOAP over HTTP on 127.0.0.1): the calls reach the camera with the right arguments.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOnvif, type FakeOnvif } from '../../../e2e/rig/onvif/fake-onvif-device';
import type { AuditInput } from '../audit/audit-log';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { openCamPtzDevice } from './cam-ptz-device';
import type { PtzDevice } from './ptz-device';
import { PtzDevices } from './ptz-devices';
import { PtzService } from './ptz-service';

let fake: FakeOnvif;
let device: PtzDevice;

const ptzCalls = () =>
  fake
    .calls()
    .filter((c) => c.service === 'ptz' && c.op !== 'GetPresets')
    .map((c) => ({ op: c.op, profile: c.profile, args: c.args, fault: c.fault }));

beforeEach(async () => {
  fake = await startFakeOnvif({
    mainUrl: 'rtsp://127.0.0.1:8554/cam1',
    subUrl: 'rtsp://127.0.0.1:8554/cam1_sub',
  });
  const opened = await openCamPtzDevice({
    xaddr: fake.xaddr,
    username: fake.user,
    password: fake.pass,
  });
  if (!opened) throw new Error('the fake dome has a PTZ profile');
  device = opened;
});
afterEach(async () => {
  await fake.close();
});

describe('Cam PTZ device against the fake dome', () => {
  it('moves with a Timeout and stops, on the PTZ profile', async () => {
    expect([device.panTilt, device.zoom]).toEqual([true, true]);
    await device.continuousMove({ pan: -0.5, tilt: 0.25, zoom: 0 }, 1000);
    await device.continuousMove({ pan: 0, tilt: 0, zoom: 0.5 }, 1000);
    await device.stop();
    const [left, zoom, stop] = ptzCalls();
    expect(left).toMatchObject({ op: 'ContinuousMove', profile: 'Profile_1' });
    expect(left?.args).toMatchObject({ timeout: 'PT1S' });
    expect(JSON.stringify(left?.args)).toMatch(/-0\.5/);
    expect(zoom?.op).toBe('ContinuousMove');
    expect(JSON.stringify(zoom?.args)).toMatch(/0\.5/);
    expect(stop).toMatchObject({ op: 'Stop', args: { panTilt: 'true', zoom: 'true' } });
  });

  it('saves a preset whose name would break the XML, goes to it and removes it', async () => {
    const name = 'Ngã tư <Phố> & "Huế"';
    const token = await device.setPreset(null, name);
    expect(fake.presets().find((p) => p.token === token)?.name).toBe(name);
    expect(await device.getPresets()).toContainEqual({ token, name });
    await device.gotoPreset(token);
    await device.removePreset(token);
    expect(ptzCalls()).toEqual([
      {
        op: 'SetPreset',
        profile: 'Profile_1',
        args: { name, token, requestedToken: null },
        fault: undefined,
      },
      { op: 'GotoPreset', profile: 'Profile_1', args: { preset: token }, fault: undefined },
      { op: 'RemovePreset', profile: 'Profile_1', args: { preset: token }, fault: undefined },
    ]);
    expect(fake.presets().map((p) => p.token)).not.toContain(token);
  });

  it('renames an existing preset in place', async () => {
    expect(await device.setPreset('2', 'Bãi xe mới')).toBe('2');
    expect(fake.presets()).toContainEqual({ token: '2', name: 'Bãi xe mới' });
  });
});

describe('PtzService over the fake dome', () => {
  let dir: string;
  let db: Database;
  let audits: AuditInput[];
  let service: PtzService;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'station-ptz-int-'));
    db = await openStationDb(dir);
    await db.run(
      "INSERT INTO cameras (id, name, source, main_url, created_at) VALUES ('dome', 'Ngã tư', 'rtsp', 'rtsp://h/x', 0)",
    );
    audits = [];
    service = new PtzService({
      db,
      devices: async () => device,
      audit: {
        append: async (input: AuditInput) => {
          audits.push(input);
        },
      },
    });
  });
  afterEach(async () => {
    await service.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops the dome by itself 700 ms after the last move', async () => {
    const t0 = Date.now();
    await service.move('dome', { pan: -1, tilt: 0, zoom: 0 });
    // Bounded wait: the Stop is due at 700 ms; 5 s covers a loaded 2-core machine.
    for (let i = 0; i < 100 && !ptzCalls().some((c) => c.op === 'Stop'); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const calls = fake.calls().filter((c) => c.service === 'ptz');
    const move = calls.find((c) => c.op === 'ContinuousMove');
    const stop = calls.find((c) => c.op === 'Stop');
    expect(move && stop).toBeTruthy();
    expect(stop!.at - move!.at).toBeGreaterThanOrEqual(650);
    expect(stop!.at - t0).toBeLessThan(5000);
  });

  it('keeps the typed name over what the camera reports, and audits it', async () => {
    const saved = await service.setPreset('dome', null, 'Ngã tư Phố Huế', {
      officerId: 'o-1',
      fullName: 'Trần Thị Bình',
    });
    expect(fake.presets()).toContainEqual({ token: saved.token, name: 'Ngã tư Phố Huế' });
    expect((await service.info('dome')).presets).toContainEqual(saved);
    expect(audits.map((a) => a.action)).toEqual(['ptz.preset_saved']);
  });

  it('reconnects when the camera refuses a stale clock after its clock was set', async () => {
    const devices = new PtzDevices(() =>
      openCamPtzDevice({ xaddr: fake.xaddr, username: fake.user, password: fake.pass }),
    );
    const reconnecting = new PtzService({
      db,
      devices: devices.lookup,
      onDeviceFailed: (id) => devices.forget(id),
      audit: { append: async () => undefined },
    });
    await reconnecting.gotoPreset('dome', '1');
    // The station set the camera's clock: +2 h → right. The open connection still signs +2 h ahead.
    fake.setClockOffset(0);
    const before = Date.now();
    await reconnecting.gotoPreset('dome', '2');
    expect(fake.rejections().filter((r) => r.at >= before && r.op === 'GotoPreset')).toMatchObject([
      { reason: 'time_check' },
    ]);
    expect(
      ptzCalls()
        .filter((c) => c.op === 'GotoPreset')
        .map((c) => c.args),
    ).toEqual([{ preset: '1' }, { preset: '2' }]);
    await reconnecting.close();
  });
});
