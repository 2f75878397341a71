import { describe, expect, it } from 'vitest';
import { base64OfDataUrl, SNAPSHOT_MAX_WIDTH, snapshotSize } from './frame-snapshot';

describe('snapshot scaling', () => {
  it('scales wide frames down to 1280 px keeping the aspect ratio', () => {
    expect(snapshotSize(1920, 1080)).toEqual({ width: SNAPSHOT_MAX_WIDTH, height: 720 });
    expect(snapshotSize(2592, 1944)).toEqual({ width: 1280, height: 960 });
    expect(snapshotSize(2560, 1440, 640)).toEqual({ width: 640, height: 360 });
  });

  it('never upscales a sub-stream frame', () => {
    expect(snapshotSize(640, 360)).toEqual({ width: 640, height: 360 });
    expect(snapshotSize(1280, 720)).toEqual({ width: 1280, height: 720 });
  });

  it('has no size without a frame', () => {
    expect(snapshotSize(0, 0)).toBeNull();
    expect(snapshotSize(640, 0)).toBeNull();
    expect(snapshotSize(Number.NaN, 480)).toBeNull();
  });

  it('keeps at least one row for extreme shapes', () => {
    expect(snapshotSize(100_000, 10)).toEqual({ width: 1280, height: 1 });
  });
});

describe('data URL → base64', () => {
  it('takes the base64 of a JPEG data URL only', () => {
    expect(base64OfDataUrl('data:image/jpeg;base64,/9j/4AAQSkZJRg==')).toBe('/9j/4AAQSkZJRg==');
    // What toDataURL returns for a zero-size canvas.
    expect(base64OfDataUrl('data:,')).toBeNull();
    expect(base64OfDataUrl('data:image/png;base64,iVBORw0KGgo=')).toBeNull();
  });
});
