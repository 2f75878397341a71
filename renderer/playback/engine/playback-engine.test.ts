import { describe, expect, it } from 'vitest';
import { nearestRate, recordingUrl } from './playback-engine';
import { PLAYBACK_RATES } from './types';

describe('recordingUrl', () => {
  it('names the segment by id with the launch and session tokens', () => {
    expect(recordingUrl('http://127.0.0.1:4000/', 42, 'a b', 'sess')).toBe(
      'http://127.0.0.1:4000/recordings/42?token=a+b&session=sess',
    );
    expect(recordingUrl('http://127.0.0.1:4000', 7, 't', null)).toBe(
      'http://127.0.0.1:4000/recordings/7?token=t',
    );
  });
});

describe('nearestRate', () => {
  it('keeps allowed rates and snaps others to the nearest on a log scale', () => {
    for (const r of PLAYBACK_RATES) expect(nearestRate(r)).toBe(r);
    expect(nearestRate(3)).toBe(4);
    expect(nearestRate(0.3)).toBe(0.25);
    expect(nearestRate(100)).toBe(16);
    expect(nearestRate(0.01)).toBe(1 / 8);
  });
});
