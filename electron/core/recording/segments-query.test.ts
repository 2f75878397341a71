import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlaybackSegments, PlaybackSegmentsRequest } from '../../contract/playback-schemas';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { playbackSegments } from './segments-query';
import { FootageIndexRows } from './testing/footage-index-rows';

const S = 1000;
const T0 = Date.UTC(2026, 4, 1, 8, 0, 0);
let dir: string;
let db: Database;
let rows: FootageIndexRows;

const segments = (cameraId: string, fromMs: number, toMs: number) =>
  playbackSegments({ db }, PlaybackSegmentsRequest.parse({ cameraId, fromMs, toMs })).then((r) =>
    PlaybackSegments.parse(r),
  );

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-playback-seg-'));
  db = await openStationDb(dir);
  rows = new FootageIndexRows(db);
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('playbackSegments', () => {
  it('returns the playable segments overlapping the window, in time order, with their ids', async () => {
    const before = await rows.segment({
      cameraId: 'cam-a',
      startMs: T0 - 120 * S,
      endMs: T0 - 60 * S,
    });
    const across = await rows.segment({
      cameraId: 'cam-a',
      startMs: T0 - 30 * S,
      endMs: T0 + 30 * S,
    });
    const recovered = await rows.segment({
      cameraId: 'cam-a',
      startMs: T0 + 30 * S,
      endMs: T0 + 90 * S,
      status: 'recovered',
      bytes: 1234,
    });
    await rows.segment({
      cameraId: 'cam-a',
      startMs: T0 + 90 * S,
      endMs: T0 + 150 * S,
      status: 'missing',
    });
    await rows.segment({
      cameraId: 'cam-a',
      startMs: T0 + 150 * S,
      endMs: T0 + 210 * S,
      status: 'quarantined',
    });
    const last = await rows.segment({
      cameraId: 'cam-a',
      startMs: T0 + 210 * S,
      endMs: T0 + 270 * S,
    });
    await rows.segment({ cameraId: 'cam-a', startMs: T0 + 300 * S, endMs: T0 + 360 * S }); // starts at toMs
    await rows.segment({ cameraId: 'cam-b', startMs: T0, endMs: T0 + 60 * S });
    const gap = await rows.closedGap('cam-a', T0 + 270 * S, T0 + 300 * S);

    const res = await segments('cam-a', T0, T0 + 300 * S);
    expect(res.segments.map((s) => s.id)).toEqual([across.id, recovered.id, last.id]);
    expect(res.segments.map((s) => s.id)).not.toContain(before.id);
    expect(res.segments[1]).toEqual({
      id: recovered.id,
      startMs: T0 + 30 * S,
      endMs: T0 + 90 * S,
      bytes: 1234,
      codec: 'avc1.640028',
    });
    expect(res.gaps.map((g) => g.id)).toEqual([gap]);
    expect(res).toMatchObject({ cameraId: 'cam-a', fromMs: T0, toMs: T0 + 300 * S });
  });

  it('finds a 15-minute segment that began long before the window', async () => {
    const long = await rows.segment({
      cameraId: 'cam-a',
      startMs: T0 - 14 * 60 * S,
      endMs: T0 + 60 * S,
    });
    const res = await segments('cam-a', T0, T0 + 10 * S);
    expect(res.segments.map((s) => s.id)).toEqual([long.id]);
  });

  it('answers an unknown camera with nothing', async () => {
    await rows.segment({ cameraId: 'cam-a', startMs: T0, endMs: T0 + 60 * S });
    expect(await segments('removed-cam', T0, T0 + 60 * S)).toEqual({
      cameraId: 'removed-cam',
      fromMs: T0,
      toMs: T0 + 60 * S,
      segments: [],
      gaps: [],
    });
  });
});

describe('playbackSegments while a closed segment is being filed', () => {
  it('lists it (under its open id) beside the new open one, and once only when its row exists', async () => {
    const filed = await rows.segment({ cameraId: 'cam-f', startMs: T0, endMs: T0 + 60 * S });
    const OPEN_BASE = 2 ** 52;
    const filing = {
      id: OPEN_BASE + 2,
      startMs: T0 + 60 * S,
      endMs: T0 + 120 * S,
      bytes: 10,
      codec: 'avc1',
    };
    const open = {
      id: OPEN_BASE + 3,
      startMs: T0 + 120 * S,
      endMs: T0 + 121 * S,
      bytes: 5,
      codec: 'avc1',
    };
    const source = {
      openSegment: () => Promise.resolve(open),
      filingSegments: () => Promise.resolve([filing]),
      openIdOf: (_id: number): number | undefined => undefined,
    };
    const list = () =>
      playbackSegments(
        { db, open: source },
        PlaybackSegmentsRequest.parse({ cameraId: 'cam-f', fromMs: T0, toMs: T0 + 180 * S }),
      ).then((r) => PlaybackSegments.parse(r).segments);
    // Between ffmpeg closing the minute and its row: no hole in the listing.
    expect((await list()).map((s) => [s.id, s.growing ?? false])).toEqual([
      [filed.id, false],
      [filing.id, true],
      [open.id, true],
    ]);
    // Its row is in, before its open id is mapped to it: still listed once.
    const early = await rows.segment({
      cameraId: 'cam-f',
      startMs: T0 + 60 * S,
      endMs: T0 + 120 * S,
    });
    expect((await list()).map((s) => s.id)).toEqual([filed.id, early.id, open.id]);
    await db.run('DELETE FROM recordings WHERE id = ?', [early.id]);
    // Its row is in and names the open id: the filing entry is not listed a second time.
    const row = await rows.segment({
      cameraId: 'cam-f',
      startMs: T0 + 60 * S,
      endMs: T0 + 120 * S,
    });
    source.openIdOf = (id: number) => (id === row.id ? filing.id : undefined);
    const after = await list();
    expect(after.map((s) => s.id)).toEqual([filed.id, row.id, open.id]);
    expect(after[1]!.openId).toBe(filing.id);
  });
});
