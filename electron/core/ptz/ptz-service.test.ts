import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../contract/errors';
import type { AuditInput } from '../audit/audit-log';
import type { Database, Queryable } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import type { DevicePreset, PtzDevice, PtzVelocity } from './ptz-device';
import { PtzService } from './ptz-service';

type Op = { op: string; args: unknown[] };

/** A dome that records its calls and mangles UTF-8 names the way cheap firmwares do. */
class RecordingDome implements PtzDevice {
  readonly panTilt = true;
  readonly zoom = true;
  ops: Op[] = [];
  presets: DevicePreset[] = [{ token: '1', name: 'Home' }];
  private next = 2;
  async continuousMove(v: PtzVelocity, timeoutMs: number) {
    this.ops.push({ op: 'move', args: [v, timeoutMs] });
  }
  async stop() {
    this.ops.push({ op: 'stop', args: [] });
  }
  async getPresets() {
    return this.presets;
  }
  async gotoPreset(token: string) {
    this.ops.push({ op: 'goto', args: [token] });
  }
  async setPreset(token: string | null, name: string) {
    this.ops.push({ op: 'set', args: [token, name] });
    const t = token ?? String(this.next++);
    this.presets = [
      ...this.presets.filter((p) => p.token !== t),
      { token: t, name: name.replace(/[^\x20-\x7e]/g, '?') },
    ];
    return t;
  }
  async removePreset(token: string) {
    this.ops.push({ op: 'remove', args: [token] });
    this.presets = this.presets.filter((p) => p.token !== token);
  }
}

let dir: string;
let db: Database;
let dome: RecordingDome;
let audits: { input: AuditInput; inTx: boolean }[];
let service: PtzService;
let steered: string[];
const officer = { officerId: 'o-1', fullName: 'Nguyễn Văn An' };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-ptz-'));
  db = await openStationDb(dir);
  await db.run(
    "INSERT INTO cameras (id, name, source, main_url, created_at) VALUES ('dome', 'Ngã tư', 'rtsp', 'rtsp://h/x', 0)",
  );
  dome = new RecordingDome();
  audits = [];
  steered = [];
  service = new PtzService({
    db,
    devices: async (id) => (id === 'dome' ? dome : null),
    onSteered: (id) => steered.push(id),
    audit: {
      append: async (input: AuditInput, tx?: Queryable) => {
        audits.push({ input, inTx: tx !== undefined });
      },
    },
  });
});
afterEach(async () => {
  await service.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('PtzService', () => {
  it('says a camera without PTZ has none, and refuses to move it', async () => {
    expect(await service.info('fixed')).toEqual({
      cameraId: 'fixed',
      panTilt: false,
      zoom: false,
      presets: [],
    });
    await expect(service.move('fixed', { pan: 1, tilt: 0, zoom: 0 })).rejects.toMatchObject({
      code: 'not_found',
      message: 'no_ptz',
    });
    expect(steered).toEqual([]);
  });

  it('tells when a dome was steered (moved or sent to a preset): its view changes on purpose', async () => {
    await service.move('dome', { pan: 0.3, tilt: 0, zoom: 0 });
    await service.stop('dome');
    expect(steered).toEqual(['dome']);
    await service.gotoPreset('dome', '1');
    expect(steered).toEqual(['dome', 'dome']);
  });

  it('sends ContinuousMove with a 1 s timeout, and a zero move is a Stop', async () => {
    await service.move('dome', { pan: -0.5, tilt: 0, zoom: 0 });
    await service.move('dome', { pan: 0, tilt: 0, zoom: 0 });
    expect(dome.ops).toEqual([
      { op: 'move', args: [{ pan: -0.5, tilt: 0, zoom: 0 }, 1000] },
      { op: 'stop', args: [] },
    ]);
  });

  it('saves a preset under the name as typed, shows it over the mangled one, audits it', async () => {
    const saved = await service.setPreset('dome', null, '  Ngã tư Phố Huế  ', officer);
    expect(saved).toEqual({ token: '2', name: 'Ngã tư Phố Huế' });
    expect(dome.ops).toEqual([{ op: 'set', args: [null, 'Ngã tư Phố Huế'] }]);
    expect(dome.presets[1]?.name).toBe('Ng? t? Ph? Hu?');
    expect((await service.info('dome')).presets).toEqual([
      { token: '1', name: 'Home' },
      { token: '2', name: 'Ngã tư Phố Huế' },
    ]);
    expect(audits).toEqual([
      {
        input: {
          action: 'ptz.preset_saved',
          actor: officer,
          subject: 'dome',
          details: { token: '2', name: 'Ngã tư Phố Huế', replaced: false },
        },
        inTx: true,
      },
    ]);
  });

  it("forgets a removed camera's preset names", async () => {
    await service.setPreset('dome', null, 'Cổng chợ', officer);
    expect(await db.all('SELECT token, name, updated_by FROM ptz_presets')).toEqual([
      { token: '2', name: 'Cổng chợ', updated_by: 'o-1' },
    ]);
    await db.run("DELETE FROM cameras WHERE id = 'dome'");
    expect(await db.all('SELECT * FROM ptz_presets')).toEqual([]);
  });

  it('cuts names to 32 characters and refuses an empty one', async () => {
    const long = 'Đường Nguyễn Trãi hướng về Ngã Tư Sở';
    const saved = await service.setPreset('dome', '1', long, officer);
    expect(saved.name).toBe(Array.from(long).slice(0, 32).join(''));
    await expect(service.setPreset('dome', null, ' \n ', officer)).rejects.toBeInstanceOf(ApiError);
  });

  it('refuses a token that would break the XML before calling the camera', async () => {
    await expect(service.gotoPreset('dome', '1</PresetToken><x>')).rejects.toMatchObject({
      message: 'invalid_preset_token',
    });
    await expect(service.removePreset('dome', 'a b', officer)).rejects.toMatchObject({
      message: 'invalid_preset_token',
    });
    expect(dome.ops).toEqual([]);
  });

  it('goes to a preset, and removes one with its name, audited', async () => {
    await service.setPreset('dome', null, 'Cổng chợ', officer);
    await service.gotoPreset('dome', '2');
    await service.removePreset('dome', '2', officer);
    expect(dome.ops.map((o) => [o.op, ...o.args])).toEqual([
      ['set', null, 'Cổng chợ'],
      ['goto', '2'],
      ['remove', '2'],
    ]);
    expect(audits[1]?.input).toEqual({
      action: 'ptz.preset_removed',
      actor: officer,
      subject: 'dome',
      details: { token: '2', name: 'Cổng chợ' },
    });
    expect(await db.all('SELECT * FROM ptz_presets')).toEqual([]);
  });

  it('turns a camera fault into a conflict the tile can show', async () => {
    dome.gotoPreset = async () => {
      throw new Error('SOAP fault: NoToken');
    };
    await expect(service.gotoPreset('dome', '9')).rejects.toMatchObject({
      code: 'conflict',
      message: 'ptz_camera_failed',
    });
  });
});

describe('PtzService when the camera fails', () => {
  it('drops the connection after a failed call, and a camera that cannot be opened is a conflict', async () => {
    const failed: string[] = [];
    let opens = 0;
    const flaky = new PtzService({
      db,
      devices: async () => {
        opens++;
        if (opens === 1) throw new Error('ECONNREFUSED');
        return dome;
      },
      onDeviceFailed: (id) => failed.push(id),
      audit: { append: async () => undefined },
    });
    await expect(flaky.info('dome')).rejects.toMatchObject({ code: 'conflict' });
    dome.stop = async () => {
      throw new Error('Wsse authorized time check failed.');
    };
    await expect(flaky.stop('dome')).rejects.toMatchObject({ message: 'ptz_camera_failed' });
    // The open, then the Stop and its one retry on a new connection.
    expect(failed).toEqual(['dome', 'dome', 'dome']);
    await flaky.close();
  });
});
