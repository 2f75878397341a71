import { describe, expect, it } from 'vitest';
import type { PlaybackTimeline } from '../../electron/contract/playback-schemas';
import { SNAP_RADIUS_PX, snapTargets, snapTime } from './range-snap';

const T = Date.UTC(2025, 5, 1, 7, 0, 0);

describe('snapTime', () => {
  // 100 ms per pixel: the snap radius reaches 600 ms.
  const msPerPx = 100;

  it('sticks to the nearest target within the radius', () => {
    expect(snapTime(T + 450, [T, T + 700], msPerPx)).toBe(T + 700);
    expect(snapTime(T + 250, [T, T + 700], msPerPx)).toBe(T);
    expect(snapTime(T - SNAP_RADIUS_PX * msPerPx, [T], msPerPx)).toBe(T);
  });

  it('rounds to the second when no target is near', () => {
    expect(snapTime(T + 12_345, [T], msPerPx)).toBe(T + 12_000);
    expect(snapTime(T + 12_501, [], msPerPx)).toBe(T + 13_000);
    expect(snapTime(T - SNAP_RADIUS_PX * msPerPx - 1, [T + 40], msPerPx)).toBe(T - 1000);
  });

  it('reaches further when zoomed out', () => {
    expect(snapTime(T + 50_000, [T], 10_000)).toBe(T);
    expect(snapTime(T + 50_000, [T], 1_000)).toBe(T + 50_000);
  });
});

describe('snapTargets', () => {
  it('takes the playhead, incident ends and recording ends', () => {
    const data: PlaybackTimeline = {
      fromMs: T,
      toMs: T + 3_600_000,
      bucketMs: 60_000,
      resolutionMs: 0,
      cameras: [
        {
          cameraId: 'a',
          ranges: [{ startMs: T + 1000, endMs: T + 2000 }],
          gaps: [],
          activity: [],
          alarms: [],
        },
      ],
      incidents: [
        {
          id: 'i1',
          code: 'VV-0001',
          category: 'theft',
          severity: 'high',
          status: 'new',
          occurredAt: T + 5000,
          startMs: T + 5000,
          endMs: T + 9000,
          cameraIds: ['a'],
        },
      ],
    };
    expect(snapTargets(data, T + 42).sort((a, b) => a - b)).toEqual([
      T + 42,
      T + 1000,
      T + 2000,
      T + 5000,
      T + 9000,
    ]);
    expect(snapTargets(null, T)).toEqual([T]);
  });
});
