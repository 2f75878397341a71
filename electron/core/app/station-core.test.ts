// The composition root end to end: real SQLite file, real ffmpeg/ffprobe, the
// real GStreamer RTSP rig, the real MediaServer, the contract over WebSocket RPC.
import { mkdirSync, readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startRig, type Rig } from '../../../e2e/rig/rig';
import { createApi, type StationApi } from '../../contract/api';
import type { CameraHealth } from '../../contract/outages';
import type { RecordingStatusInfo } from '../../contract/recording-schemas';
import type { Camera, StreamStatus } from '../../contract/schemas';
import { createLogger, silentLogger } from '../logging/logger';
import {
  createWsTransport,
  type WebSocketConstructor,
  type WsTransport,
} from '../../contract/ws-client';
import { createStationCore, type StationCore } from './station-core';

const PASS = 'Tr@cBan#2026x';

let dir: string;
let rig: Rig;
let core: StationCore;
let transport: WsTransport;
let api: StationApi;
let session: string;
let base: { mediaBaseUrl: string; mediaToken: string; port: number };
const statuses: StreamStatus[] = [];
const cameraEvents: Camera[][] = [];
const recStatuses: RecordingStatusInfo[] = [];
const healths: CameraHealth[] = [];

/** Polls `fn` (an event list or a stored result) every 100 ms until it yields, at most `ms`. */
async function until<T>(
  what: string,
  fn: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  ms = 20_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    // What the core last said, so a timeout on a loaded machine explains itself.
    if (Date.now() > end)
      throw new Error(
        `timed out waiting for ${what}; last events: ${JSON.stringify({
          live: statuses.slice(-3),
          recording: recStatuses.slice(-3),
          health: healths.slice(-3),
        })}`,
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Opens /live for a camera and resolves with the first binary bytes (the fMP4 init segment). */
function firstLiveBytes(
  cameraId: string,
  stream: 'main' | 'sub',
): { done: Promise<Buffer>; ws: WebSocket } {
  const ws = new WebSocket(
    `ws://127.0.0.1:${base.port}/live?camera=${encodeURIComponent(cameraId)}&stream=${stream}&format=fmp4&token=${base.mediaToken}&session=${session}`,
  );
  const done = new Promise<Buffer>((resolve, reject) => {
    const timer = setTimeout(() => {
      const last = statuses.filter((s) => s.cameraId === cameraId).at(-1);
      reject(new Error(`no live data; last status ${JSON.stringify(last ?? null)}`));
    }, 20_000);
    ws.on('message', (data, isBinary) => {
      if (!isBinary) return;
      clearTimeout(timer);
      resolve(data as Buffer);
    });
    ws.on('error', reject);
  });
  return { done, ws };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-core-'));
  rig = await startRig({
    h264: ['cam1'],
    authMounts: ['secure1'],
    authUser: 'admin',
    authPass: PASS,
    sub: true,
  });
  core = await createStationCore({
    dataDir: dir,
    demo: 'auto',
    version: '0.0.0-test',
    platform: process.platform,
    enableWsRpc: true,
    logger: process.env.CORE_LOG ? createLogger({ dir: null }) : silentLogger,
    liveIdleStopMs: 500,
    recordingSegmentSeconds: 2,
  });
  base = await core.start();
  transport = createWsTransport(`ws://127.0.0.1:${base.port}/rpc?token=${base.mediaToken}`, {
    WebSocket: WebSocket as unknown as WebSocketConstructor,
  });
  api = createApi(transport);
  // First start: the administrator is created and this connection signed in as them.
  session = (
    await api.auth.setup({
      fullName: 'Nguyễn Văn Quản',
      rank: 'Thiếu tá',
      badgeNumber: '100-001',
      password: 'mat-khau-thu-1',
    })
  ).token;
  api.on('camera.status', (s) => statuses.push(s));
  api.on('camera.changed', (c) => cameraEvents.push(c.cameras));
  api.on('recording.status', (s) => recStatuses.push(s));
  api.on('camera.health', (h) => healths.push(h));
});

afterAll(async () => {
  transport?.close();
  await core?.dispose();
  await rig?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('station core', () => {
  it('starts with the demo station and reports itself', async () => {
    const info = await api.system.info();
    expect(info).toMatchObject({
      demoMode: true,
      dataDir: dir,
      mediaToken: base.mediaToken,
      version: '0.0.0-test',
    });
    expect(info.mediaBaseUrl).toBe(`http://127.0.0.1:${base.port}`);
    expect(info.ffmpegPath).toMatch(/ffmpeg$/);
    expect(await api.cameras.list()).toHaveLength(9);
    // Demo cameras are not recorded by default (each would cost an H.264 encode).
    const rec = await api.recordings.cameras();
    expect(rec).toHaveLength(9);
    expect(rec.every((r) => !r.enabled)).toBe(true);
    expect(core.recording.recorderPids()).toEqual([]);
    expect((await api.recordings.statuses()).map((s) => s.reason)).toEqual(
      Array(9).fill('disabled'),
    );
    expect(core.storageDir).toBe(join(dir, 'recordings'));
  });

  it('refuses the RPC socket without the token', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${base.port}/rpc?token=nope`);
    const outcome = await new Promise<string>((resolve) => {
      ws.once('open', () => resolve('open'));
      ws.once('error', (e) => resolve(e.message));
    });
    expect(outcome).toMatch(/401/);
  });

  it('a demo camera plays', async () => {
    const { done, ws } = firstLiveBytes('demo-1', 'sub');
    const init = await done;
    ws.close();
    expect(init.subarray(4, 8).toString('latin1')).toBe('ftyp');
  });

  it('adds a camera with pasted credentials: replaces the demo, probes, plays, never leaks the password', async () => {
    const cam = await api.cameras.add({
      name: 'Cổng trụ sở',
      location: 'Số 1 Lê Lợi',
      group: 'Trụ sở',
      mainUrl: rig.url('secure1', { user: 'admin', pass: PASS }),
      subUrl: null,
    });
    expect(cam).toMatchObject({
      username: 'admin',
      hasPassword: true,
      mainUrl: rig.url('secure1'),
    });
    expect(await api.cameras.list()).toEqual([cam]);
    expect((await api.system.info()).demoMode).toBe(false);
    await until('camera.changed event', () =>
      cameraEvents.some((list) => list.length === 1 && list[0]?.id === cam.id),
    );

    // Probe once the recorder holds its session, as an officer re-testing a running camera
    // would; the failure message carries the probe's own reason (CI diagnostics).
    await until('recording status', () =>
      recStatuses.find((s) => s.cameraId === cam.id && s.recording),
    );
    const probe = await api.cameras.test({ cameraId: cam.id });
    expect(probe, JSON.stringify(probe)).toMatchObject({
      ok: true,
      codec: 'h264',
      width: 640,
      height: 360,
    });
    const wrong = await api.cameras.test({
      url: rig.url('secure1'),
      username: 'admin',
      password: 'wrong',
    });
    expect(wrong).toMatchObject({ ok: false, errorKind: 'auth' });

    const { done, ws } = firstLiveBytes(cam.id, 'main');
    expect((await done).subarray(4, 8).toString('latin1')).toBe('ftyp');
    await until('live status event', () =>
      statuses.find((s) => s.cameraId === cam.id && s.state === 'live'),
    );
    expect((await api.cameras.statuses()).find((s) => s.cameraId === cam.id)?.state).toBe('live');

    // A real camera records by default (main stream); a closed segment shows in the summary.
    expect(await api.recordings.cameras()).toEqual([
      { cameraId: cam.id, enabled: true, stream: 'main', maxAgeDays: null },
    ]);
    await until('recording status', () =>
      recStatuses.find((s) => s.cameraId === cam.id && s.recording),
    );
    let bytes = 0;
    for (let i = 0; i < 100 && bytes === 0; i++) {
      bytes = (await api.storage.summary()).cameras.find((c) => c.cameraId === cam.id)?.bytes ?? 0;
      if (bytes === 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(bytes).toBeGreaterThan(0);

    // Camera goes away: outage opens (within 10 s); camera returns: outage closes by itself.
    const outagesOf = (cameraId: string) => api.cameras.outages({ cameraId });
    const stoppedAt = Date.now();
    await rig.stop();
    const opened = await until('outage opened', async () =>
      (await outagesOf(cam.id)).find((o) => o.endedAt === null),
    );
    await rig.restart();
    const closed = await until(
      'outage closed',
      async () => (await outagesOf(cam.id)).find((o) => o.id === opened.id && o.endedAt !== null),
      40_000,
    );
    expect(closed.endedAt).toBeGreaterThanOrEqual(closed.startedAt);
    expect(await api.cameras.outages({ cameraId: cam.id })).toEqual([closed]);
    // Recording: not recording while the camera was away (why: offline), a gap row, and back.
    expect(
      recStatuses.some(
        (s) => s.cameraId === cam.id && !s.recording && s.reason === 'camera_offline',
      ),
    ).toBe(true);
    const gap = await until(
      'camera_offline gap closed',
      async () =>
        (
          await api.recordings.timeline({
            cameraId: cam.id,
            from: stoppedAt - 60_000,
            to: Date.now() + 1000,
          })
        ).gaps.find((g) => g.reason === 'camera_offline' && g.endMs !== null),
      40_000,
    );
    const events = await api.storage.events({ cameraId: cam.id, limit: 50 });
    expect(events.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['recording_started', 'gap_opened', 'gap_closed']),
    );
    const timeline = await api.recordings.timeline({
      cameraId: cam.id,
      from: gap.startMs - 60_000,
      to: Date.now() + 1000,
    });
    expect(timeline.gaps.map((g) => g.id)).toContain(gap.id);
    expect(timeline.recordings.length).toBeGreaterThan(0);
    ws.close();

    // At rest and in every log line: no password.
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) =>
      f.isFile(),
    );
    for (const f of files) {
      const bytes = readFileSync(join(f.parentPath, f.name));
      expect(bytes.includes(Buffer.from(PASS)), f.name).toBe(false);
      expect(bytes.includes(Buffer.from(encodeURIComponent(PASS))), f.name).toBe(false);
    }
    const outages = await outagesOf(cam.id);
    expect(JSON.stringify([statuses, outages, cameraEvents, probe, wrong])).not.toContain(PASS);
  }, 90_000);

  it('a changed password restarts the stream; a wrong one shows auth_failed and is logged', async () => {
    const cam = (await api.cameras.list())[0]!;
    const { done, ws } = firstLiveBytes(cam.id, 'main');
    await done;
    const outagesOf = () => api.cameras.outages({ cameraId: cam.id });
    const before = new Set((await outagesOf()).map((o) => o.id));
    await api.cameras.update({ id: cam.id, password: 'wrong-password' });
    await until('auth_failed status', () =>
      statuses.find(
        (s) => s.cameraId === cam.id && s.state === 'auth_failed' && s.errorKind === 'auth',
      ),
    );
    const outage = await until('auth outage', async () =>
      (await outagesOf()).find(
        (o) => !before.has(o.id) && o.errorKind === 'auth' && o.endedAt === null,
      ),
    );
    await api.cameras.update({ id: cam.id, password: PASS });
    await until(
      'outage closed after the right password',
      async () => (await outagesOf()).find((o) => o.id === outage.id && o.endedAt !== null),
      40_000,
    );
    ws.close();
  }, 60_000);

  it('serves recorded footage only after an audited listing: never by id alone', async () => {
    const cam = (await api.cameras.list())[0]!;
    // Wait until the camera has filed footage.
    let seg: { id: number; startMs: number; endMs: number } | undefined;
    for (let i = 0; i < 60 && !seg; i++) {
      const r = await api.playback.segments({
        cameraId: cam.id,
        fromMs: Math.round(Date.now() - 600_000),
        toMs: Math.round(Date.now() + 60_000),
      });
      seg = r.segments.find((x) => !x.growing);
      if (!seg) await new Promise((r) => setTimeout(r, 500));
    }
    if (!seg) throw new Error('no filed segment within 30 s');
    const fetchAs = (session: string, id: number) =>
      fetch(`${base.mediaBaseUrl}/recordings/${id}?token=${base.mediaToken}&session=${session}`);
    // Another officer's session that never listed anything: the attack of the issue. A
    // commander signs in beside the open shift (a duty officer would take it over).
    const other = createWsTransport(`ws://127.0.0.1:${base.port}/rpc?token=${base.mediaToken}`, {
      WebSocket: WebSocket as unknown as WebSocketConstructor,
    });
    const otherApi = createApi(other);
    const officer = await api.officers.create({
      fullName: 'Trần Văn Bình',
      rank: 'Đại úy',
      badgeNumber: '200-002',
      role: 'commander',
      password: 'mat-khau-binh-1',
    });
    const binh = await otherApi.auth.signIn({ officerId: officer.id, password: 'mat-khau-binh-1' });
    const viewedBefore = (await api.audit.list({ action: 'footage.viewed', limit: 200 })).total;
    for (let id = 1; id <= 20; id++) expect((await fetchAs(binh.token, id)).status).toBe(403);
    expect((await api.audit.list({ action: 'footage.viewed', limit: 200 })).total).toBe(
      viewedBefore,
    );
    // Listed (and audited) first: then served.
    await otherApi.playback.segments({ cameraId: cam.id, fromMs: seg.startMs, toMs: seg.endMs });
    const ok = await fetchAs(binh.token, seg.id);
    expect(ok.status).toBe(200);
    expect((await ok.arrayBuffer()).byteLength).toBeGreaterThan(0);
    const views = await api.audit.list({ action: 'footage.viewed', limit: 200 });
    expect(views.total).toBeGreaterThan(viewedBefore);
    expect(views.items[0]?.officerId).toBe(officer.id);
    other.close();
  }, 60_000);

  it('changes the storage folder over the contract; a rejected folder changes nothing', async () => {
    await expect(api.storage.setFolder({ path: 'relative/dir' })).rejects.toMatchObject({
      code: 'invalid_request',
      fields: { path: 'storage_not_absolute' },
    });
    expect(core.storageDir).toBe(join(dir, 'recordings'));
    const disk2 = join(dir, 'disk2', 'recordings');
    await expect(api.storage.setFolder({ path: disk2 })).rejects.toMatchObject({
      fields: { path: 'storage_parent_missing' },
    });
    mkdirSync(join(dir, 'disk2'));
    const saved = await api.storage.setFolder({ path: disk2 });
    expect(saved.storageDir).toBe(disk2);
    expect(core.storageDir).toBe(disk2);
    const roots = (await api.storage.summary()).roots ?? [];
    expect(roots.find((r) => r.active)?.path).toBe(disk2);
  });

  it('dispose stops every ffmpeg', async () => {
    const cam = (await api.cameras.list())[0]!;
    const { done, ws } = firstLiveBytes(cam.id, 'main');
    done.catch(() => undefined);
    try {
      // Running ffmpeg is what dispose must stop; whether it has sent bytes yet is beside the
      // point (other tests watch it play), so wait for a live process and the recorder.
      const pids = await until('a live ffmpeg and the recorder', () => {
        const live = core.live
          .sessionsInfo()
          .filter((s) => s.cameraId === cam.id)
          .map((s) => s.pid)
          .filter((p): p is number => typeof p === 'number');
        const recorders = core.recording.recorderPids();
        return live.length > 0 && recorders.length === 1 ? [...live, ...recorders] : null;
      });
      ws.close();
      transport.close();
      await core.dispose();
      for (const pid of pids) {
        expect(() => process.kill(pid, 0)).toThrow();
      }
    } finally {
      // A failure above must not leave the core holding the data folder for the next test.
      ws.close();
      await core.dispose();
    }
  });

  it('the chosen storage folder survives a restart', async () => {
    core = await createStationCore({
      dataDir: dir,
      demo: 'auto',
      version: '0.0.0-test',
      platform: process.platform,
      enableWsRpc: false,
      logger: silentLogger,
      recordingSegmentSeconds: 2,
    });
    expect(core.storageDir).toBe(join(dir, 'disk2', 'recordings'));
  });
});
