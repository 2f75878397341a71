import { describe, expect, it } from 'vitest';
import type { IncidentMarker } from '../../electron/contract/playback-schemas';
import { activityPeaks, activityScore, nextIncident, nextTime } from './timeline-jumps';

const cam = (cameraId: string, activity: number[]) => ({
  cameraId,
  ranges: [],
  gaps: [],
  activity,
  alarms: [],
});

describe('activityPeaks', () => {
  it('finds the bursts of a camera above twice the median, one per burst', () => {
    const a = [10, 10, 10, 40, 35, 10, 10, 10, 10, 10, 10, 12, 10, 60, 10, 10];
    const peaks = activityPeaks({ fromMs: 1000, bucketMs: 100, cameras: [cam('a', a)] });
    expect(peaks).toEqual([1300, 2300]);
  });

  it('has no peaks in a steady scene', () => {
    const flat = new Array(50).fill(500);
    expect(activityPeaks({ fromMs: 0, bucketMs: 100, cameras: [cam('a', flat)] })).toEqual([]);
    expect(activityPeaks({ fromMs: 0, bucketMs: 100, cameras: [] })).toEqual([]);
  });

  it('scales each camera by its own median so a quiet camera counts too', () => {
    const loud = new Array(20).fill(10_000);
    const quiet = new Array(20).fill(10);
    quiet[7] = 80;
    const score = activityScore({ cameras: [cam('a', loud), cam('b', quiet)] });
    expect(score[7]).toBe(9);
    expect(score[0]).toBe(2);
    expect(
      activityPeaks({ fromMs: 0, bucketMs: 1000, cameras: [cam('a', loud), cam('b', quiet)] }),
    ).toEqual([7000]);
  });
});

describe('nextTime', () => {
  const times = [1000, 5000, 9000];
  it('goes to the neighbour in either direction, skipping the one under the playhead', () => {
    expect(nextTime(times, 5000, 1)).toBe(9000);
    expect(nextTime(times, 5000, -1)).toBe(1000);
    expect(nextTime(times, 5200, -1)).toBe(1000);
    expect(nextTime(times, 6000, -1)).toBe(5000);
    expect(nextTime(times, 9000, 1)).toBeNull();
    expect(nextTime(times, 1000, -1)).toBeNull();
  });
});

describe('nextIncident', () => {
  const marker = (id: string, startMs: number): IncidentMarker => ({
    id,
    code: `VV-${id}`,
    category: 'theft',
    severity: 'medium',
    status: 'new',
    occurredAt: startMs + 60_000,
    startMs,
    endMs: startMs + 300_000,
    cameraIds: ['a'],
  });
  it('returns the incident whose start is next', () => {
    const list = [marker('2', 20_000), marker('1', 10_000)];
    expect(nextIncident(list, 0, 1)?.id).toBe('1');
    expect(nextIncident(list, 10_000, 1)?.id).toBe('2');
    expect(nextIncident(list, 15_000, -1)?.id).toBe('1');
    expect(nextIncident(list, 10_000, -1)).toBeNull();
  });
});
