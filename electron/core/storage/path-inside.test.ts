import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isInside, isInsideReal, realPathOf } from './path-inside';

describe('isInside', () => {
  it('is the folder itself or below it, never a sibling with the same prefix', () => {
    expect(isInside('/media/u/USB', '/media/u/USB')).toBe(true);
    expect(isInside('/media/u/USB/exports/a', '/media/u/USB')).toBe(true);
    expect(isInside('/media/u/USB2', '/media/u/USB')).toBe(false);
    expect(isInside('/media/u', '/media/u/USB')).toBe(false);
    expect(isInside('/srv/data/../other', '/srv/data')).toBe(false);
  });

  it('takes a folder named "..x" for what it is: inside', () => {
    expect(isInside('/srv/data/..x', '/srv/data')).toBe(true);
    expect(isInside('/srv/data/..x/y', '/srv/data')).toBe(true);
    expect(isInside('/srv/data/..', '/srv/data')).toBe(false);
  });
});

describe('isInsideReal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'path-inside-'));
  const data = join(dir, 'data');
  mkdirSync(join(data, 'recordings'), { recursive: true });
  symlinkSync(data, join(dir, 'link-to-data'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sees through a symlink to the guarded folder, also for a path not created yet', async () => {
    expect(isInside(join(dir, 'link-to-data'), data)).toBe(false); // by name alone
    expect(await isInsideReal(join(dir, 'link-to-data'), data)).toBe(true);
    expect(await isInsideReal(join(dir, 'link-to-data', 'new', 'deeper'), data)).toBe(true);
    expect(await realPathOf(join(dir, 'link-to-data', 'new'))).toBe(join(data, 'new'));
    expect(await isInsideReal(join(dir, 'elsewhere'), data)).toBe(false);
  });
});
