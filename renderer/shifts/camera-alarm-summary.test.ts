import { describe, expect, it } from 'vitest';
import type { HandoverCameraAlarm } from '../../electron/contract/shift-schemas';
import { countsByKind, longestAlarm } from './camera-alarm-summary';

const alarm = (
  kind: HandoverCameraAlarm['kind'],
  startMs: number,
  durationMs: number,
  acknowledgedBy: string | null = null,
): HandoverCameraAlarm => ({
  cameraId: 'c1',
  cameraName: 'Ngã tư Phố Huế',
  kind,
  startMs,
  endMs: startMs + durationMs,
  durationMs,
  acknowledgedBy,
});

describe('camera alarm summary', () => {
  it('counts by kind in a fixed order and finds the longest', () => {
    const list = [
      alarm('frozen', 1000, 5000),
      alarm('covered', 2000, 600_000, 'Nguyễn Văn An'),
      alarm('frozen', 3000, 7000),
      alarm('clock', 500, 600_000),
    ];
    expect(countsByKind(list)).toEqual([
      { kind: 'frozen', count: 2 },
      { kind: 'covered', count: 1 },
      { kind: 'clock', count: 1 },
    ]);
    expect(longestAlarm(list)?.kind).toBe('clock');
    expect(longestAlarm([])).toBeNull();
  });
});
