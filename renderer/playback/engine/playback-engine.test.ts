import { describe, expect, it } from 'vitest';
import { nearestRate } from './playback-engine';
import { PLAYBACK_RATES } from './types';

describe('nearestRate', () => {
  it('keeps allowed rates and snaps others to the nearest on a log scale', () => {
    for (const r of PLAYBACK_RATES) expect(nearestRate(r)).toBe(r);
    expect(nearestRate(3)).toBe(4);
    expect(nearestRate(0.3)).toBe(0.25);
    expect(nearestRate(100)).toBe(16);
    expect(nearestRate(0.01)).toBe(1 / 8);
  });
});
