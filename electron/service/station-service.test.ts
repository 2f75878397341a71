// Browser mode as scripts and e2e use it: spawn the server, read the readiness
// line, load the app shell without the token, call the contract over /rpc with
// it, open a live stream, then SIGTERM and check that no ffmpeg is left behind.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createApi } from '../contract/api';
import { createWsTransport, type WebSocketConstructor } from '../contract/ws-client';

interface Ready {
  ready: true;
  url: string;
  rpcUrl: string;
  port: number;
}

let dir: string;
let child: ChildProcess;
let ready: Ready;

/** ffmpeg processes below `pid` (ps lists each process once; the walk is bounded). */
function ffmpegDescendants(pid: number): number[] {
  const ps = spawnSync('ps', ['-eo', 'pid=,ppid=,comm='], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n');
  const rows = ps
    .map((l) => l.trim().split(/\s+/))
    .map(([p, pp, c]) => ({ pid: Number(p), ppid: Number(pp), comm: c ?? '' }));
  const tree = new Set([pid]);
  for (let pass = 0; pass < 5; pass++) for (const r of rows) if (tree.has(r.ppid)) tree.add(r.pid);
  return rows.filter((r) => tree.has(r.pid) && r.comm.startsWith('ffmpeg')).map((r) => r.pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-browser-'));
  const app = join(dir, 'renderer');
  mkdirSync(app);
  writeFileSync(join(app, 'index.html'), '<!doctype html><title>station</title>');
  child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'electron/service/station-service.ts',
      '--data-dir',
      join(dir, 'data'),
      '--port',
      '0',
      '--demo',
      'auto',
      '--renderer-dir',
      app,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no readiness line\n${stderr}`)), 30_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const msg = JSON.parse(line) as Ready;
      if (msg.ready) {
        clearTimeout(timer);
        resolve(msg);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${String(code)}\n${stderr}`)));
  });
});

afterAll(() => {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('station service', () => {
  it('serves the app shell without the token, and nothing else without it', async () => {
    const url = new URL(ready.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.hash).toMatch(/^#token=[0-9a-f]{64}$/);
    const page = await fetch(`${url.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('<title>station</title>');
    expect((await fetch(`${url.origin}/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
    const noToken = new WebSocket(`ws://127.0.0.1:${ready.port}/rpc`);
    const outcome = await new Promise<string>((resolve) => {
      noToken.once('open', () => resolve('open'));
      noToken.once('error', (e) => resolve(e.message));
    });
    expect(outcome).toMatch(/401/);
  });

  it('answers the contract over /rpc and plays a demo camera; SIGTERM leaves no ffmpeg', async () => {
    const t = createWsTransport(ready.rpcUrl, {
      WebSocket: WebSocket as unknown as WebSocketConstructor,
    });
    const api = createApi(t);
    expect((await api.system.info()).demoMode).toBe(true);
    await expect(api.cameras.list()).rejects.toMatchObject({ code: 'unauthenticated' });
    const { token: session } = await api.auth.setup({
      fullName: 'Nguyễn Văn Quản',
      rank: 'Thiếu tá',
      badgeNumber: '100-001',
      password: 'mat-khau-thu-1',
    });
    const cams = await api.cameras.list();
    expect(cams).toHaveLength(9);
    const token = new URL(ready.url).hash.slice('#token='.length);
    const ws = new WebSocket(
      `ws://127.0.0.1:${ready.port}/live?camera=${cams[0]!.id}&stream=sub&token=${token}`,
    );
    // The launch token alone opens no camera: live view needs a signed-in session.
    const closeReason = await new Promise<string>((resolve) => {
      ws.on('close', (_code, reason) => resolve(reason.toString()));
    });
    expect(closeReason).toBe('sign_in_required');
    const signedIn = new WebSocket(
      `ws://127.0.0.1:${ready.port}/live?camera=${cams[0]!.id}&stream=sub&token=${token}&session=${session}`,
    );
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no live data')), 20_000);
      signedIn.on('message', (_d, isBinary) => {
        if (isBinary) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const ffmpegPids = ffmpegDescendants(child.pid!);
    expect(ffmpegPids.length).toBeGreaterThan(0);
    t.close();
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    ws.close();
    // The server stops its ffmpeg children before it exits: none may be left, orphans included.
    expect(ffmpegPids.filter(isAlive)).toEqual([]);
  });
});
