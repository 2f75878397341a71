import { describe, expect, it } from 'vitest';
import type { ExportDrive } from '../../electron/contract/export-schemas';
import { driveAt, NO_DESTINATION, nextDestination } from './export-destination';

const drive = (mountPath: string): ExportDrive => ({
  mountPath,
  label: mountPath.split('/').pop() ?? mountPath,
  sizeBytes: 16e9,
  freeBytes: 8e9,
  fsType: 'vfat',
});

describe('the proposed destination', () => {
  it('takes the first stick when none is chosen and waits when there is none', () => {
    expect(nextDestination(NO_DESTINATION, [])).toEqual(NO_DESTINATION);
    expect(
      nextDestination(NO_DESTINATION, [drive('/media/a/USB1'), drive('/media/a/USB2')]),
    ).toEqual({ path: '/media/a/USB1', fromDrive: true });
  });

  it('stays on a chosen stick while it is plugged in and moves off it when pulled out', () => {
    const two = { path: '/media/a/USB2', fromDrive: true };
    expect(nextDestination(two, [drive('/media/a/USB1'), drive('/media/a/USB2')])).toBe(two);
    expect(nextDestination(two, [drive('/media/a/USB1')])).toEqual({
      path: '/media/a/USB1',
      fromDrive: true,
    });
    expect(nextDestination(two, [])).toEqual(NO_DESTINATION);
  });

  it('never replaces a folder the officer chose or typed', () => {
    const folder = { path: '/home/canbo/Xuat', fromDrive: false };
    expect(nextDestination(folder, [drive('/media/a/USB1')])).toBe(folder);
    expect(nextDestination(folder, [])).toBe(folder);
  });

  it('finds the drive of a destination by its mount path', () => {
    const drives = [drive('E:\\'), drive('F:\\')];
    expect(driveAt('F:\\', drives)?.mountPath).toBe('F:\\');
    expect(driveAt('F:\\Xuat', drives)).toBeNull();
  });
});
