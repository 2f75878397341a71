import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startRig, type Rig } from '../../../e2e/rig/rig';
import { encodeLiveClientFrame, LiveTextFrame } from '../../contract/live-stream';
import type { StreamStatus } from '../../contract/schemas';
import { registerLiveRoutes } from '../media-server/live-routes';
import { MediaServer } from '../media-server/media-server';
import { Fmp4Splitter, type MediaFragment } from './fmp4-splitter';
import { LiveHub, type LiveHubOptions } from './live-hub';
import { childProcesses, waitFor } from './test-helpers';
import type { StreamInput } from './types';
import { TEST_FFMPEG } from './testing/ffmpeg-bin';

interface Received {
  texts: Array<Record<string, unknown>>;
  binaries: Buffer[];
  /** Fragments as the client would parse them, with arrival time. */
  fragments: Array<MediaFragment & { at: number; decodeTime: number }>;
  closed: { code: number; reason: string } | null;
}

function decodeTime(frag: Buffer): number {
  const at = frag.indexOf('tfdt', 0, 'latin1');
  if (at < 0) return -1;
  return frag[at + 4] === 1 ? Number(frag.readBigUInt64BE(at + 8)) : frag.readUInt32BE(at + 8);
}

function connect(url: string): { ws: WebSocket; got: Received; opened: Promise<void> } {
  const ws = new WebSocket(url);
  const got: Received = { texts: [], binaries: [], fragments: [], closed: null };
  const splitter = new Fmp4Splitter();
  splitter.on('error', () => {}); // MPEG-TS clients also pass through here; only fMP4 parses
  splitter.on('fragment', (f) =>
    got.fragments.push({ ...f, at: Date.now(), decodeTime: decodeTime(f.data) }),
  );
  ws.on('message', (data, isBinary) => {
    const buf = Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[]);
    if (isBinary) {
      got.binaries.push(buf);
      splitter.push(buf);
    } else {
      const msg = JSON.parse(buf.toString('utf8')) as Record<string, unknown>;
      if (msg.type === 'init') splitter.reset();
      got.texts.push(msg);
    }
  });
  ws.on('close', (code, reason) => {
    got.closed = { code, reason: reason.toString() };
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, got, opened };
}

const ffmpegChildren = () => childProcesses().filter((c) => c.comm === 'ffmpeg');

describe('LiveHub behind the MediaServer, against the RTSP rig', () => {
  let rig: Rig;
  let server: MediaServer;
  let hub: LiveHub;
  let wsBase: string;
  const statuses: StreamStatus[] = [];
  const sockets: WebSocket[] = [];

  const inputs: Record<string, () => StreamInput> = {
    cam1: () => ({ kind: 'rtsp', url: rig.url('cam1'), safeLabel: 'cam1' }),
    heavy1: () => ({ kind: 'rtsp', url: rig.url('heavy1'), safeLabel: 'heavy1' }),
    hevc1: () => ({ kind: 'rtsp', url: rig.url('hevc1'), safeLabel: 'hevc1', codec: 'hevc' }),
    demo1: () => ({ kind: 'demo', index: 1, title: 'Demo 1', safeLabel: 'demo1' }),
  };

  async function setup(opts: Partial<LiveHubOptions> = {}) {
    hub = new LiveHub({
      ffmpegPath: TEST_FFMPEG,
      resolveInput: async (id) => {
        const make = inputs[id];
        if (!make) throw Object.assign(new Error('no camera'), { code: 'not_found' });
        return make();
      },
      onStatus: (s) => statuses.push(s),
      idleStopMs: 300,
      ...opts,
    });
    server = new MediaServer();
    registerLiveRoutes(server, hub, { canWatch: (session) => session === 'officer-session' });
    const { baseUrl } = await server.start();
    wsBase = `${baseUrl.replace('http', 'ws')}/live?token=${server.token}&session=officer-session`;
  }

  function open(query: string) {
    const c = connect(`${wsBase}&${query}`);
    sockets.push(c.ws);
    return c;
  }

  beforeAll(async () => {
    rig = await startRig({ h264: ['cam1'], h265: ['hevc1'], heavy: ['heavy1'] });
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.terminate();
    await hub.dispose();
    await server.dispose();
    expect(await waitFor(() => ffmpegChildren().length === 0, 5000)).toBe(true);
  });
  afterAll(() => rig.stop());

  it('sends status, init (codec + segment), then fragments starting at a keyframe', async () => {
    await setup();
    const { got, opened } = open('camera=cam1&stream=main&format=fmp4');
    await opened;
    expect(await waitFor(() => got.fragments.length >= 3, 15_000)).toBe(true);
    expect(got.texts[0]).toMatchObject({ type: 'status', cameraId: 'cam1', stream: 'main' });
    const init = got.texts.find((t) => t.type === 'init');
    expect(init?.codec).toMatch(/^avc1\.42[0-9a-f]{4}$/);
    expect(got.binaries[0]!.toString('latin1', 4, 8)).toBe('ftyp');
    expect(got.fragments[0]!.isKeyframe).toBe(true);
    expect(got.texts.some((t) => t.type === 'status' && t.state === 'live')).toBe(true);
    // Every text frame is one the contract describes: the renderer ignores anything else.
    for (const t of got.texts) expect(LiveTextFrame.parse(t)).toEqual(t);
    expect(statuses.some((s) => s.cameraId === 'cam1' && s.state === 'live')).toBe(true);
  });

  it('serves two clients of one camera from one ffmpeg, and stops it after the last leaves', async () => {
    await setup();
    const a = open('camera=cam1&stream=main');
    await a.opened;
    expect(await waitFor(() => a.got.fragments.length >= 2, 15_000)).toBe(true);
    const b = open('camera=cam1&stream=main&format=fmp4');
    await b.opened;
    expect(await waitFor(() => b.got.fragments.length >= 2, 15_000)).toBe(true);
    // The late joiner starts at a keyframe too (the cached GOP).
    expect(b.got.fragments[0]!.isKeyframe).toBe(true);
    expect(hub.sessionsInfo()).toHaveLength(1);
    expect(hub.sessionsInfo()[0]).toMatchObject({ clients: 2, spawnCount: 1 });
    expect(ffmpegChildren()).toHaveLength(1);

    a.ws.close();
    b.ws.close();
    expect(await waitFor(() => hub.sessionsInfo().length === 0, 5000)).toBe(true);
    expect(await waitFor(() => ffmpegChildren().length === 0, 5000)).toBe(true);
    expect(statuses.at(-1)).toMatchObject({ cameraId: 'cam1', state: 'idle' });
  });

  it('a paused client stays bounded and resumes at a keyframe', async () => {
    const minBufferedBytes = 64 * 1024;
    // A tiny per-second allowance so the byte floor is the bound under test.
    await setup({ minBufferedBytes, maxBufferedSeconds: 0.05 });
    const slow = open('camera=heavy1&stream=main');
    await slow.opened;
    expect(await waitFor(() => slow.got.fragments.length >= 2, 15_000)).toBe(true);

    slow.ws.pause();
    let maxBuffered = 0;
    let maxFragment = 0;
    // Loopback TCP buffers (autotuned up to tcp_rmem max) absorb megabytes before ws
    // sees backpressure; the noise mount fills them in seconds. Bounded at 30 s.
    for (let i = 0; i < 300; i++) {
      const stats = hub.clientStats()[0]!;
      maxBuffered = Math.max(maxBuffered, stats.bufferedAmount);
      if (process.env.DEBUG_SLOW) console.log(i, stats);
      if (stats.droppedFragments > 5 && i > 30) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const before = hub.clientStats()[0]!;
    expect(before.droppedFragments).toBeGreaterThan(0);
    for (const f of slow.got.fragments) maxFragment = Math.max(maxFragment, f.data.length);
    // Bound: the threshold plus at most one fragment that was in flight when it crossed.
    expect(maxBuffered).toBeLessThan(minBufferedBytes + 2 * maxFragment);

    const countBefore = slow.got.fragments.length;
    slow.ws.resume();
    expect(await waitFor(() => hub.clientStats()[0]!.resumes >= 1, 15_000)).toBe(true);
    expect(await waitFor(() => slow.got.fragments.length > countBefore + 5, 15_000)).toBe(true);
    // Find the gap in decode times the drop left; the fragment after it is a keyframe.
    const frags = slow.got.fragments;
    const steps = frags.slice(1).map((f, i) => f.decodeTime - frags[i]!.decodeTime);
    const typical = [...steps].sort((x, y) => x - y)[Math.floor(steps.length / 2)]!;
    const gaps = steps
      .map((d, i) => ({ d, next: frags[i + 1]! }))
      .filter((s) => s.d > typical * 2.5);
    expect(gaps.length).toBeGreaterThan(0);
    for (const g of gaps) expect(g.next.isKeyframe).toBe(true);
  });

  it('a client that pauses gets nothing, and on resume gets init and a decodable keyframe', async () => {
    await setup();
    const a = open('camera=cam1&stream=main&format=fmp4');
    const b = open('camera=cam1&stream=main&format=fmp4');
    await Promise.all([a.opened, b.opened]);
    expect(await waitFor(() => a.got.fragments.length >= 3, 15_000)).toBe(true);

    a.ws.send(encodeLiveClientFrame({ type: 'pause' }));
    const statsOf = (n: number) => hub.clientStats()[n]!;
    expect(await waitFor(() => statsOf(0).paused, 5000)).toBe(true);
    // Let fragments already on the wire arrive, then nothing more may come.
    await new Promise((r) => setTimeout(r, 300));
    const pausedAt = a.got.binaries.length;
    const sentAt = statsOf(0).sentFragments;
    const otherAt = b.got.fragments.length;
    await new Promise((r) => setTimeout(r, 2000));
    // The stream kept flowing (the other client got ~20 fragments); the paused one got none.
    expect(b.got.fragments.length - otherAt).toBeGreaterThanOrEqual(10);
    expect(a.got.binaries.length).toBe(pausedAt);
    expect(statsOf(0)).toMatchObject({ sentFragments: sentAt, paused: true });
    expect(hub.sessionsInfo()).toMatchObject([{ clients: 2, spawnCount: 1 }]);

    const initsBefore = a.got.texts.filter((t) => t.type === 'init').length;
    a.ws.send(encodeLiveClientFrame({ type: 'resume' }));
    expect(await waitFor(() => a.got.binaries.length >= pausedAt + 4, 10_000)).toBe(true);
    expect(a.got.texts.filter((t) => t.type === 'init')).toHaveLength(initsBefore + 1);
    const resumed = a.got.binaries.slice(pausedAt);
    expect(resumed[0]!.toString('latin1', 4, 8)).toBe('ftyp');
    const fragments = a.got.fragments.slice(-(resumed.length - 1));
    expect(fragments[0]!.isKeyframe).toBe(true);
    // The bytes after resume alone decode to pictures: a player starting over shows one.
    const dir = mkdtempSync(path.join(tmpdir(), 'live-resume-'));
    try {
      const file = path.join(dir, 'resumed.mp4');
      writeFileSync(file, Buffer.concat(resumed));
      const md5 = execFileSync(TEST_FFMPEG, ['-v', 'error', '-i', file, '-f', 'framemd5', '-'], {
        encoding: 'utf8',
      });
      const frames = md5.split('\n').filter((l) => /^\s*0,/.test(l));
      expect(frames.length).toBeGreaterThanOrEqual(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects bad parameters with a clear close reason', async () => {
    await setup();
    const bad = open('camera=&stream=wide&format=flv');
    await bad.opened;
    expect(await waitFor(() => bad.got.closed !== null, 5000)).toBe(true);
    expect(bad.got.closed).toEqual({ code: 1008, reason: 'bad_request:camera,stream,format' });

    const unknown = open('camera=nope');
    await unknown.opened;
    expect(await waitFor(() => unknown.got.texts.some((t) => t.state === 'offline'), 5000)).toBe(
      true,
    );
    expect(unknown.got.texts.find((t) => t.state === 'offline')).toMatchObject({
      errorKind: 'not_found',
    });
  });

  it('serves the MPEG-1 fallback as whole TS packets, H.265 with an hvc1 codec, and demo cameras', async () => {
    await setup();
    const ts = open('camera=hevc1&format=mpeg1');
    const hevc = open('camera=hevc1&format=fmp4');
    const demo = open('camera=demo1');
    await Promise.all([ts.opened, hevc.opened, demo.opened]);
    // On a failure, what the hub and the client saw say which stream stalled and why.
    const seen = () =>
      JSON.stringify({ statuses, sessions: hub.sessionsInfo(), tsClosed: ts.got.closed });
    expect(await waitFor(() => ts.got.binaries.length >= 5, 20_000), seen()).toBe(true);
    expect(ts.got.texts).toEqual([]); // JSMpeg would feed text to its demuxer
    for (const b of ts.got.binaries) {
      expect(b.length % 188).toBe(0);
      expect(b[0]).toBe(0x47);
    }
    expect(await waitFor(() => hevc.got.fragments.length >= 1, 20_000), seen()).toBe(true);
    expect(hevc.got.texts.find((t) => t.type === 'init')?.codec).toMatch(/^hvc1\.1\.6\.L\d+/);
    expect(await waitFor(() => demo.got.fragments.length >= 2, 20_000), seen()).toBe(true);
    expect(demo.got.texts.find((t) => t.type === 'init')?.codec).toMatch(/^avc1\.42/);
    for (const t of [...hevc.got.texts, ...demo.got.texts])
      expect(LiveTextFrame.parse(t)).toEqual(t);
    expect(hub.sessionsInfo()).toHaveLength(3);
  });
});
