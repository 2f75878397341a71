import { describe, expect, it } from 'vitest';
import { snapshotBand } from './snapshot-png';

describe('snapshotBand', () => {
  it('keeps the text readable on a small sub stream', () => {
    const b = snapshotBand(320, 180);
    expect(b.height).toBe(24);
    expect(b.fontPx).toBeGreaterThanOrEqual(12);
  });

  it('scales with the frame and stays a thin strip', () => {
    const hd = snapshotBand(1920, 1080);
    const uhd = snapshotBand(3840, 2160);
    expect(hd.height).toBe(81);
    expect(uhd.height).toBe(162);
    expect(uhd.height / 2160).toBeLessThan(0.1);
    expect(hd.fontPx).toBeLessThan(hd.height);
  });
});
