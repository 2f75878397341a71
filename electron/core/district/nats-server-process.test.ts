// The real nats-server from the bootstrap: started from a config we wrote, its
// ports read from its log, stopped cleanly; a broken config fails with its own
// words; and the leaf config we write is one nats-server accepts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect } from '@nats-io/transport-node';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureCentrePki } from '../../../centre/hub/pki';
import { leafNodeConfig } from './leaf-config';
import {
  findNatsServer,
  NatsServerFailed,
  NatsServerMissing,
  startNatsServer,
} from './nats-server-process';

const dir = mkdtempSync(path.join(tmpdir(), 'nats-proc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('nats-server process', () => {
  it('finds the installed server, and names where it looked when there is none', () => {
    expect(findNatsServer()).toMatch(/nats-server$/);
    expect(() => findNatsServer({ env: { PATH: dir } })).toThrow(NatsServerMissing);
    expect(() => findNatsServer({ env: { PATH: dir } })).toThrow(/apt-get install nats-server/);
  });

  it('starts on a port of its own choosing, serves a client, and stops', async () => {
    const conf = path.join(dir, 'plain.conf');
    writeFileSync(conf, 'listen: "127.0.0.1:-1"\n');
    const server = await startNatsServer({ binary: findNatsServer(), configFile: conf, name: 't' });
    expect(server.clientUrl).toMatch(/^nats:\/\/127\.0\.0\.1:\d+$/);
    const nc = await connect({ servers: server.clientUrl });
    const sub = nc.subscribe('x', { max: 1 });
    nc.publish('x', 'hello');
    for await (const m of sub) expect(m.string()).toBe('hello');
    await nc.close();
    await server.stop();
    expect(await server.exited).not.toBeUndefined();
  });

  it('fails with the server’s own reason on a bad config', async () => {
    const conf = path.join(dir, 'bad.conf');
    writeFileSync(conf, 'listen: "127.0.0.1:-1"\njetstream { bogus_key: 1 }\n');
    const started = startNatsServer({ binary: findNatsServer(), configFile: conf, name: 'bad' });
    await expect(started).rejects.toThrow(NatsServerFailed);
  });

  it('writes a leaf config nats-server accepts', async () => {
    const conf = path.join(dir, 'leaf.conf');
    // nats-server -t parses the CA file: a real one, as the centre makes it.
    const pki = await ensureCentrePki(path.join(dir, 'centre'), ['127.0.0.1']);
    writeFileSync(
      conf,
      leafNodeConfig({
        credentials: {
          format: 'station-district-credentials/1',
          stationId: 'p-tan-dinh',
          stationName: 'Công an phường Tân Định',
          hubUrl: 'tls://centre.example:7422',
          user: 'st-p-tan-dinh',
          password: 'a"b\\c d@e:f/g0123456789',
          caPem: '-----BEGIN CERTIFICATE-----',
        },
        caFile: pki.caCert,
        storeDir: path.join(dir, 'js'),
        localUser: 'station',
        localPassword: 'x"y',
      }),
    );
    const check = spawnSync(findNatsServer(), ['-t', '-c', conf], { encoding: 'utf8' });
    expect(check.stderr + check.stdout).not.toMatch(/error/i);
    expect(check.status).toBe(0);
  });
});
