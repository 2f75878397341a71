// The detector against the RTSP rig's tamper mount in real time, at the ward's longest
// usual GOP (4 s, 12.5 fps): each picture fault raises its alarm within 10 s of the
// rig's ack and clears within 10 s of the picture coming back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type Rig } from '../../../e2e/rig/rig';
import type { CameraAlarmEntry, PictureAlarmKind } from '../../contract/camera-alarms';
import type { Camera } from '../../contract/schemas';
import type { TamperState } from '../../contract/tamper';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { CameraAlarmLog } from '../outages/camera-alarm-log';
import { TEST_FFMPEG } from '../streams/testing/ffmpeg-bin';
import { detectorRtspInput } from './detector-args';
import { ReferenceStore } from './reference-store';
import { TamperSettingsStore } from './tamper-settings-store';
import { TamperWatch } from './tamper-watch';

const LIMIT_MS = 10_000;

let dir: string;
let db: Database;
let rig: Rig;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-tamper-rig-'));
  db = await openStationDb(dir);
  await db.run(
    "INSERT INTO cameras (id, name, source, main_url, created_at) VALUES ('cam-1', 'Cổng', 'rtsp', 'rtsp://h/x', 0)",
  );
  rig = await startRig({ tamper: ['t1'], fps: '25/2', gopSeconds: 4 });
}, 60_000);
afterAll(async () => {
  await rig?.stop();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Resolves with the time `test` first held, polled every 100 ms; throws after `ms`. */
async function when(test: () => boolean, ms: number, what: string): Promise<number> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (test()) return Date.now();
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not within ${ms} ms`);
}

describe('TamperWatch against the rig', () => {
  it('raises and clears each picture alarm within 10 s at GOP 4 s', async () => {
    const changes: CameraAlarmEntry[] = [];
    const states: TamperState[] = [];
    const alarms = new CameraAlarmLog({
      db,
      cameraExists: async (id) => id === 'cam-1',
      onChange: (a) => changes.push(a),
    });
    await alarms.start();
    const camera = { id: 'cam-1', enabled: true } as Camera;
    const watch = new TamperWatch({
      ffmpegPath: TEST_FFMPEG,
      cameras: async () => [camera],
      inputArgs: async (_c, v) => detectorRtspInput(`rtsp://127.0.0.1:${rig.port}/t1_sub`, v),
      settings: new TamperSettingsStore(db),
      references: new ReferenceStore(db),
      alarms,
      emit: (s) => states.push(s),
    });
    try {
      watch.onHealth({
        cameraId: 'cam-1',
        reachable: 'up',
        since: 0,
        errorKind: null,
        watchedBy: 'probe',
      });
      // Learned from the normal picture: five keyframes over at least 10 s.
      await when(() => states.some((s) => s.references.length > 0), 40_000, 'reference learned');
      expect(changes).toEqual([]);
      const open = (kind: PictureAlarmKind) =>
        changes.some((c) => c.kind === kind && c.endedAt === null);
      const closed = (kind: PictureAlarmKind) =>
        changes.some((c) => c.kind === kind && c.endedAt !== null);
      const timings: string[] = [];
      for (const kind of ['black', 'frozen', 'covered', 'scene'] as const) {
        await rig.tamper('t1', kind);
        const acked = Date.now();
        const raised = await when(() => open(kind), LIMIT_MS, `${kind} raised`);
        await rig.tamper('t1', 'normal');
        const recovered = Date.now();
        const cleared = await when(() => closed(kind), LIMIT_MS, `${kind} cleared`);
        timings.push(`${kind} ${raised - acked} ms / ${cleared - recovered} ms`);
        // Let the next fault start from a settled normal picture.
        await new Promise((r) => setTimeout(r, 4500));
      }
      console.log(`tamper latency (raise / clear, GOP 4 s): ${timings.join(', ')}`);
      // Each fault raised its own kind only: precedence hid the kinds it implies.
      expect(changes.filter((c) => c.endedAt === null).map((c) => c.kind)).toEqual([
        'black',
        'frozen',
        'covered',
        'scene',
      ]);
    } finally {
      await watch.dispose();
      await alarms.dispose();
    }
  }, 180_000);
});
