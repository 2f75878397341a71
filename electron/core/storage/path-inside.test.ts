import { describe, expect, it } from 'vitest';
import { isInside } from './path-inside';

describe('isInside', () => {
  it('is the folder itself or below it, never a sibling with the same prefix', () => {
    expect(isInside('/media/u/USB', '/media/u/USB')).toBe(true);
    expect(isInside('/media/u/USB/exports/a', '/media/u/USB')).toBe(true);
    expect(isInside('/media/u/USB2', '/media/u/USB')).toBe(false);
    expect(isInside('/media/u', '/media/u/USB')).toBe(false);
    expect(isInside('/srv/data/../other', '/srv/data')).toBe(false);
  });
});
