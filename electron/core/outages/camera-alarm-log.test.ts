import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CameraAlarmEntry } from '../../contract/camera-alarms';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { CameraAlarmLog } from './camera-alarm-log';

let dir: string;
let db: Database;
let clock: number;
const cameraExists = async (id: string) =>
  (await db.get('SELECT 1 FROM cameras WHERE id = ?', [id])) !== undefined;
const make = (changes: CameraAlarmEntry[] = []) =>
  new CameraAlarmLog({ db, cameraExists, now: () => clock, onChange: (a) => changes.push(a) });
const officer = { id: 'off-1', name: 'Nguyễn Văn An' };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-alarms-'));
  db = await openStationDb(dir);
  for (const id of ['cam-1', 'cam-2'])
    await db.run(
      "INSERT INTO cameras (id, name, source, main_url, created_at) VALUES (?, 'Cổng', 'rtsp', 'rtsp://h/x', 0)",
      [id],
    );
  clock = 10_000;
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('CameraAlarmLog', () => {
  it('keeps one open alarm per camera and kind, and closes it', async () => {
    const changes: CameraAlarmEntry[] = [];
    const log = make(changes);
    await log.start();
    await Promise.all([
      log.open('cam-1', 'black', 'detector', { dark: 0.98 }),
      log.open('cam-1', 'black', 'detector', { dark: 0.99 }),
      log.open('cam-1', 'frozen', 'detector', {}),
      log.open('cam-2', 'black', 'camera', {}),
    ]);
    const open = await log.openAlarms();
    expect(open.map((a) => [a.cameraId, a.kind, a.source])).toEqual([
      ['cam-1', 'black', 'detector'],
      ['cam-1', 'frozen', 'detector'],
      ['cam-2', 'black', 'camera'],
    ]);
    expect(open[0]!.detail).toEqual({ dark: 0.98 });
    clock = 15_000;
    await log.close('cam-1', 'black');
    await log.close('cam-1', 'black');
    expect((await log.openAlarms()).map((a) => a.kind)).toEqual(['frozen', 'black']);
    const closed = (await log.list({ cameraId: 'cam-1', limit: 10 })).find(
      (a) => a.kind === 'black',
    );
    expect(closed).toMatchObject({ startedAt: 10_000, endedAt: 15_000 });
    expect(changes.map((c) => [c.kind, c.endedAt])).toEqual([
      ['black', null],
      ['frozen', null],
      ['black', null],
      ['black', 15_000],
    ]);
    // A second alarm of the same kind is a new row.
    await log.open('cam-1', 'black', 'detector', {});
    expect((await log.list({ cameraId: 'cam-1', limit: 10 })).length).toBe(3);
  });

  it('acknowledges once; the next alarm of the camera rings again', async () => {
    const changes: CameraAlarmEntry[] = [];
    const log = make(changes);
    await log.start();
    await log.open('cam-1', 'scene', 'detector', {});
    const [alarm] = await log.openAlarms();
    clock = 12_000;
    const first = await log.acknowledge(alarm!.id, officer);
    expect(first.fresh).toBe(true);
    expect(first.alarm?.acknowledged).toEqual({
      at: 12_000,
      officerId: 'off-1',
      officerName: 'Nguyễn Văn An',
    });
    const again = await log.acknowledge(alarm!.id, { id: 'off-2', name: 'Khác' });
    expect(again.fresh).toBe(false);
    expect(again.alarm?.acknowledged?.officerId).toBe('off-1');
    expect((await log.acknowledge(999, officer)).alarm).toBeNull();
    await log.close('cam-1', 'scene');
    await log.open('cam-1', 'scene', 'detector', {});
    expect((await log.openAlarms())[0]!.acknowledged).toBeNull();
    expect(changes.filter((c) => c.acknowledged).length).toBe(2); // the ack itself, then the close
  });

  it('keeps open alarms over a restart and closes those of cameras removed meanwhile', async () => {
    const log = make();
    await log.start();
    await log.open('cam-1', 'covered', 'detector', {});
    await log.open('cam-2', 'clock', 'clock', { offsetMs: 7_200_000 });
    await log.dispose();
    await db.run("DELETE FROM cameras WHERE id = 'cam-2'");

    clock = 50_000;
    const next = make();
    await next.start();
    expect(next.openKinds('cam-1')).toEqual(['covered']);
    // The resumed alarm is the same row: reporting it again opens nothing new.
    await next.open('cam-1', 'covered', 'detector', {});
    const open = await next.openAlarms();
    expect(open.map((a) => [a.cameraId, a.kind, a.startedAt])).toEqual([
      ['cam-1', 'covered', 10_000],
    ]);
    const gone = await next.list({ cameraId: 'cam-2', limit: 5 });
    expect(gone[0]).toMatchObject({ kind: 'clock', endedAt: 50_000 });
    await next.close('cam-1', 'covered');
    expect(await next.openAlarms()).toEqual([]);
  });

  it("closes a removed camera's alarms, and opens none for a camera that is gone", async () => {
    const log = make();
    await log.start();
    await log.open('cam-1', 'black', 'detector', {});
    await log.open('cam-1', 'timezone', 'clock', {});
    clock = 20_000;
    await log.closeForRemoved(['cam-1']);
    expect(await log.openAlarms()).toEqual([]);
    expect(log.openKinds('cam-1')).toEqual([]);
    await log.open('cam-9', 'black', 'detector', {});
    expect(await log.openAlarms()).toEqual([]);
  });

  it('reads the alarms overlapping a span, open ones included', async () => {
    const log = make();
    await log.start();
    clock = 1_000;
    await log.open('cam-1', 'black', 'detector', {});
    clock = 2_000;
    await log.close('cam-1', 'black');
    clock = 5_000;
    await log.open('cam-2', 'frozen', 'detector', {});
    expect((await log.overlapping(0, 1_500, 10)).map((a) => a.kind)).toEqual(['black']);
    expect((await log.overlapping(3_000, 9_000, 10)).map((a) => a.kind)).toEqual(['frozen']);
    expect((await log.list({ fromMs: 2_500, limit: 10 })).map((a) => a.kind)).toEqual(['frozen']);
  });
});
