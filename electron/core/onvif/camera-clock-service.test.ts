import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CameraClock } from '../../contract/onvif';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { CameraClockService, type ClockAlarmSink } from './camera-clock-service';
import { OnvifError, type ClockRead, type OnvifClient } from './onvif-client';

let dir: string;
let db: Database;
const T0 = Date.UTC(2026, 11, 7, 1, 0, 0);

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-clock-'));
  db = await openStationDb(dir);
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(T0);
});
afterEach(async () => {
  vi.useRealTimers();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A camera whose clock is `offsetMs` off, in time zone `tz` (its local time follows it). */
function camera(state: { offsetMs: number; localOffsetMs?: number; fail?: boolean }) {
  const reads: number[] = [];
  const client = {
    readClock: async (): Promise<ClockRead> => {
      reads.push(Date.now());
      if (state.fail) throw new OnvifError('unreachable', 'down');
      const utc = Math.floor((Date.now() + state.offsetMs) / 1000) * 1000;
      return {
        sdt: {
          utcMs: utc,
          localMs: utc + (state.localOffsetMs ?? 7 * 3600_000),
          tz: null,
          dst: false,
          ntp: false,
        },
        sentAt: Date.now() - 20,
        receivedAt: Date.now() + 20,
      };
    },
  } as unknown as OnvifClient;
  return { client, reads };
}

function build(cams: Record<string, ReturnType<typeof camera>>, alarms: ClockAlarmSink) {
  const events: CameraClock[] = [];
  const service = new CameraClockService({
    db,
    devices: {
      devices: async () => Object.keys(cams).map((cameraId) => ({ cameraId })),
      clientFor: async (id) => cams[id]?.client ?? null,
    },
    emit: (_e, c) => events.push(c),
    alarms,
    intervalMs: 60_000,
  });
  return { service, events };
}

function recordingSink() {
  const calls: string[] = [];
  const sink: ClockAlarmSink = {
    open: (id, kind) => void calls.push(`open ${id} ${kind}`),
    close: (id, kind) => void calls.push(`close ${id} ${kind}`),
  };
  return { sink, calls };
}

describe('CameraClockService', () => {
  it('reads every camera once an interval, staggered across it', async () => {
    const cams = {
      a: camera({ offsetMs: 0 }),
      b: camera({ offsetMs: 0 }),
      c: camera({ offsetMs: 0 }),
    };
    const { service } = build(cams, recordingSink().sink);
    await service.start();
    // One second at a time, letting each reading's database write finish (real I/O).
    for (let s = 0; s <= 120; s++) {
      await vi.advanceTimersByTimeAsync(1000);
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    }
    // Camera i first at i·interval/N, then every interval.
    expect(cams.a.reads.map((t) => t - T0)).toEqual([0, 60_000, 120_000]);
    expect(cams.b.reads.map((t) => t - T0)).toEqual([20_000, 80_000]);
    expect(cams.c.reads.map((t) => t - T0)).toEqual([40_000, 100_000]);
    await service.dispose();
  });

  it('opens the clock alarm over 60 s and closes it when the clock is back; a warning opens none', async () => {
    const state = { offsetMs: 8_000 };
    const cams = { a: camera(state) };
    const { sink, calls } = recordingSink();
    const { service, events } = build(cams, sink);
    expect((await service.check('a')).level).toBe('warning');
    expect(calls.filter((c) => c.startsWith('open'))).toEqual([]);
    state.offsetMs = 2 * 3600_000;
    expect((await service.check('a')).level).toBe('alarm');
    expect(calls.at(-2)).toBe('open a clock');
    state.offsetMs = 1_000;
    expect((await service.check('a')).level).toBe('ok');
    expect(calls.at(-2)).toBe('close a clock');
    expect(events.map((e) => e.level)).toEqual(['warning', 'alarm', 'ok']);
    expect(await service.clocks()).toEqual([events[2]]);
  });

  it('a wrong zone opens the time-zone alarm; an unreadable camera changes no alarm', async () => {
    const state = { offsetMs: 0, localOffsetMs: 0, fail: false };
    const { sink, calls } = recordingSink();
    const { service } = build({ a: camera(state) }, sink);
    expect(await service.check('a')).toMatchObject({ level: 'alarm', tzOk: false });
    expect(calls).toEqual(['close a clock', 'open a timezone']);
    state.fail = true;
    expect(await service.check('a')).toMatchObject({ level: 'unknown', error: 'unreachable' });
    expect(calls).toHaveLength(2);
  });

  it('keeps readings across a restart', async () => {
    const { service } = build({ a: camera({ offsetMs: 30_000 }) }, recordingSink().sink);
    await service.check('a');
    await service.dispose();
    const again = build({ a: camera({ offsetMs: 0 }) }, recordingSink().sink).service;
    await again.start();
    expect(await again.clocks()).toEqual([
      expect.objectContaining({ cameraId: 'a', level: 'warning' }),
    ]);
    await again.dispose();
  });
});
