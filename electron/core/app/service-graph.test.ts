import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Camera } from '../../contract/schemas';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { dispatch } from './dispatch';
import { buildTestServices, signInCommander, type TestServices } from './testing/test-services';

let dir: string;
let db: Database;
let services: TestServices;
let events: string[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-graph-'));
  db = await openStationDb(dir);
  events = [];
  services = await buildTestServices({ db, dir, emit: (event) => events.push(event) });
});
afterEach(async () => {
  await services.settle();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('service graph', () => {
  it('publishes a camera update on the bus; consoles hear only contract events', async () => {
    const ctx = await signInCommander(services.endpoint);
    const cam = (await dispatch(
      services.endpoint,
      'camera.add',
      { name: 'Cổng chính', mainUrl: 'rtsp://127.0.0.1:1/main' },
      ctx,
    )) as Camera;
    const restarted: string[] = [];
    services.bus.subscribe('camera.updated', ({ cameraId }) => void restarted.push(cameraId));
    events = [];
    await dispatch(
      services.endpoint,
      'camera.update',
      { id: cam.id, mainUrl: 'rtsp://127.0.0.1:2/main' },
      ctx,
    );
    expect(restarted).toEqual([cam.id]);
    expect(events).toContain('camera.changed');
    expect(events).not.toContain('camera.updated');
  });

  it('drops an event whose payload breaks the contract before it reaches a console', () => {
    services.bus.publish('camera.changed', { cameras: 'not a list' } as never);
    services.bus.publish('layout.changed' as never, {} as never);
    expect(events).toEqual([]);
  });
});
