import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import {
  addFootageLock,
  allFootageLocks,
  incidentLocks,
  incidentsWithLocks,
  removeFootageLock,
  removeIncidentLocks,
  uncoveredRanges,
} from './footage-locks';

describe('uncoveredRanges', () => {
  it('returns the parts of a range no held lock covers', () => {
    expect(uncoveredRanges(0, 100, [])).toEqual([{ startMs: 0, endMs: 100 }]);
    expect(uncoveredRanges(0, 100, [{ startMs: 0, endMs: 100 }])).toEqual([]);
    expect(uncoveredRanges(0, 100, [{ startMs: -50, endMs: 200 }])).toEqual([]);
    expect(
      uncoveredRanges(0, 100, [
        { startMs: 60, endMs: 80 },
        { startMs: 10, endMs: 30 },
        { startMs: 20, endMs: 40 },
      ]),
    ).toEqual([
      { startMs: 0, endMs: 10 },
      { startMs: 40, endMs: 60 },
      { startMs: 80, endMs: 100 },
    ]);
    expect(
      uncoveredRanges(50, 100, [
        { startMs: 0, endMs: 40 },
        { startMs: 120, endMs: 130 },
      ]),
    ).toEqual([{ startMs: 50, endMs: 100 }]);
  });
});

describe('footage locks', () => {
  let dir: string;
  let db: Database;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'station-locks-'));
    db = await openStationDb(dir);
  });
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds, lists and removes locks, by id or by incident, inside a transaction too', async () => {
    const manual = await addFootageLock(
      db,
      { cameraId: null, startMs: 0, endMs: 10, reason: 'manual', incidentId: null },
      5,
    );
    await db.transaction(async (tx) => {
      await addFootageLock(
        tx,
        { cameraId: 'a', startMs: 20, endMs: 30, reason: 'incident 1', incidentId: 'i1' },
        6,
      );
      await addFootageLock(
        tx,
        { cameraId: 'b', startMs: 20, endMs: 30, reason: 'incident 1', incidentId: 'i1' },
        6,
      );
    });
    await expect(
      db.transaction(async (tx) => {
        await addFootageLock(
          tx,
          { cameraId: 'c', startMs: 1, endMs: 2, reason: 'x', incidentId: 'i2' },
          7,
        );
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await allFootageLocks(db)).map((l) => [l.cameraId, l.incidentId])).toEqual([
      [null, null],
      ['a', 'i1'],
      ['b', 'i1'],
    ]);
    expect((await incidentLocks(db, 'i1')).map((l) => l.cameraId)).toEqual(['a', 'b']);
    expect(await incidentsWithLocks(db, ['i2', 'i1', 'i3'])).toEqual(new Set(['i1']));
    expect(await incidentsWithLocks(db, [])).toEqual(new Set());
    expect(await removeIncidentLocks(db, 'i1')).toBe(2);
    expect(await removeIncidentLocks(db, 'i1')).toBe(0);
    expect(await removeFootageLock(db, manual.id)).toBe(true);
    expect(await removeFootageLock(db, manual.id)).toBe(false);
    expect(await allFootageLocks(db)).toEqual([]);
  });
});
