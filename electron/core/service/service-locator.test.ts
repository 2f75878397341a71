// How a console tells a live station service from a runtime file a dead one left,
// and when it must not start one of its own. The service side is a real HTTP
// server answering /health the way station-service.ts does (token header, pid).
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runtimeFileIn, writeRuntimeFile, type ServiceRuntime } from './runtime-file';
import {
  HEALTH_PATH,
  InstalledServiceUnreachableError,
  ServiceStartError,
  findOrStartService,
  findService,
} from './service-locator';

const TOKEN = 'a'.repeat(64);
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'locator-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A /health endpoint as the service has it, claiming `pid`. */
async function healthServer(pid: number): Promise<number> {
  const server: Server = createServer((req, res) => {
    if (req.url !== HEALTH_PATH || req.headers['x-station-token'] !== TOKEN) {
      res.writeHead(401).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, pid, startedAt: 1 }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return (server.address() as { port: number }).port;
}

function runtime(port: number, pid: number, token = TOKEN): ServiceRuntime {
  return {
    pid,
    port,
    token,
    mediaBaseUrl: `http://127.0.0.1:${port}`,
    rpcUrl: `ws://127.0.0.1:${port}/rpc`,
    dataDir: '/nowhere',
    version: '0.0.0',
    startedAt: 1,
  };
}

describe('findService', () => {
  it('finds the service its runtime file names, and only that one', async () => {
    const dir = tempDir();
    const file = runtimeFileIn(dir);
    const port = await healthServer(4242);
    await writeRuntimeFile(file, runtime(port, 4242));
    expect((await findService([file]))?.pid).toBe(4242);
    // Another process on that port now (the file's service died, the pid was reused).
    await writeRuntimeFile(file, runtime(port, 999));
    expect(await findService([file])).toBeNull();
    // A wrong token: not our service.
    await writeRuntimeFile(file, runtime(port, 4242, 'b'.repeat(64)));
    expect(await findService([file])).toBeNull();
  });

  it('skips a file a killed service left (nothing listens), a torn file and a missing one', async () => {
    const dir = tempDir();
    const dead = join(dir, 'dead.json');
    await writeRuntimeFile(dead, runtime(1, 4242));
    const torn = join(dir, 'torn.json');
    writeFileSync(torn, '{"pid": 12');
    const port = await healthServer(7);
    const live = join(dir, 'live.json');
    await writeRuntimeFile(live, runtime(port, 7));
    expect((await findService([join(dir, 'none.json'), dead, torn, live]))?.pid).toBe(7);
  });
});

describe('findOrStartService', () => {
  it('never starts a second service where the packages installed one', async () => {
    const dir = tempDir();
    const marker = join(dir, 'station-console.service');
    writeFileSync(marker, '[Unit]\n');
    const log = join(dir, 'start.log');
    await expect(
      findOrStartService(
        [runtimeFileIn(dir)],
        {
          command: process.execPath,
          args: ['-e', 'setTimeout(()=>{},60000)'],
          runtimeFile: runtimeFileIn(dir),
          logFile: log,
        },
        [marker],
      ),
    ).rejects.toBeInstanceOf(InstalledServiceUnreachableError);
  });

  it('says where to look when the service it starts exits at once', async () => {
    const dir = tempDir();
    const log = join(dir, 'logs', 'service-start.log');
    const err = await findOrStartService(
      [runtimeFileIn(dir)],
      {
        command: process.execPath,
        args: ['-e', 'console.error("boom"); process.exit(3)'],
        runtimeFile: runtimeFileIn(dir),
        logFile: log,
        timeoutMs: 10_000,
      },
      [],
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceStartError);
    expect((err as ServiceStartError).message).toContain('mã 3');
    expect((err as ServiceStartError).logFile).toBe(log);
  });
});
