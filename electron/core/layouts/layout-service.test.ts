import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LayoutInput, type Layout } from '../../contract/schemas';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { LayoutService } from './layout-service';

let dir: string;
let db: Database;
let events: Layout[][];
const make = () => new LayoutService({ db, emit: (_e, p) => events.push(p.layouts) });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-layout-'));
  db = await openStationDb(dir);
  events = [];
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('LayoutService', () => {
  it('saves named layouts that survive a restart, one entry per tile', async () => {
    const a = await make().save(
      LayoutInput.parse({ name: 'Ca đêm', kind: '4', tiles: ['c1', null, 'c3'] }),
    );
    expect(a.tiles).toEqual(['c1', null, 'c3', null]);
    await db.close();
    db = await openStationDb(dir);
    const list = await make().list();
    expect(list).toEqual([a]);
    expect(events).toHaveLength(1);
  });

  it('replaces by id, refuses a duplicate name and unknown ids', async () => {
    const svc = make();
    const a = await svc.save(LayoutInput.parse({ name: 'A', kind: '9', tiles: [] }));
    await svc.save(LayoutInput.parse({ name: 'B', kind: '1', tiles: ['x'] }));
    const a2 = await svc.save(
      LayoutInput.parse({ id: a.id, name: 'A', kind: '6', tiles: ['x', 'y'] }),
    );
    expect(a2).toMatchObject({ id: a.id, kind: '6', tiles: ['x', 'y', null, null, null, null] });
    await expect(
      svc.save(LayoutInput.parse({ name: 'B', kind: '4', tiles: [] })),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      svc.save(LayoutInput.parse({ id: 'ghost', name: 'C', kind: '4', tiles: [] })),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
    await svc.remove(a.id);
    expect((await svc.list()).map((l) => l.name)).toEqual(['B']);
    await expect(svc.remove(a.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('empties tiles of removed cameras', async () => {
    const svc = make();
    await svc.save(LayoutInput.parse({ name: 'A', kind: '4', tiles: ['c1', 'c2', 'c1', null] }));
    await svc.forgetCameras(['c1']);
    expect((await svc.list())[0]?.tiles).toEqual([null, 'c2', null, null]);
  });
});
