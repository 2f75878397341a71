// The command line and environment the console starts the service with.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serviceStartOptions } from './service-launch';

const base = { execPath: '/opt/station/station', buildDir: '/opt/station/dist', dataDir: '/d' };

describe('serviceStartOptions', () => {
  it("runs Electron's binary as Node on the bundled entry, logging beside the data", () => {
    const o = serviceStartOptions({ ...base, env: { PATH: '/usr/bin' } });
    expect(o.command).toBe('/opt/station/station');
    expect(o.args).toEqual([
      path.join('/opt/station/dist', 'station-service.cjs'),
      '--data-dir',
      '/d',
    ]);
    expect(o.env).toEqual({ PATH: '/usr/bin', ELECTRON_RUN_AS_NODE: '1' });
    expect(o.runtimeFile).toBe(path.join('/d', 'service.json'));
    expect(o.logFile).toBe(path.join('/d', 'logs', 'service-start.log'));
  });

  it("puts the packaged ffmpeg first on the service's PATH, whatever its spelling", () => {
    const dir = '/opt/station/resources/ffmpeg/linux';
    expect(
      serviceStartOptions({ ...base, env: { PATH: '/usr/bin' }, bundledFfmpegDir: dir }).env,
    ).toMatchObject({ PATH: `${dir}${path.delimiter}/usr/bin` });
    const win = serviceStartOptions({
      ...base,
      env: { Path: 'C:\\Windows' },
      bundledFfmpegDir: dir,
    });
    expect(win.env).toEqual({
      Path: `${dir}${path.delimiter}C:\\Windows`,
      ELECTRON_RUN_AS_NODE: '1',
    });
    expect(serviceStartOptions({ ...base, env: {}, bundledFfmpegDir: dir }).env?.PATH).toBe(dir);
  });
});
