// The detector end to end with real ffmpeg: a clip that goes black, frozen, covered and
// turned, read as fast as ffmpeg decodes it. The watch's clock counts keyframes (one
// second each, as in the clip), so holds and GOPs mean what they mean on a camera.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Camera } from '../../contract/schemas';
import type { TamperState } from '../../contract/tamper';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { CameraAlarmLog } from '../outages/camera-alarm-log';
import { TEST_FFMPEG } from '../streams/testing/ffmpeg-bin';
import { ReferenceStore } from './reference-store';
import { makeTamperClip, type ClipPart } from './testing/tamper-clip';
import { TamperSettingsStore } from './tamper-settings-store';
import { TamperWatch } from './tamper-watch';

const PARTS: ClipPart[] = [
  { state: 'normal', seconds: 14 },
  { state: 'black', seconds: 8 },
  { state: 'normal', seconds: 6 },
  { state: 'frozen', seconds: 8 },
  { state: 'normal', seconds: 6 },
  { state: 'covered', seconds: 8 },
  { state: 'normal', seconds: 6 },
  { state: 'scene', seconds: 8 },
  { state: 'normal', seconds: 6 },
];
const TOTAL_KEYFRAMES = PARTS.reduce((n, p) => n + p.seconds, 0);

const camera: Camera = {
  id: 'cam-1',
  name: 'Cổng',
  location: '',
  group: '',
  source: 'rtsp',
  mainUrl: 'rtsp://h/main',
  subUrl: 'rtsp://h/sub',
  username: null,
  hasPassword: false,
  recorderId: null,
  channel: null,
  enabled: true,
  createdAt: 0,
};

let dir: string;
let db: Database;
let clip: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-tamper-'));
  db = await openStationDb(dir);
  await db.run(
    "INSERT INTO cameras (id, name, source, main_url, created_at) VALUES ('cam-1', 'Cổng', 'rtsp', 'rtsp://h/x', 0)",
  );
  clip = await makeTamperClip(dir, PARTS);
}, 120_000);
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('TamperWatch with ffmpeg', () => {
  it('raises each picture alarm during its part of the clip and clears it after', async () => {
    let keyframe = 0;
    const calls: { at: number; kind: string; what: 'open' | 'close' }[] = [];
    const states: TamperState[] = [];
    const log = new CameraAlarmLog({ db, cameraExists: async (id) => id === 'cam-1' });
    await log.start();
    // Stamped when the watch tells the log, not when the row is written.
    const alarms = {
      openKinds: (id: string) => log.openKinds(id),
      open: (...args: Parameters<CameraAlarmLog['open']>) => {
        calls.push({ at: keyframe, kind: args[1], what: 'open' });
        return log.open(...args);
      },
      close: (...args: Parameters<CameraAlarmLog['close']>) => {
        calls.push({ at: keyframe, kind: args[1], what: 'close' });
        return log.close(...args);
      },
    };
    const watch = new TamperWatch({
      ffmpegPath: TEST_FFMPEG,
      cameras: async () => [camera],
      inputArgs: async () => ['-i', clip],
      settings: new TamperSettingsStore(db),
      references: new ReferenceStore(db),
      alarms,
      emit: (s) => states.push(s),
      // Keyframe n arrives at n s: the clip's own timing, whatever the decode speed.
      monotonicNow: () => 1000 * keyframe++,
    });
    watch.onHealth({
      cameraId: 'cam-1',
      reachable: 'up',
      since: 0,
      errorKind: null,
      watchedBy: 'probe',
    });
    const deadline = Date.now() + 60_000;
    while (watch.keyframesAnalysed < TOTAL_KEYFRAMES && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    await watch.dispose();
    await log.flush();

    expect(watch.keyframesAnalysed).toBeGreaterThanOrEqual(TOTAL_KEYFRAMES);
    // The first pass only: ffmpeg is restarted at the end of the file.
    const timeline = calls
      .filter((c) => c.at < TOTAL_KEYFRAMES)
      .map((c) => [c.kind, c.what, c.at] as const);
    let start = 0;
    const expected: [string, number, number][] = [];
    for (const part of PARTS) {
      if (part.state !== 'normal') expected.push([part.state, start, start + part.seconds]);
      start += part.seconds;
    }
    expect(timeline.map(([kind, what]) => `${String(kind)} ${String(what)}`)).toEqual(
      expected.flatMap(([kind]) => [`${kind} open`, `${kind} close`]),
    );
    for (const [kind, from, to] of expected) {
      const opened = timeline.find(([k, w]) => k === kind && w === 'open')![2];
      const closed = timeline.find(([k, w]) => k === kind && w === 'close')![2];
      // Within hold + 2 keyframes of the change, and cleared within 3 keyframes of recovery.
      expect(opened - from, `${kind} raised`).toBeLessThanOrEqual(6);
      expect(closed - to, `${kind} cleared`).toBeLessThanOrEqual(3);
    }
    // The reference was learned from the first, normal part.
    expect(states.some((s) => s.references.some((r) => r.slot === 'colour' && r.learned))).toBe(
      true,
    );
    const [first] = await log.list({ cameraId: 'cam-1', limit: 100 }).then((l) => l.reverse());
    expect(first).toMatchObject({ kind: 'black', source: 'detector' });
    expect(first!.detail.darkFraction).toBeGreaterThan(0.95);
  }, 90_000);
});

describe('TamperWatch lifecycle', () => {
  it('stops when the camera goes down or is switched off, closing its picture alarms', async () => {
    // Whatever the test before left open is not this test's alarm.
    await db.run('UPDATE camera_alarms SET ended_at = 0 WHERE ended_at IS NULL');
    const log = new CameraAlarmLog({ db, cameraExists: async (id) => id === 'cam-1' });
    await log.start();
    let keyframe = 0;
    const watch = new TamperWatch({
      ffmpegPath: TEST_FFMPEG,
      cameras: async () => [camera],
      inputArgs: async () => ['-i', clip],
      settings: new TamperSettingsStore(db),
      references: new ReferenceStore(db),
      alarms: log,
      emit: () => undefined,
      monotonicNow: () => 1000 * keyframe++,
    });
    const health = (reachable: 'up' | 'down') =>
      watch.onHealth({
        cameraId: 'cam-1',
        reachable,
        since: 0,
        errorKind: null,
        watchedBy: 'probe',
      });
    try {
      health('up');
      const until = Date.now() + 60_000;
      while (!log.openKinds('cam-1').includes('black') && Date.now() < until)
        await new Promise((r) => setTimeout(r, 20));
      expect(log.openKinds('cam-1')).toContain('black');

      // Down: the outage takes over; nothing is known of the picture.
      health('down');
      await watch.idle();
      await log.flush();
      expect(await log.openAlarms()).toEqual([]);
      expect((await watch.states())[0]).toMatchObject({ running: false, open: [] });

      health('up');
      await watch.idle();
      expect((await watch.states())[0]!.running).toBe(true);
      const settings = await watch.settingsOf('cam-1');
      await watch.updateSettings({ ...settings, enabled: false });
      expect((await watch.states())[0]!.running).toBe(false);
    } finally {
      await watch.dispose();
      await log.dispose();
    }
  }, 90_000);
});

describe('TamperWatch and a steered PTZ dome', () => {
  it('an officer turning the dome raises no "turned camera" alarm; the view it rests on becomes the reference', async () => {
    await db.run(
      "INSERT INTO cameras (id, name, source, main_url, created_at) VALUES ('dome-1', 'Nút giao', 'rtsp', 'rtsp://h/d', 0)",
    );
    const parts: ClipPart[] = [
      { state: 'normal', seconds: 14 },
      { state: 'scene', seconds: 30 },
    ];
    const clipDir = join(dir, 'dome');
    mkdirSync(clipDir);
    const domeClip = await makeTamperClip(clipDir, parts);
    const log = new CameraAlarmLog({ db, cameraExists: async (id) => id === 'dome-1' });
    await log.start();
    const opened: { at: number; kind: string }[] = [];
    const states: TamperState[] = [];
    let keyframe = 0;
    let watch: TamperWatch | null = null;
    watch = new TamperWatch({
      ffmpegPath: TEST_FFMPEG,
      cameras: async () => [{ ...camera, id: 'dome-1' }],
      inputArgs: async () => ['-i', domeClip],
      settings: new TamperSettingsStore(db),
      references: new ReferenceStore(db),
      alarms: {
        openKinds: (id) => log.openKinds(id),
        open: (...args) => {
          opened.push({ at: keyframe, kind: args[1] });
          return log.open(...args);
        },
        close: (...args) => log.close(...args),
      },
      emit: (s) => states.push(s),
      steerQuietMs: 8_000,
      monotonicNow: () => {
        const at = 1000 * keyframe++;
        // The officer swings the dome as the view changes (keyframe 14), as PtzService tells it.
        if (keyframe === 15) watch?.steered('dome-1');
        return at;
      },
    });
    watch.onHealth({
      cameraId: 'dome-1',
      reachable: 'up',
      since: 0,
      errorKind: null,
      watchedBy: 'probe',
    });
    const total = parts.reduce((n, p) => n + p.seconds, 0);
    const deadline = Date.now() + 60_000;
    while (watch.keyframesAnalysed < total && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    await watch.dispose();
    await log.flush();
    await log.dispose();

    expect(watch.keyframesAnalysed).toBeGreaterThanOrEqual(total);
    expect(opened.filter((o) => o.at < total)).toEqual([]);
    // Learned from the first view, then again from the view the dome rests on.
    const learnedAt = states
      .flatMap((s) => s.references.filter((r) => r.learned).map((r) => r.takenAt))
      .filter((at, i, all) => all.indexOf(at) === i);
    expect(learnedAt.length).toBeGreaterThanOrEqual(2);
  }, 120_000);
});
