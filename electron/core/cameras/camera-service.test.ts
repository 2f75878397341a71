import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../contract/errors';
import {
  CameraInput,
  CameraUpdate,
  ProbeRequest,
  RecorderInput,
  type Camera,
} from '../../contract/schemas';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { KeyFileSecretBox } from '../secrets/key-file-secret-box';
import { SettingsService } from '../settings/settings-service';
import type { StreamInput } from '../streams/types';
import { CameraService } from './camera-service';

const PASSWORD = 'Tr@cBan#2026';

let dir: string;
let db: Database;
let cameras: CameraService;
let changes: Camera[][];
let removed: string[][];
let probed: StreamInput[];

async function build(): Promise<CameraService> {
  const settings = new SettingsService({ db, emit: () => undefined });
  return new CameraService({
    db,
    secrets: KeyFileSecretBox.forDataDir(dir),
    settings,
    // Records what would be probed; the real probe runs in station-core.test.ts against the rig.
    probe: async ({ input }) => {
      probed.push(input);
      return {
        ok: false,
        errorKind: 'auth',
        detail: `401 Unauthorized for ${input.kind === 'rtsp' ? input.url : ''}`,
      };
    },
    emit: (_e, payload) => changes.push(payload.cameras),
    onRemoved: (ids) => {
      removed.push(ids);
    },
  });
}

/** Every file of the data dir (db + WAL + key), as bytes. */
function dataDirBytes(): Buffer {
  return Buffer.concat(readdirSync(dir).map((f) => readFileSync(join(dir, f))));
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-cam-'));
  db = await openStationDb(dir);
  changes = [];
  removed = [];
  probed = [];
  cameras = await build();
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('CameraService', () => {
  it('adds a camera, splitting credentials out of a pasted URL and encrypting the password', async () => {
    const cam = await cameras.add(
      CameraInput.parse({
        name: 'Cổng trụ sở',
        location: 'Số 1 Lê Lợi',
        group: 'Trụ sở',
        mainUrl: `rtsp://admin:${encodeURIComponent(PASSWORD)}@10.0.0.5:554/Streaming/Channels/101`,
      }),
    );
    expect(cam).toMatchObject({
      name: 'Cổng trụ sở',
      source: 'rtsp',
      mainUrl: 'rtsp://10.0.0.5:554/Streaming/Channels/101',
      subUrl: null,
      username: 'admin',
      hasPassword: true,
      enabled: true,
    });
    expect(JSON.stringify(await cameras.list())).not.toContain(PASSWORD);
    expect(JSON.stringify(changes)).not.toContain(PASSWORD);
    // At rest: neither the plain nor the URL-encoded password is anywhere in the files.
    const bytes = dataDirBytes();
    expect(bytes.includes(Buffer.from(PASSWORD))).toBe(false);
    expect(bytes.includes(Buffer.from(encodeURIComponent(PASSWORD)))).toBe(false);
    // …but ffmpeg gets it back, percent-encoded.
    const input = await cameras.resolveInput(cam.id, 'sub');
    expect(input).toEqual({
      kind: 'rtsp',
      url: `rtsp://admin:${encodeURIComponent(PASSWORD)}@10.0.0.5:554/Streaming/Channels/101`,
      safeLabel: 'rtsp://10.0.0.5:554/Streaming/Channels/101',
    });
  });

  it('typed fields win over credentials in the URL; a URL that is invalid once split is refused', async () => {
    const cam = await cameras.add(
      CameraInput.parse({
        name: 'A',
        mainUrl: 'rtsp://x:y@h/main',
        subUrl: 'rtsp://h/sub',
        username: 'op',
        password: 'pw',
      }),
    );
    expect(await cameras.resolveInput(cam.id, 'sub')).toMatchObject({ url: 'rtsp://op:pw@h/sub' });
    await expect(
      cameras.add(CameraInput.parse({ name: 'B', mainUrl: 'rtsp://u:p@' + '/x' })),
    ).rejects.toThrow();
  });

  it('expands a Hikvision recorder into one camera per channel', async () => {
    const list = await cameras.addRecorder(
      RecorderInput.parse({
        vendor: 'hikvision',
        host: '10.0.0.9',
        username: 'admin',
        password: PASSWORD,
        channels: 4,
        name: 'Đầu ghi TDP 2',
        group: 'TDP 2',
      }),
    );
    expect(list.map((c) => [c.name, c.channel, c.mainUrl, c.subUrl])).toEqual([
      [
        'Đầu ghi TDP 2 - Kênh 1',
        1,
        'rtsp://10.0.0.9:554/Streaming/Channels/101',
        'rtsp://10.0.0.9:554/Streaming/Channels/102',
      ],
      [
        'Đầu ghi TDP 2 - Kênh 2',
        2,
        'rtsp://10.0.0.9:554/Streaming/Channels/201',
        'rtsp://10.0.0.9:554/Streaming/Channels/202',
      ],
      [
        'Đầu ghi TDP 2 - Kênh 3',
        3,
        'rtsp://10.0.0.9:554/Streaming/Channels/301',
        'rtsp://10.0.0.9:554/Streaming/Channels/302',
      ],
      [
        'Đầu ghi TDP 2 - Kênh 4',
        4,
        'rtsp://10.0.0.9:554/Streaming/Channels/401',
        'rtsp://10.0.0.9:554/Streaming/Channels/402',
      ],
    ]);
    expect(new Set(list.map((c) => c.recorderId)).size).toBe(1);
    // A long recorder name is shortened so the channel name still fits a camera name (80).
    const long = await cameras.addRecorder(
      RecorderInput.parse({ vendor: 'dahua', host: '10.0.0.8', channels: 1, name: 'Đ'.repeat(80) }),
    );
    expect(long[0]!.name).toBe(`${'Đ'.repeat(71)} - Kênh 1`);
    expect(list.every((c) => c.hasPassword && c.group === 'TDP 2')).toBe(true);
    expect(await cameras.resolveInput(list[1]!.id, 'sub')).toMatchObject({
      url: `rtsp://admin:${encodeURIComponent(PASSWORD)}@10.0.0.9:554/Streaming/Channels/202`,
    });
    expect(dataDirBytes().includes(Buffer.from(PASSWORD))).toBe(false);
  });

  it('expands a Dahua/KBVision recorder and a generic one with its own pattern', async () => {
    const dahua = await cameras.addRecorder(
      RecorderInput.parse({
        vendor: 'dahua',
        host: 'kbvision.local',
        port: 5554,
        channels: 2,
        name: 'KBVision',
      }),
    );
    expect(dahua.map((c) => [c.mainUrl, c.subUrl, c.hasPassword])).toEqual([
      [
        'rtsp://kbvision.local:5554/cam/realmonitor?channel=1&subtype=0',
        'rtsp://kbvision.local:5554/cam/realmonitor?channel=1&subtype=1',
        false,
      ],
      [
        'rtsp://kbvision.local:5554/cam/realmonitor?channel=2&subtype=0',
        'rtsp://kbvision.local:5554/cam/realmonitor?channel=2&subtype=1',
        false,
      ],
    ]);
    const generic = await cameras.addRecorder(
      RecorderInput.parse({
        vendor: 'generic',
        host: 'h',
        channels: 1,
        name: 'G',
        mainPath: '/live/{ch}/0',
        subPath: null,
      }),
    );
    expect(generic[0]).toMatchObject({ mainUrl: 'rtsp://h:554/live/1/0', subUrl: null });
    expect(await cameras.list()).toHaveLength(3);
  });

  it('update: password undefined keeps, string replaces, null clears', async () => {
    const cam = await cameras.add(
      CameraInput.parse({ name: 'A', mainUrl: 'rtsp://h/x', username: 'u', password: 'one' }),
    );
    await cameras.update(CameraUpdate.parse({ id: cam.id, name: 'A2', location: 'Ngõ 5' }));
    expect(await cameras.resolveInput(cam.id, 'main')).toMatchObject({ url: 'rtsp://u:one@h/x' });
    await cameras.update(CameraUpdate.parse({ id: cam.id, password: 'two' }));
    expect(await cameras.resolveInput(cam.id, 'main')).toMatchObject({ url: 'rtsp://u:two@h/x' });
    const cleared = await cameras.update(CameraUpdate.parse({ id: cam.id, password: null }));
    expect(cleared).toMatchObject({ name: 'A2', location: 'Ngõ 5', hasPassword: false });
    expect(await cameras.resolveInput(cam.id, 'main')).toMatchObject({ url: 'rtsp://u@h/x' });
    await expect(
      cameras.update(CameraUpdate.parse({ id: 'nope', name: 'x' })),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('remove deletes the camera and tells the layouts', async () => {
    const cam = await cameras.add(CameraInput.parse({ name: 'A', mainUrl: 'rtsp://h/x' }));
    expect(await cameras.exists(cam.id)).toBe(true);
    await cameras.remove(cam.id);
    expect(await cameras.exists(cam.id)).toBe(false);
    expect(await cameras.list()).toEqual([]);
    expect(removed).toContainEqual([cam.id]);
    const err = await cameras.remove(cam.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('not_found');
  });

  it('names the registered cameras asked for in one read, inside a transaction too', async () => {
    const gate = await cameras.add(
      CameraInput.parse({ name: 'Cổng trụ sở', mainUrl: 'rtsp://h/1' }),
    );
    const road = await cameras.add(
      CameraInput.parse({ name: 'Ngã tư Lê Lợi', mainUrl: 'rtsp://h/2' }),
    );
    const expected = new Map([
      [gate.id, { name: 'Cổng trụ sở', location: '' }],
      [road.id, { name: 'Ngã tư Lê Lợi', location: '' }],
    ]);
    expect(await cameras.namesOf([road.id, 'removed', gate.id, road.id])).toEqual(expected);
    expect(await db.transaction((tx) => cameras.namesOf([gate.id, road.id], tx))).toEqual(expected);
    await cameras.remove(road.id);
    expect(await cameras.namesOf([gate.id, road.id])).toEqual(
      new Map([[gate.id, { name: 'Cổng trụ sở', location: '' }]]),
    );
    // Footage and gaps outlive the camera: they are still named by its last name.
    expect(
      await db.transaction((tx) => cameras.lastKnownNames([gate.id, road.id, 'never'], tx)),
    ).toEqual(expected);
    expect(await cameras.lastKnownNames([])).toEqual(new Map());
  });

  it('creates the demo station once, and removes it for good when a real camera is added', async () => {
    expect(await cameras.ensureDemoCameras()).toBe(true);
    const demo = await cameras.list();
    expect(demo).toHaveLength(9);
    expect(demo.every((c) => c.source === 'demo' && c.mainUrl.startsWith('demo://'))).toBe(true);
    expect(demo.map((c) => c.location)).toContain('Ngã tư Lê Lợi – Trần Hưng Đạo');
    expect(await cameras.resolveInput('demo-3', 'sub')).toEqual({
      kind: 'demo',
      index: 3,
      title: demo[2]!.name,
      safeLabel: 'demo://3',
    });
    expect(await cameras.ensureDemoCameras()).toBe(false);
    await expect(
      cameras.update(CameraUpdate.parse({ id: 'demo-1', mainUrl: 'rtsp://h/x' })),
    ).rejects.toMatchObject({
      code: 'invalid_request',
    });

    const real = await cameras.add(CameraInput.parse({ name: 'Thật', mainUrl: 'rtsp://h/x' }));
    expect((await cameras.list()).map((c) => c.id)).toEqual([real.id]);
    expect(removed.flat()).toHaveLength(9);
    expect(await cameras.hasDemoCameras()).toBe(false);
    expect((await cameras.lastKnownNames(['demo-3'])).get('demo-3')?.name).toBe(demo[2]!.name);
    // Even with every real camera removed, and after a restart, the demo stays gone.
    await cameras.remove(real.id);
    cameras = await build();
    expect(await cameras.ensureDemoCameras()).toBe(false);
    expect(await cameras.list()).toEqual([]);
  });

  it('probe builds the input from an unsaved URL and scrubs the password from the answer', async () => {
    const result = await cameras.probe(
      ProbeRequest.parse({
        url: `rtsp://admin:${encodeURIComponent(PASSWORD)}@10.0.0.7/live`,
        username: null,
        password: null,
      }),
    );
    expect(probed[0]).toEqual({
      kind: 'rtsp',
      url: `rtsp://admin:${encodeURIComponent(PASSWORD)}@10.0.0.7/live`,
      safeLabel: 'rtsp://10.0.0.7/live',
    });
    expect(result).toMatchObject({ ok: false, errorKind: 'auth' });
    expect(JSON.stringify(result)).not.toContain(PASSWORD);
    expect(JSON.stringify(result)).not.toContain(encodeURIComponent(PASSWORD));
    await expect(cameras.probe(ProbeRequest.parse({ cameraId: 'missing' }))).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('namesOf gives the name and location of the registered cameras asked for, and leaves out unknown ids', async () => {
    const gate = await cameras.add(
      CameraInput.parse({
        name: 'Cổng trụ sở',
        location: 'Số 1 Lê Lợi',
        mainUrl: 'rtsp://10.0.0.5/1',
      }),
    );
    const market = await cameras.add(
      CameraInput.parse({
        name: 'Ngã tư chợ',
        location: 'Chợ phường',
        mainUrl: 'rtsp://10.0.0.6/1',
      }),
    );
    await cameras.add(CameraInput.parse({ name: 'Bãi xe', mainUrl: 'rtsp://10.0.0.7/1' }));

    const names = await cameras.namesOf([market.id, 'removed-camera', gate.id]);

    expect(names).toEqual(
      new Map([
        [market.id, { name: 'Ngã tư chợ', location: 'Chợ phường' }],
        [gate.id, { name: 'Cổng trụ sở', location: 'Số 1 Lê Lợi' }],
      ]),
    );
    expect(await cameras.namesOf([])).toEqual(new Map());
  });
});
