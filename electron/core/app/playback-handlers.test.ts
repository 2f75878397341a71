// The playback channels through the real dispatcher and handler set: who may ask,
// what comes back, and that asking for segments leaves a footage.viewed row.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../contract/errors';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { FootageIndexRows } from '../recording/testing/footage-index-rows';
import { dispatch, type Endpoint } from './dispatch';
import type { DutyWiring } from './duty-services';
import {
  connection,
  buildTestServices,
  signInCommander,
  signInDutyOfficer,
} from './testing/test-services';

const T0 = Date.UTC(2026, 4, 1, 10, 0, 0);
const MIN = 60_000;
let dir: string;
let db: Database;
let endpoint: Endpoint;
let duty: DutyWiring;
let settle: () => Promise<void>;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-playback-handlers-'));
  db = await openStationDb(dir);
  ({ endpoint, duty, settle } = await buildTestServices({ db, dir }));
  const rows = new FootageIndexRows(db);
  // Footage of a camera that is not (or no longer) in the registry.
  for (let i = 0; i < 5; i++)
    await rows.segment({
      cameraId: 'removed-cam',
      startMs: T0 + i * MIN,
      endMs: T0 + (i + 1) * MIN,
    });
});
afterEach(async () => {
  await settle();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const viewedRows = async () =>
  (await duty.audit.list({ action: 'footage.viewed', limit: 100 })).items;

describe('playback handlers', () => {
  it('answers the timeline of any camera id to a signed-in officer, without auditing it', async () => {
    const commander = await signInCommander(endpoint);
    const { ctx } = await signInDutyOfficer(endpoint, commander);
    const tl = (await dispatch(
      endpoint,
      'playback.timeline',
      {
        cameraIds: ['removed-cam', 'never-seen'],
        fromMs: T0 - MIN,
        toMs: T0 + 10 * MIN,
        buckets: 11,
      },
      ctx,
    )) as { cameras: { cameraId: string; ranges: unknown[] }[]; bucketMs: number };
    expect(tl.bucketMs).toBe(MIN);
    expect(tl.cameras.map((c) => [c.cameraId, c.ranges])).toEqual([
      ['removed-cam', [{ startMs: T0, endMs: T0 + 5 * MIN }]],
      ['never-seen', []],
    ]);
    expect(await viewedRows()).toHaveLength(0);
  });

  it('lists segments and audits the view once per 10-minute span', async () => {
    const commander = await signInCommander(endpoint);
    const { ctx, officerId } = await signInDutyOfficer(endpoint, commander);
    const ask = (fromMs: number, toMs: number) =>
      dispatch(
        endpoint,
        'playback.segments',
        { cameraId: 'removed-cam', fromMs, toMs },
        ctx,
      ) as Promise<{
        segments: { id: number }[];
      }>;
    expect((await ask(T0, T0 + 3 * MIN)).segments).toHaveLength(3);
    expect((await ask(T0 + MIN, T0 + 4 * MIN)).segments).toHaveLength(3);
    // No footage there: nothing viewed, nothing written.
    expect((await ask(T0 + 60 * MIN, T0 + 65 * MIN)).segments).toHaveLength(0);
    const rows = await viewedRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      officerId,
      officerName: 'Trần Thị Trực',
      subject: 'removed-cam',
      details: { fromMs: T0, toMs: T0 + 10 * MIN },
    });
  });

  it('refuses both channels to a caller not signed in and to a locked screen', async () => {
    const anon = connection();
    const req = { cameraId: 'removed-cam', fromMs: T0, toMs: T0 + MIN };
    await expect(dispatch(endpoint, 'playback.segments', req, anon)).rejects.toMatchObject({
      code: 'unauthenticated',
    });
    const commander = await signInCommander(endpoint);
    await dispatch(endpoint, 'auth.lock', {}, commander);
    const refused = await dispatch(endpoint, 'playback.segments', req, commander).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ code: 'locked' });
    await expect(
      dispatch(
        endpoint,
        'playback.timeline',
        { cameraIds: ['removed-cam'], fromMs: T0, toMs: T0 + MIN },
        commander,
      ),
    ).rejects.toMatchObject({ code: 'locked' });
    expect(await viewedRows()).toHaveLength(0);
  });

  it('rejects windows that are empty or too long before touching the index', async () => {
    const commander = await signInCommander(endpoint);
    for (const [fromMs, toMs] of [
      [T0, T0],
      [T0, T0 + 7 * 3_600_000],
    ] as const)
      await expect(
        dispatch(
          endpoint,
          'playback.segments',
          { cameraId: 'removed-cam', fromMs, toMs },
          commander,
        ),
      ).rejects.toMatchObject({ code: 'invalid_request' });
  });
});
