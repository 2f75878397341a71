import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledFfmpegDir, locateFfmpeg } from './ffmpeg-locator';

const root = mkdtempSync(path.join(tmpdir(), 'ffloc-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function fakeTools(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const name of ['ffmpeg', 'ffprobe']) {
    writeFileSync(path.join(dir, name), '#!/bin/sh\n');
    chmodSync(path.join(dir, name), 0o755);
  }
}

describe('locateFfmpeg', () => {
  it('finds the system ffmpeg on PATH', () => {
    const found = locateFfmpeg({ env: { PATH: '/nonexistent:/usr/bin' } });
    expect(found).toEqual({
      ffmpeg: '/usr/bin/ffmpeg',
      ffprobe: '/usr/bin/ffprobe',
      source: 'path',
    });
  });

  it('prefers the bundled copy over PATH', () => {
    const bundled = bundledFfmpegDir(path.join(root, 'resources'), 'linux');
    fakeTools(bundled);
    const found = locateFfmpeg({
      bundledDir: bundled,
      env: { PATH: '/usr/bin' },
      platform: 'linux',
    });
    expect(found?.source).toBe('bundled');
    expect(found?.ffmpeg).toBe(path.join(bundled, 'ffmpeg'));
  });

  it('prefers the setting (file or folder) over everything', () => {
    const custom = path.join(root, 'custom');
    fakeTools(custom);
    expect(
      locateFfmpeg({ setting: path.join(custom, 'ffmpeg'), env: { PATH: '/usr/bin' } }),
    ).toEqual({
      ffmpeg: path.join(custom, 'ffmpeg'),
      ffprobe: path.join(custom, 'ffprobe'),
      source: 'setting',
    });
    expect(locateFfmpeg({ setting: custom, env: { PATH: '/usr/bin' } })?.source).toBe('setting');
  });

  it('returns null when nothing is found, or the setting is wrong', () => {
    expect(locateFfmpeg({ env: { PATH: path.join(root, 'empty') } })).toBeNull();
    expect(
      locateFfmpeg({ setting: path.join(root, 'missing/ffmpeg'), env: { PATH: '/usr/bin' } }),
    ).toBeNull();
  });
});
