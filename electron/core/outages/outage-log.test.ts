import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutageAlarm } from '../../contract/outages';
import type { Outage, StreamStatus } from '../../contract/schemas';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { OutageLog } from './outage-log';

let dir: string;
let db: Database;
let clock: number;
// The camera registry as the log sees it: the cameras the test seeded.
const cameraExists = async (id: string) =>
  (await db.get('SELECT 1 FROM cameras WHERE id = ?', [id])) !== undefined;
const make = (onChange?: (alarm: OutageAlarm) => void) =>
  new OutageLog({ db, cameraExists, now: () => clock, ...(onChange ? { onChange } : {}) });

function status(
  state: StreamStatus['state'],
  since: number,
  errorKind: StreamStatus['errorKind'] = null,
): StreamStatus {
  return { cameraId: 'cam-1', stream: 'sub', state, since, errorKind, retryAt: null };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-outage-'));
  db = await openStationDb(dir);
  await db.run(
    "INSERT INTO cameras (id, name, source, main_url, created_at) VALUES ('cam-1', 'Cổng', 'rtsp', 'rtsp://h/x', 0)",
  );
  clock = 10_000;
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('OutageLog', () => {
  it('opens on live → reconnecting/offline, keeps the telling reason, closes on live', async () => {
    const log = make();
    await log.start();
    log.onStatus(status('connecting', 1000));
    log.onStatus(status('live', 2000));
    log.onStatus(status('reconnecting', 3000, 'unknown'));
    log.onStatus(status('reconnecting', 4000, 'unreachable'));
    log.onStatus(status('offline', 5000, 'unreachable'));
    await log.flush();
    expect(await log.list({ limit: 10 })).toEqual([
      {
        id: expect.any(Number),
        cameraId: 'cam-1',
        stream: 'sub',
        startedAt: 3000,
        endedAt: null,
        errorKind: 'unreachable',
      },
    ]);
    log.onStatus(status('live', 9000));
    log.onStatus(status('auth_failed', 9500, 'auth'));
    await log.flush();
    const list = await log.list({ cameraId: 'cam-1', limit: 10 });
    expect(list.map((o) => [o.startedAt, o.endedAt, o.errorKind])).toEqual([
      [9500, null, 'auth'],
      [3000, 9000, 'unreachable'],
    ]);
    expect(await log.list({ cameraId: 'other', limit: 10 })).toEqual([]);
  });

  it('goes on with an outage still down after a restart, acknowledged as it was', async () => {
    const changes: OutageAlarm[] = [];
    const first = make();
    await first.start();
    first.onStatus(status('offline', 3000, 'timeout'));
    await first.flush();
    const [outage] = await first.openAlarms();
    const officer = { id: 'off-1', name: 'Thiếu úy Lê Văn An' };
    await first.acknowledge(outage?.id ?? 0, officer);
    clock = 20_000;
    await first.dispose(); // an update or a reboot: a clean stop
    expect(await first.openAlarms()).toMatchObject([{ id: outage?.id, endedAt: null }]);

    clock = 50_000;
    const second = make((a) => changes.push(a));
    await second.start();
    // Not yet told: the outage stays open, neither closed nor doubled.
    second.onStatus(status('connecting', 50_500));
    // Its watcher's first word since start: still down (a probe's "since" is its own).
    second.onStatus(status('offline', 51_000, 'unreachable'));
    await second.flush();
    const ack = { at: 10_000, officerId: 'off-1', officerName: officer.name };
    expect(await second.openAlarms()).toEqual([
      expect.objectContaining({ id: outage?.id, startedAt: 3000, acknowledged: ack }),
    ]);
    expect(changes).toEqual([]);
    second.onStatus(status('live', 70_000));
    await second.flush();
    expect((await second.list({ limit: 5 })).map((o) => [o.id, o.startedAt, o.endedAt])).toEqual([
      [outage?.id, 3000, 70_000],
    ]);
    expect(changes).toMatchObject([{ id: outage?.id, endedAt: 70_000, acknowledged: ack }]);
  });

  it('closes at the next start an outage whose camera came back or is gone', async () => {
    await db.run(
      "INSERT INTO cameras (id, name, source, main_url, created_at) VALUES ('cam-0', 'Chợ', 'rtsp', 'rtsp://h/y', 0)",
    );
    const first = make();
    first.onStatus(status('offline', 3000, 'timeout'));
    first.onStatus({ ...status('offline', 4000, 'timeout'), cameraId: 'cam-0' });
    await first.flush(); // crash: no dispose
    await db.run("DELETE FROM cameras WHERE id = 'cam-0'");
    clock = 50_000;
    const second = make();
    await second.start();
    const spans = async () =>
      (await second.list({ limit: 5 })).map((o) => [o.cameraId, o.startedAt, o.endedAt]);
    expect(await spans()).toEqual([
      ['cam-0', 4000, 50_000],
      ['cam-1', 3000, null],
    ]);
    // Up at its first report (a while after start): closed when watching resumed.
    second.onStatus(status('live', 58_000));
    second.onStatus(status('offline', 60_000, 'timeout'));
    await second.flush();
    expect(await spans()).toEqual([
      ['cam-1', 60_000, null],
      ['cam-0', 4000, 50_000],
      ['cam-1', 3000, 50_000],
    ]);
  });

  it('keeps one open outage per camera, whichever stream its watcher reads', async () => {
    const log = make();
    log.onStatus(status('offline', 3000, 'unreachable'));
    log.onStatus({ ...status('offline', 3500, 'unreachable'), stream: 'main' });
    log.onStatus({ ...status('live', 8000), stream: 'main' });
    await log.flush();
    expect((await log.list({ limit: 5 })).map((o) => [o.startedAt, o.endedAt])).toEqual([
      [3000, 8000],
    ]);
  });

  it('ignores statuses of cameras that no longer exist', async () => {
    const log = make();
    log.onStatus({ ...status('offline', 1), cameraId: 'gone' });
    await log.flush();
    expect(await log.list({ limit: 5 })).toEqual([]);
  });

  it('keeps the outages of a removed camera for the handover, closed at the removal', async () => {
    const changes: OutageAlarm[] = [];
    const log = make((a) => changes.push(a));
    log.onStatus(status('offline', 3000, 'unreachable'));
    await log.flush();
    clock = 7000;
    await db.run("DELETE FROM cameras WHERE id = 'cam-1'");
    await log.closeForRemoved(['cam-1']);
    // Its recorder winding down afterwards opens nothing.
    log.onStatus(status('offline', 7500, 'unreachable'));
    await log.flush();
    expect(await log.overlapping(0, 10_000, 10)).toEqual([
      expect.objectContaining({ cameraId: 'cam-1', startedAt: 3000, endedAt: 7000 }),
    ]);
    expect(changes.at(-1)).toMatchObject({ cameraId: 'cam-1', endedAt: 7000 });
  });

  it('reads the outages overlapping a range by camera then start, capped, inside a transaction too', async () => {
    await db.run(
      "INSERT INTO cameras (id, name, source, main_url, created_at) VALUES ('cam-0', 'Chợ', 'rtsp', 'rtsp://h/y', 0)",
    );
    const insert = (cameraId: string, stream: string, startedAt: number, endedAt: number | null) =>
      db.run(
        'INSERT INTO camera_outages (camera_id, stream, started_at, ended_at, error_kind) VALUES (?, ?, ?, ?, NULL)',
        [cameraId, stream, startedAt, endedAt],
      );
    await insert('cam-1', 'main', 100, 199); // ends before the range
    await insert('cam-1', 'sub', 500, null); // still open
    await insert('cam-1', 'main', 150, 200); // ends at its start
    await insert('cam-0', 'main', 300, 400);
    await insert('cam-0', 'sub', 1000, 1100); // starts at its end
    await insert('cam-0', 'main', 1001, null); // starts after it
    const log = make();
    const spans = (list: Outage[]) =>
      list.map((o) => [o.cameraId, o.stream, o.startedAt, o.endedAt]);
    const expected = [
      ['cam-0', 'main', 300, 400],
      ['cam-0', 'sub', 1000, 1100],
      ['cam-1', 'main', 150, 200],
      ['cam-1', 'sub', 500, null],
    ];
    expect(spans(await log.overlapping(200, 1000, 10))).toEqual(expected);
    expect(spans(await db.transaction((tx) => log.overlapping(200, 1000, 10, tx)))).toEqual(
      expected,
    );
    expect(spans(await log.overlapping(200, 1000, 2))).toEqual(expected.slice(0, 2));
  });

  it('acknowledges one outage once, with the officer; the next outage is not acknowledged', async () => {
    const changes: OutageAlarm[] = [];
    const log = make((a) => changes.push(a));
    await log.start();
    log.onStatus(status('offline', 3000, 'unreachable'));
    await log.flush();
    const [first] = await log.openAlarms();
    expect(first).toMatchObject({ cameraId: 'cam-1', endedAt: null, acknowledged: null });
    expect(changes.map((c) => [c.id, c.endedAt, c.acknowledged])).toEqual([
      [first?.id, null, null],
    ]);

    clock = 20_000;
    const officer = { id: 'off-1', name: 'Thiếu úy Lê Văn An' };
    const acked = await log.acknowledge(first?.id ?? 0, officer);
    const ack = { at: 20_000, officerId: 'off-1', officerName: 'Thiếu úy Lê Văn An' };
    expect(acked).toMatchObject({ fresh: true, alarm: { id: first?.id, acknowledged: ack } });
    clock = 25_000;
    // A second officer (or a second click) does not replace the first acknowledgement.
    expect(await log.acknowledge(first?.id ?? 0, { id: 'off-2', name: 'B' })).toMatchObject({
      fresh: false,
      alarm: { acknowledged: ack },
    });
    expect(await log.openAlarms()).toMatchObject([{ id: first?.id, acknowledged: ack }]);
    expect(await log.acknowledge(9999, officer)).toEqual({ alarm: null, fresh: false });

    // Back, then down again: a new outage, not acknowledged, told to the listener.
    log.onStatus(status('live', 30_000));
    log.onStatus(status('offline', 40_000, 'timeout'));
    await log.flush();
    const open = await log.openAlarms();
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ startedAt: 40_000, acknowledged: null });
    expect(open[0]?.id).not.toBe(first?.id);
    expect(changes.map((c) => [c.startedAt, c.endedAt, c.acknowledged !== null])).toEqual([
      [3000, null, false],
      [3000, null, true],
      [3000, 30_000, true],
      [40_000, null, false],
    ]);
  });
});
