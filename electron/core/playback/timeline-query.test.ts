import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PlaybackTimeline, PlaybackTimelineRequest } from '../../contract/playback-schemas';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { fillSyntheticIndex } from '../recording/testing/synthetic-index';
import { FootageIndexRows } from '../recording/testing/footage-index-rows';
import { playbackTimeline } from './timeline-query';

const S = 1000;
const MIN = 60 * S;
const T0 = Date.UTC(2026, 4, 1, 8, 0, 0);
let dir: string;
let db: Database;
let rows: FootageIndexRows;

const timeline = (req: { cameraIds: string[]; fromMs: number; toMs: number; buckets?: number }) =>
  playbackTimeline({ db }, PlaybackTimelineRequest.parse(req)).then((t) =>
    PlaybackTimeline.parse(t),
  );

async function addIncident(id: string, cameras: string[], startMs: number, endMs: number) {
  await db.run(
    `INSERT OR IGNORE INTO officers (id, full_name, rank, badge_number, role, password_hash, created_at, updated_at)
     VALUES ('off-1', 'Trần Thị Trực', 'Trung úy', '200-001', 'duty', 'x', 0, 0)`,
  );
  await db.run(
    `INSERT INTO incidents (id, code, category, severity, status, location, description, occurred_at,
       start_ms, end_ms, created_by, created_at, updated_at)
     VALUES (?, ?, 'theft', 'high', 'new', 'Cổng chợ', 'Mất xe máy', ?, ?, ?, 'off-1', 0, 0)`,
    [id, `2026-${id}`, startMs + 1000, startMs, endMs],
  );
  for (const cam of cameras)
    await db.run(
      'INSERT INTO incident_cameras (incident_id, camera_id, camera_name) VALUES (?, ?, ?)',
      [id, cam, cam],
    );
}

describe('playbackTimeline', () => {
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'station-playback-tl-'));
    db = await openStationDb(dir);
    rows = new FootageIndexRows(db);
  });
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('merges segments closer than 2 s, keeps larger holes, skips unplayable rows, clips to the window', async () => {
    await rows.segment({ cameraId: 'cam-a', startMs: T0 - 30 * S, endMs: T0 + 30 * S });
    await rows.segment({ cameraId: 'cam-a', startMs: T0 + 31_900, endMs: T0 + 90 * S }); // 1.9 s hole
    await rows.segment({ cameraId: 'cam-a', startMs: T0 + 92 * S, endMs: T0 + 150 * S }); // 2 s hole
    await rows.segment({
      cameraId: 'cam-a',
      startMs: T0 + 150 * S,
      endMs: T0 + 210 * S,
      status: 'missing',
    });
    await rows.segment({
      cameraId: 'cam-a',
      startMs: T0 + 210 * S,
      endMs: T0 + 270 * S,
      status: 'recovered',
    });
    await rows.segment({
      cameraId: 'cam-a',
      startMs: T0 + 270 * S,
      endMs: T0 + 330 * S,
      status: 'quarantined',
    });
    await rows.segment({ cameraId: 'cam-a', startMs: T0 + 330 * S, endMs: T0 + 390 * S });
    await rows.segment({ cameraId: 'cam-b', startMs: T0, endMs: T0 + 60 * S });

    const tl = await timeline({ cameraIds: ['cam-a'], fromMs: T0, toMs: T0 + 360 * S });
    expect(tl.cameras).toHaveLength(1);
    expect(tl.cameras[0]!.ranges).toEqual([
      { startMs: T0, endMs: T0 + 90 * S },
      { startMs: T0 + 92 * S, endMs: T0 + 150 * S },
      { startMs: T0 + 210 * S, endMs: T0 + 270 * S },
      { startMs: T0 + 330 * S, endMs: T0 + 360 * S },
    ]);
  });

  it('shows the segment being recorded as recorded time, joined to the footage before it', async () => {
    await rows.segment({ cameraId: 'cam-a', startMs: T0, endMs: T0 + 60 * S });
    const open = {
      id: 2 ** 52,
      startMs: T0 + 60 * S + 5,
      endMs: T0 + 85 * S,
      bytes: 1,
      codec: 'avc1',
    };
    const source = {
      openSegment: (cam: string) => Promise.resolve(cam === 'cam-a' ? open : null),
      openIdOf: () => undefined,
    };
    const req = PlaybackTimelineRequest.parse({
      cameraIds: ['cam-a', 'cam-b'],
      fromMs: T0 - 60 * S,
      toMs: T0 + 80 * S,
    });
    const tl = PlaybackTimeline.parse(await playbackTimeline({ db, open: source }, req));
    expect(tl.cameras[0]!.ranges).toEqual([{ startMs: T0, endMs: T0 + 80 * S }]);
    expect(tl.cameras[1]!.ranges).toEqual([]);
    // After a gap it is a range of its own.
    open.startMs = T0 + 70 * S;
    const later = await playbackTimeline({ db, open: source }, req);
    expect(later.cameras[0]!.ranges).toEqual([
      { startMs: T0, endMs: T0 + 60 * S },
      { startMs: T0 + 70 * S, endMs: T0 + 80 * S },
    ]);
  });

  it('lists gaps overlapping the window, open ones included, with their reason', async () => {
    const before = await rows.closedGap('cam-a', T0 - 120 * S, T0 - 60 * S);
    const across = await rows.closedGap('cam-a', T0 - 30 * S, T0 + 10 * S);
    const inside = await rows.closedGap('cam-a', T0 + 100 * S, T0 + 110 * S);
    const open = await rows.openGap('cam-a', T0 + 500 * S);
    await rows.closedGap('cam-b', T0 + 100 * S, T0 + 110 * S);

    const tl = await timeline({ cameraIds: ['cam-a'], fromMs: T0, toMs: T0 + 600 * S });
    const gaps = tl.cameras[0]!.gaps;
    expect(gaps.map((g) => g.id)).toEqual([across, inside, open]);
    expect(gaps.map((g) => g.id)).not.toContain(before);
    expect(gaps[2]).toMatchObject({ endMs: null, reason: 'camera_offline', errorKind: 'timeout' });
  });

  it('sums segment bytes into wide buckets, split by the time spent in each', async () => {
    // 10 buckets of 100 s; a 60 s segment across the 100 s boundary: 20 s before, 40 s after.
    await rows.segment({
      cameraId: 'cam-a',
      startMs: T0 + 80 * S,
      endMs: T0 + 140 * S,
      bytes: 6000,
    });
    await rows.segment({
      cameraId: 'cam-a',
      startMs: T0 + 300 * S,
      endMs: T0 + 360 * S,
      bytes: 999,
    });
    // Starts before the window: only its 30 s inside count.
    await rows.segment({
      cameraId: 'cam-a',
      startMs: T0 - 30 * S,
      endMs: T0 + 30 * S,
      bytes: 1200,
    });
    // Ends after the window: only its 20 s inside count.
    await rows.segment({
      cameraId: 'cam-a',
      startMs: T0 + 980 * S,
      endMs: T0 + 1040 * S,
      bytes: 3000,
    });
    await rows.segment({
      cameraId: 'cam-a',
      startMs: T0 + 500 * S,
      endMs: T0 + 560 * S,
      bytes: 7777,
      status: 'quarantined',
    });

    const tl = await timeline({
      cameraIds: ['cam-a'],
      fromMs: T0,
      toMs: T0 + 1000 * S,
      buckets: 10,
    });
    expect(tl.bucketMs).toBe(100 * S);
    expect(tl.cameras[0]!.activity).toEqual([600 + 2000, 4000, 0, 999, 0, 0, 0, 0, 0, 1000]);
  });

  it('decodes per-second counts only where a segment is longer than a bucket', async () => {
    const perSecond = Array.from({ length: 60 }, (_, k) => 64 * (k + 1));
    await rows.segment({
      cameraId: 'cam-a',
      startMs: T0,
      endMs: T0 + 60 * S,
      secondBytes: perSecond,
    });
    // 10 buckets of 3 s over the segment's seconds 15..45.
    const tl = await timeline({
      cameraIds: ['cam-a'],
      fromMs: T0 + 15 * S,
      toMs: T0 + 45 * S,
      buckets: 10,
    });
    const expected = Array.from({ length: 10 }, (_, i) =>
      [0, 1, 2].reduce((sum, j) => sum + (perSecond[15 + 3 * i + j] ?? 0), 0),
    );
    expect(tl.bucketMs).toBe(3 * S);
    expect(tl.cameras[0]!.activity).toEqual(expected);
    // The exact byte total is not what a zoomed-in graph shows: the seconds are.
    expect(expected[0]).toBe(64 * (16 + 17 + 18));
  });

  it('marks incidents on any of the cameras overlapping the window, with all their cameras', async () => {
    await addIncident('0001', ['cam-a', 'cam-z'], T0 + 10 * S, T0 + 70 * S);
    await addIncident('0002', ['cam-b'], T0 + 10 * S, T0 + 70 * S);
    await addIncident('0003', ['cam-a'], T0 - 600 * S, T0 - 60 * S);
    await addIncident('0004', ['cam-c'], T0 - 60 * S, T0 + 1 * S);

    const tl = await timeline({ cameraIds: ['cam-a', 'cam-c'], fromMs: T0, toMs: T0 + 600 * S });
    expect(tl.incidents.map((i) => i.id)).toEqual(['0004', '0001']);
    expect(tl.incidents[1]).toEqual({
      id: '0001',
      code: '2026-0001',
      category: 'theft',
      severity: 'high',
      status: 'new',
      occurredAt: T0 + 11 * S,
      startMs: T0 + 10 * S,
      endMs: T0 + 70 * S,
      cameraIds: ['cam-a', 'cam-z'],
    });
  });

  it('answers cameras without footage (removed or unknown) with empty rows', async () => {
    await rows.segment({ cameraId: 'cam-a', startMs: T0, endMs: T0 + 60 * S });
    const tl = await timeline({
      cameraIds: ['gone-cam', 'cam-a', 'gone-cam'],
      fromMs: T0,
      toMs: T0 + 60 * S,
      buckets: 10,
    });
    expect(tl.cameras.map((c) => c.cameraId)).toEqual(['gone-cam', 'cam-a']);
    expect(tl.cameras[0]).toEqual({
      cameraId: 'gone-cam',
      ranges: [],
      gaps: [],
      activity: new Array(10).fill(0),
      alarms: [],
    });
    expect(tl.cameras[1]!.ranges).toHaveLength(1);
  });

  it('marks picture and clock alarms overlapping the window, open ones included', async () => {
    const alarm = (kind: string, startMs: number, endMs: number | null) =>
      db.run(
        "INSERT INTO camera_alarms (camera_id, kind, source, started_at, ended_at) VALUES ('cam-a', ?, 'detector', ?, ?)",
        [kind, startMs, endMs],
      );
    await alarm('black', T0 - 60 * S, T0 - 10 * S); // before the window
    await alarm('covered', T0 - 5 * S, T0 + 20 * S);
    await alarm('scene', T0 + 100 * S, null);
    const tl = await timeline({ cameraIds: ['cam-a', 'cam-b'], fromMs: T0, toMs: T0 + 300 * S });
    expect(tl.cameras[0]!.alarms).toEqual([
      { kind: 'covered', startMs: T0 - 5 * S, endMs: T0 + 20 * S },
      { kind: 'scene', startMs: T0 + 100 * S, endMs: null },
    ]);
    expect(tl.cameras[1]!.alarms).toEqual([]);
  });

  describe('over windows longer than 36 h (hourly summary)', () => {
    const H = 3_600_000;
    const START = Date.UTC(2026, 4, 1, 0, 0, 0);

    /** 60 s segments over [from, to), with a byte count that varies per segment. */
    async function fill(cameraId: string, from: number, to: number, status?: 'missing') {
      for (let t = from; t < to; t += 60 * S)
        await rows.segment({
          cameraId,
          startMs: t,
          endMs: t + 60 * S,
          bytes: 1000 + ((t / S) % 977),
          status,
        });
    }

    it('answers from hourly sums: the same ranges and byte totals as the exact reads, outages kept', async () => {
      // cam-a: 0–5 h, then a 2.5 h outage, then 7:30–11 h with a segment across the 10 h mark
      // shifted by 30 s (so an hour edge is not a segment edge); unplayable rows in between.
      await fill('cam-a', START, START + 5 * H);
      await fill('cam-a', START + 5 * H, START + 6 * H, 'missing');
      await fill('cam-a', START + 7.5 * H, START + 10 * H - 30 * S);
      await fill('cam-a', START + 10 * H - 30 * S, START + 11 * H);
      await fill('cam-b', START + 20 * H, START + 21 * H);
      const req = PlaybackTimelineRequest.parse({
        cameraIds: ['cam-a', 'cam-b', 'cam-none'],
        fromMs: START + 2.25 * H,
        toMs: START + 2.25 * H + 40 * H,
        buckets: 160,
      });
      const coarse = PlaybackTimeline.parse(await playbackTimeline({ db }, req));
      const exact = PlaybackTimeline.parse(await playbackTimeline({ db }, req, { summary: false }));
      expect(coarse.resolutionMs).toBe(H);
      expect(exact.resolutionMs).toBe(0);
      expect(coarse.cameras.map((c) => c.ranges)).toEqual(exact.cameras.map((c) => c.ranges));
      expect(coarse.cameras[0]!.ranges).toEqual([
        { startMs: START + 2.25 * H, endMs: START + 5 * H },
        { startMs: START + 7.5 * H, endMs: START + 11 * H + 30 * S },
      ]);
      const total = (t: PlaybackTimeline) =>
        t.cameras.map((c) => c.activity.reduce((a, b) => a + b, 0));
      const [ca, cb, cn] = total(coarse);
      const [ea, eb, en] = total(exact);
      // The window starts inside an hour: only there is the split an even spread, not per segment.
      expect(Math.abs(ca! - ea!) / ea!).toBeLessThan(0.005);
      expect(Math.abs(cb! - eb!)).toBeLessThanOrEqual(80); // rounding, half a byte per bucket
      expect([cn, en]).toEqual([0, 0]);
      // Each bucket is a quarter hour: the outage's buckets are empty in both.
      const outage = coarse.cameras[0]!.activity.slice(12, 21);
      expect(outage).toEqual(new Array(9).fill(0));
      expect(exact.cameras[0]!.activity.slice(12, 21)).toEqual(outage);
    });

    it('draws an hour as its first start to its last end, its bytes spread over that span', async () => {
      const seg = (from: number, to: number, bytes: number) =>
        rows.segment({
          cameraId: 'cam-a',
          startMs: START + from * MIN,
          endMs: START + to * MIN,
          bytes,
        });
      await seg(0, 10, 3000);
      await seg(40, 50, 2000); // the hole between is inside the hour: not drawn
      await seg(65, 70, 600); // after a 15-minute outage across the hour: a range of its own
      const tl = await timeline({
        cameraIds: ['cam-a'],
        fromMs: START,
        toMs: START + 48 * H,
        buckets: 288,
      });
      expect(tl.cameras[0]!.ranges).toEqual([
        { startMs: START, endMs: START + 50 * MIN },
        { startMs: START + 65 * MIN, endMs: START + 70 * MIN },
      ]);
      expect(tl.cameras[0]!.activity.slice(0, 8)).toEqual([
        1000, 1000, 1000, 1000, 1000, 0, 600, 0,
      ]);
    });

    it('clips an hour the window starts in, keeping the share of its bytes inside', async () => {
      await rows.segment({ cameraId: 'cam-a', startMs: START, endMs: START + H, bytes: 6000 });
      const tl = await timeline({
        cameraIds: ['cam-a'],
        fromMs: START + H / 2,
        toMs: START + H / 2 + 48 * H,
        buckets: 96,
      });
      expect(tl.cameras[0]!.ranges).toEqual([{ startMs: START + H / 2, endMs: START + H }]);
      expect(tl.cameras[0]!.activity.slice(0, 2)).toEqual([3000, 0]);
    });

    it('keeps windows up to 36 h exact', async () => {
      await fill('cam-a', START, START + 2 * H);
      const tl = await timeline({ cameraIds: ['cam-a'], fromMs: START, toMs: START + 36 * H });
      expect(tl.resolutionMs).toBe(0);
      expect(tl.cameras[0]!.ranges).toEqual([{ startMs: START, endMs: START + 2 * H }]);
    });

    it('sees footage deleted by retention at once (the triggers keep the summary)', async () => {
      await fill('cam-a', START, START + 3 * H);
      await db.run('DELETE FROM recordings WHERE start_ms < ?', [START + 1.5 * H]);
      const tl = await timeline({ cameraIds: ['cam-a'], fromMs: START, toMs: START + 48 * H });
      expect(tl.resolutionMs).toBe(H);
      expect(tl.cameras[0]!.ranges).toEqual([{ startMs: START + 1.5 * H, endMs: START + 3 * H }]);
    });
  });
});

describe('playbackTimeline over 7 days × 16 cameras of 60 s segments', () => {
  const END = Date.UTC(2026, 10, 27, 0, 0, 0);
  const DAY = 86_400_000;
  const cams = Array.from({ length: 16 }, (_, c) => `synthetic-${String(c).padStart(2, '0')}`);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'station-playback-tl7-'));
    db = await openStationDb(dir);
    const n = await fillSyntheticIndex(db, {
      cameras: 16,
      days: 7,
      segmentSeconds: 60,
      endMs: END,
    });
    expect(n).toBe(16 * 7 * 1440);
  }, 120_000);
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the whole week in well under 3 s (time printed for docs/benchmarks.md)', async () => {
    const req = { cameraIds: cams, fromMs: END - 7 * DAY, toMs: END, buckets: 1000 };
    await timeline(req); // warm the page cache, as a second look at the timeline would
    const times: number[] = [];
    let tl = await timeline(req);
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      tl = await timeline(req);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(
      `playback timeline 7 d × 16 cameras (${16 * 7 * 1440} segments, 1000 buckets): median ${times[1]!.toFixed(0)} ms`,
    );
    expect(tl.cameras).toHaveLength(16);
    expect(tl.resolutionMs).toBe(3_600_000);
    for (const cam of tl.cameras) {
      expect(cam.ranges).toEqual([{ startMs: END - 7 * DAY, endMs: END }]);
      expect(cam.gaps).toHaveLength(28);
      // Every segment holds 3 000 000 bytes; the buckets add up to all of them.
      expect(cam.activity.reduce((a, b) => a + b, 0)).toBeCloseTo(7 * 1440 * 3_000_000, -3);
    }
    expect(times[1]!).toBeLessThan(3000);
  });

  it('answers a zoomed-in 12 h window (per-second decoding) in well under 3 s', async () => {
    const req = { cameraIds: cams, fromMs: END - 2 * DAY, toMs: END - 1.5 * DAY, buckets: 4000 };
    const t = performance.now();
    const tl = await timeline(req);
    const ms = performance.now() - t;
    console.log(
      `playback timeline 12 h × 16 cameras, 4000 buckets of 10.8 s (decoded): ${ms.toFixed(0)} ms`,
    );
    // Each second holds 0x0040 units of 64 bytes; a 10.8 s bucket holds the 10 or 11
    // seconds that start in it, and together they hold all 12 h of seconds.
    const perSecond = 0x40 * 64;
    for (const cam of tl.cameras) {
      expect(new Set(cam.activity)).toEqual(new Set([10 * perSecond, 11 * perSecond]));
      expect(cam.activity.reduce((a, b) => a + b, 0)).toBe(12 * 3600 * perSecond);
    }
    expect(ms).toBeLessThan(3000);
  });
});
