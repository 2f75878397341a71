import { describe, expect, it } from 'vitest';
import { driftAction, SEEK_DRIFT_MS } from './drift-controller';

describe('driftAction', () => {
  it('plays at the clock rate inside half a frame', () => {
    expect(driftAction(19, 1, 40)).toEqual({ kind: 'rate', playbackRate: 1 });
    expect(driftAction(-19, 2, 40)).toEqual({ kind: 'rate', playbackRate: 2 });
  });

  it('slows a video that is ahead and speeds up one that is behind, by at most 10 %', () => {
    const ahead = driftAction(60, 1, 40);
    const behind = driftAction(-60, 1, 40);
    expect(ahead.kind === 'rate' && ahead.playbackRate).toBeCloseTo(0.94, 6);
    expect(behind.kind === 'rate' && behind.playbackRate).toBeCloseTo(1.06, 6);
    const far = driftAction(-250, 0.5, 40);
    expect(far.kind === 'rate' && far.playbackRate).toBeCloseTo(0.55, 6);
  });

  it('seeks above the limit, scaled with fast rates', () => {
    expect(driftAction(SEEK_DRIFT_MS + 1, 1, 40)).toEqual({ kind: 'seek' });
    expect(driftAction(-(SEEK_DRIFT_MS + 1), 1 / 8, 40)).toEqual({ kind: 'seek' });
    expect(driftAction(1000, 8, 40).kind).toBe('rate');
    expect(driftAction(2500, 8, 40)).toEqual({ kind: 'seek' });
  });
});
