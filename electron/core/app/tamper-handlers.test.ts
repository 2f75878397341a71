// The picture-alarm channels through the contract: open alarms and their
// acknowledgement (audited once), the log, and the detector's settings (audited with
// what changed) and reference retake.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../contract/audit-schemas';
import type { CameraAlarmEntry } from '../../contract/camera-alarms';
import type { TamperSettings } from '../../contract/tamper';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { dispatch, type CallContext } from './dispatch';
import { buildTestServices, signInCommander, type TestServices } from './testing/test-services';

let dir: string;
let db: Database;
let graph: TestServices;
let commander: CallContext;
let cameraId: string;
const events: [string, unknown][] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-tamper-handlers-'));
  db = await openStationDb(dir);
  events.length = 0;
  graph = await buildTestServices({ db, dir, emit: (e, p) => events.push([e, p]) });
  commander = await signInCommander(graph.endpoint);
  const cam = (await dispatch(
    graph.endpoint,
    'camera.add',
    { name: 'Cổng trước', mainUrl: 'rtsp://127.0.0.1:9/main', subUrl: 'rtsp://127.0.0.1:9/sub' },
    commander,
  )) as { id: string };
  cameraId = cam.id;
});
afterEach(async () => {
  await graph.settle();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = (channel: string, req: unknown = {}) =>
  dispatch(graph.endpoint, channel as never, req as never, commander);

async function audits(prefix: string): Promise<AuditEntry[]> {
  const page = (await call('audit.list')) as { items: AuditEntry[] };
  return page.items.filter((e) => e.action.startsWith(prefix));
}

describe('alarm channels', () => {
  it('lists open alarms, acknowledges once with an audit entry, and keeps the log', async () => {
    await graph.cameraAlarms.start();
    await graph.cameraAlarms.open(cameraId, 'covered', 'detector', { edgeEnergy: 1.2 });
    const [open] = (await call('alarm.open')) as CameraAlarmEntry[];
    expect(open).toMatchObject({
      cameraId,
      kind: 'covered',
      source: 'detector',
      acknowledged: null,
    });
    expect(
      events.some(([e, p]) => e === 'alarm.changed' && (p as CameraAlarmEntry).id === open!.id),
    ).toBe(true);

    const acked = (await call('alarm.acknowledge', { id: open!.id })) as CameraAlarmEntry;
    expect(acked.acknowledged?.officerName).toBe('Nguyễn Văn Quản');
    await call('alarm.acknowledge', { id: open!.id });
    const entries = await audits('alarm.');
    expect(entries.map((e) => [e.action, e.subject, e.details])).toEqual([
      ['alarm.acknowledged', cameraId, { camera: 'Cổng trước', kind: 'covered' }],
    ]);
    await expect(call('alarm.acknowledge', { id: 999 })).rejects.toMatchObject({
      code: 'not_found',
    });

    await graph.cameraAlarms.close(cameraId, 'covered');
    expect(await call('alarm.open')).toEqual([]);
    const log = (await call('camera.alarms', { cameraId })) as CameraAlarmEntry[];
    expect(log).toHaveLength(1);
    expect(log[0]!.endedAt).not.toBeNull();
  });

  it("closes a removed camera's alarms", async () => {
    await graph.cameraAlarms.start();
    await graph.cameraAlarms.open(cameraId, 'black', 'detector', {});
    await call('camera.remove', { id: cameraId });
    expect(await call('alarm.open')).toEqual([]);
  });
});

describe('tamper channels', () => {
  it('reads defaults, saves settings with an audit of what changed', async () => {
    const settings = (await call('tamper.settings', { cameraId })) as TamperSettings;
    expect(settings).toMatchObject({
      cameraId,
      enabled: true,
      black: { threshold: 0.95, holdSeconds: 3 },
    });
    const changed = {
      ...settings,
      frozen: { ...settings.frozen, enabled: false },
      scene: { ...settings.scene, holdSeconds: 8 },
    };
    expect(await call('tamper.updateSettings', changed)).toEqual(changed);
    expect(await call('tamper.settings', { cameraId })).toEqual(changed);
    const [entry] = await audits('tamper.');
    expect(entry).toMatchObject({
      action: 'tamper.settings_changed',
      subject: cameraId,
      details: { camera: 'Cổng trước', 'frozen.enabled': false, 'scene.holdSeconds': 8 },
    });
    await expect(call('tamper.settings', { cameraId: 'nope' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('reports a camera not being watched, and refuses a retake without a picture', async () => {
    const states = (await call('tamper.states')) as { cameraId: string; running: boolean }[];
    expect(states).toEqual([expect.objectContaining({ cameraId, running: false, references: [] })]);
    await expect(call('tamper.retakeReference', { cameraId })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await audits('tamper.')).toEqual([]);
  });
});
