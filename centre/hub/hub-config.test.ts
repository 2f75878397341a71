// Runs `nats-server -t` on the written config: listed in INTEGRATION_TESTS.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findNatsServer } from '../../electron/core/district/nats-server-process';
import bcrypt from 'bcryptjs';
import {
  renderHubConfig,
  stationPermissions,
  writeHubConfig,
  type HubConfigInput,
} from './hub-config';
import { ensureCentrePki } from './pki';

function natsTest(file: string): Promise<{ ok: boolean; out: string }> {
  return new Promise((resolve) => {
    execFile(findNatsServer(), ['-t', '-c', file], { timeout: 20_000 }, (err, stdout, stderr) =>
      resolve({ ok: !err, out: `${stdout}${stderr}` }),
    );
  });
}

describe('hub config', () => {
  it('is a config nats-server accepts, with each station held to its own subjects', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'centre-hubconf-'));
    const pki = await ensureCentrePki(dir, []);
    const input: HubConfigInput = {
      leafHost: '127.0.0.1',
      leafPort: -1,
      tlsCert: pki.hubCert,
      tlsKey: pki.hubKey,
      storeDir: path.join(dir, 'js with "quote"'),
      pidFile: path.join(dir, 'hub.pid'),
      centreUser: 'centre',
      centrePasswordHash: bcrypt.hashSync('centre-password-0123', 4),
      stations: [
        { stationId: 'p01', passwordHash: bcrypt.hashSync('p1-password-0123456', 4) },
        { stationId: 'phuong-ben-nghe', passwordHash: bcrypt.hashSync('p2-password-0123456', 4) },
      ],
    };
    const file = path.join(dir, 'hub.conf');
    writeHubConfig(file, input);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const result = await natsTest(file);
    expect(result.out).toMatch(/configuration file .* (is valid|test is successful)/);
    expect(result.ok).toBe(true);

    const text = readFileSync(file, 'utf8');
    expect(text).toContain('"$JS.st-phuong-ben-nghe.API.CONSUMER.CREATE.ST_PHUONG_BEN_NGHE"');
    expect(text).toContain('"$JS.hub.API.STREAM.INFO.RQ_P01"');
    expect(text).not.toContain('p1-password');
  });

  it('gives a station exactly the permissions of the design', () => {
    expect(stationPermissions('p01')).toEqual({
      publish: [
        'dc.p01.>',
        '$JSC.R.>',
        '$JS.hub.API.CONSUMER.CREATE.RQ_P01',
        '$JS.hub.API.CONSUMER.CREATE.RQ_P01.>',
        '$JS.hub.API.CONSUMER.DELETE.RQ_P01.>',
        '$JS.hub.API.STREAM.INFO.RQ_P01',
        '$JS.FC.RQ_P01.>',
      ],
      subscribe: [
        '$JS.st-p01.API.CONSUMER.CREATE.ST_P01',
        '$JS.st-p01.API.CONSUMER.CREATE.ST_P01.>',
        '$JS.st-p01.API.CONSUMER.DELETE.ST_P01.>',
        '$JS.st-p01.API.STREAM.INFO.ST_P01',
        '$JS.FC.ST_P01.>',
        'dc.p01.rqd.>',
        '$JSC.R.>',
      ],
    });
  });

  it('refuses a station id, host or hash that could inject config', () => {
    const base: HubConfigInput = {
      leafHost: '127.0.0.1',
      leafPort: 7422,
      tlsCert: '/c',
      tlsKey: '/k',
      storeDir: '/s',
      pidFile: '/p',
      centreUser: 'centre',
      centrePasswordHash: bcrypt.hashSync('x', 4),
      stations: [],
    };
    expect(() =>
      renderHubConfig({
        ...base,
        stations: [{ stationId: 'p01"}', passwordHash: bcrypt.hashSync('x', 4) }],
      }),
    ).toThrow();
    expect(() => renderHubConfig({ ...base, leafHost: '0.0.0.0\nlisten: x' })).toThrow();
    expect(() => renderHubConfig({ ...base, centrePasswordHash: 'plain' })).toThrow();
    expect(() =>
      renderHubConfig({
        ...base,
        stations: [
          { stationId: 'p01', passwordHash: bcrypt.hashSync('x', 4) },
          { stationId: 'p01', passwordHash: bcrypt.hashSync('y', 4) },
        ],
      }),
    ).toThrow(/twice/);
  });
});
