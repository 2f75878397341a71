import { describe, expect, it } from 'vitest';
import { createApi } from '../../electron/contract/api';
import type { CameraHealth } from '../../electron/contract/outages';
import type { Camera, Layout, Settings, StreamStatus } from '../../electron/contract/schemas';
import { createStationStore } from './create-store';
import { fakeTransport, type FakeHandlers } from '../testing/fake-transport';
import { MAX_REC_EVENTS } from '../storage/recording-slice';

// An in-memory backend behind the real api object: the store under test is real,
// only main is replaced.
function backend(opts: { cameras: number; layouts?: Layout[]; lastLayoutId?: string | null }) {
  const cameras: Camera[] = Array.from({ length: opts.cameras }, (_, i) => ({
    id: `c${i + 1}`,
    name: `Camera ${i + 1}`,
    location: '',
    group: '',
    source: 'demo',
    mainUrl: `demo://${i + 1}`,
    subUrl: null,
    username: null,
    hasPassword: false,
    recorderId: null,
    channel: null,
    enabled: true,
    createdAt: 0,
  }));
  let layouts = opts.layouts ?? [];
  let settings: Settings = {
    language: 'vi',
    alertMuted: false,
    tourIntervalSec: 10,
    ffmpegPath: '',
    stationName: '',
    lastLayoutId: opts.lastLayoutId ?? null,
    idleLockMinutes: 10,
    incidentBeforeSec: 120,
    incidentAfterSec: 180,
  };
  const handlers: FakeHandlers = {
    'system.info': () => ({
      version: '0',
      mediaBaseUrl: 'http://127.0.0.1:1',
      mediaToken: 't',
      demoMode: true,
      dataDir: '/tmp',
      ffmpegPath: null,
      platform: 'linux',
    }),
    'settings.get': () => settings,
    'settings.update': (p) => (settings = { ...settings, ...p }),
    'camera.list': () => cameras,
    'camera.statuses': () => [],
    'camera.healths': () => [],
    'recording.statuses': () => [
      {
        cameraId: 'c1',
        stream: 'main',
        recording: true,
        reason: null,
        errorKind: null,
        since: 1,
        lastSegmentEndMs: null,
      },
    ],
    'recording.cameras': () => [
      { cameraId: 'c1', enabled: true, stream: 'main', maxAgeDays: null },
    ],
    'recording.setCamera': (p) => ({
      cameraId: p.cameraId,
      enabled: p.enabled ?? true,
      stream: p.stream ?? 'main',
      maxAgeDays: p.maxAgeDays ?? null,
    }),
    'storage.summary': () => ({
      storageDir: '/rec',
      totalBytes: 1000,
      freeBytes: 500,
      usedByRecordings: 100,
      lockedBytes: 0,
      quotaBytes: 900,
      cameras: [],
      daysAtCurrentRate: null,
      alarm: { kind: 'disk_full', since: 5, code: 'ENOSPC' },
    }),
    'layout.list': () => layouts,
    'layout.save': (p) => {
      const l: Layout = {
        id: p.id ?? 'saved-1',
        name: p.name,
        kind: p.kind,
        tiles: p.tiles,
        updatedAt: 1,
      };
      layouts = [...layouts.filter((x) => x.id !== l.id), l];
      return l;
    },
  };
  const transport = fakeTransport(handlers);
  return { api: createApi(transport), calls: transport.calls, settings: () => settings };
}

const status = (
  cameraId: string,
  stream: 'main' | 'sub',
  state: StreamStatus['state'],
  since: number,
): StreamStatus => ({
  cameraId,
  stream,
  state,
  since,
  errorKind: null,
  retryAt: null,
});

describe('station store', () => {
  it('fills the grid with cameras in order when no layout is saved', async () => {
    const { api } = backend({ cameras: 7 });
    const store = createStationStore(api);
    await store.getState().load();
    const s = store.getState();
    expect(s.ready).toBe(true);
    expect(s.kind).toBe('9');
    expect(s.tiles).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', null, null]);
  });

  it('dates an outage, and a silenced alarm lasts only until the next one', () => {
    const store = createStationStore(backend({ cameras: 1 }).api);
    const before = Date.now();
    store.getState().setConnected(false);
    const since = store.getState().disconnectedSince;
    expect(since).toBeGreaterThanOrEqual(before);
    // A second drop notice does not restart the clock.
    store.getState().setConnected(false);
    expect(store.getState().disconnectedSince).toBe(since);
    store.getState().silenceOutageAlarm();
    expect(store.getState().outageAlarmSilenced).toBe(true);
    store.getState().setConnected(true);
    expect(store.getState().disconnectedSince).toBeNull();
    store.getState().setConnected(false);
    expect(store.getState().outageAlarmSilenced).toBe(false);
  });

  it('restores the last used layout', async () => {
    const layout: Layout = {
      id: 'L1',
      name: 'Đêm',
      kind: '4',
      tiles: ['c3', null, 'c1', null],
      updatedAt: 1,
    };
    const { api } = backend({ cameras: 3, layouts: [layout], lastLayoutId: 'L1' });
    const store = createStationStore(api);
    await store.getState().load();
    expect(store.getState().kind).toBe('4');
    expect(store.getState().tiles).toEqual(['c3', null, 'c1', null]);
    expect(store.getState().currentLayoutId).toBe('L1');
  });

  it('saving a layout persists it and remembers it as the last layout', async () => {
    const b = backend({ cameras: 4 });
    const store = createStationStore(b.api);
    await store.getState().load();
    store.getState().setKind('1');
    store.getState().assignTile(0, 'c4');
    const saved = await store.getState().saveLayout('Cổng chợ', true);
    expect(saved.tiles).toEqual(['c4']);
    expect(store.getState().currentLayoutId).toBe(saved.id);
    expect(b.settings().lastLayoutId).toBe(saved.id);
  });

  it('raises one audible alert per camera outage and a quiet toast when it returns', async () => {
    const { api } = backend({ cameras: 2 });
    const store = createStationStore(api);
    await store.getState().load();
    const s = () => store.getState();
    const health = (
      reachable: CameraHealth['reachable'],
      since: number,
      errorKind: CameraHealth['errorKind'] = null,
    ): CameraHealth => ({
      cameraId: 'c1',
      reachable,
      since,
      errorKind,
      watchedBy: 'recorder',
    });
    // A live tile's stream going offline says nothing by itself: the camera's health does.
    s().applyStatus(status('c1', 'sub', 'offline', 1));
    expect(s().toasts).toEqual([]);
    s().applyHealth(health('up', 1));
    s().applyHealth(health('down', 2, 'unknown'));
    s().applyHealth(health('down', 2, 'unreachable')); // same outage, sharper reason
    expect(s().toasts.map((t) => t.key)).toEqual(['toast.offline']);
    s().applyHealth(health('up', 4));
    expect(s().toasts.map((t) => t.key)).toEqual(['toast.offline', 'toast.online']);
    s().applyHealth(health('down', 5));
    expect(s().toasts.map((t) => t.key)).toEqual([
      'toast.offline',
      'toast.online',
      'toast.offline',
    ]);
    s().applyHealth(health('down', 6, 'auth'));
    expect(s().toasts.at(-1)?.key).toBe('toast.authFailed');
  });

  it("drops a deleted camera's health", async () => {
    const { api } = backend({ cameras: 2 });
    const store = createStationStore(api);
    await store.getState().load();
    const s = () => store.getState();
    for (const cameraId of ['c1', 'c2'])
      s().applyHealth({ cameraId, reachable: 'up', since: 1, errorKind: null, watchedBy: 'probe' });
    s().setCameras(s().cameras.filter((c) => c.id !== 'c2'));
    expect(Object.keys(s().health)).toEqual(['c1']);
  });

  it('ignores a status older than the one it has', async () => {
    const { api } = backend({ cameras: 1 });
    const store = createStationStore(api);
    await store.getState().load();
    store.getState().applyStatus(status('c1', 'sub', 'live', 10));
    store.getState().applyStatus(status('c1', 'sub', 'offline', 5));
    expect(store.getState().statuses['c1:sub']?.state).toBe('live');
  });

  it('places a camera added to a full grid by growing the grid, and says so', async () => {
    const { api } = backend({ cameras: 4 });
    const store = createStationStore(api);
    await store.getState().load();
    expect(store.getState().kind).toBe('4');
    const added = { ...store.getState().cameras[0]!, id: 'c5', name: 'Camera 5' };
    store.getState().setCameras([...store.getState().cameras, added]);
    expect(store.getState().kind).toBe('9');
    expect(store.getState().tiles.slice(0, 5)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    expect(store.getState().toasts.map((t) => [t.key, t.params])).toEqual([
      ['toast.gridGrew', { n: 9 }],
    ]);
  });

  it('empties tiles of deleted cameras', async () => {
    const { api } = backend({ cameras: 3 });
    const store = createStationStore(api);
    await store.getState().load();
    const remaining = store.getState().cameras.filter((c) => c.id !== 'c2');
    store.getState().setCameras(remaining);
    expect(store.getState().tiles).toEqual(['c1', null, 'c3', null]);
  });

  it('loads recording state after the grid and keeps the event log bounded and unique', async () => {
    const { api, calls } = backend({ cameras: 1 });
    const store = createStationStore(api);
    await store.getState().load();
    await expect
      .poll(() => store.getState().storageAlarm?.kind ?? null, { timeout: 2000 })
      .toBe('disk_full');
    expect(calls.map((c) => c.channel)).toEqual(
      expect.arrayContaining(['recording.statuses', 'storage.summary']),
    );
    expect(store.getState().recStatuses['c1']?.recording).toBe(true);
    store.getState().applyRecStatus({
      cameraId: 'c1',
      stream: 'main',
      recording: false,
      reason: 'camera_offline',
      errorKind: 'unreachable',
      since: 2,
      lastSegmentEndMs: null,
    });
    expect(store.getState().recStatuses['c1']?.reason).toBe('camera_offline');
    store.getState().setStorageAlarm(null);
    expect(store.getState().storageAlarm).toBeNull();
    for (let i = 0; i < MAX_REC_EVENTS + 20; i++)
      store.getState().addRecEvent({
        id: i,
        atMs: i,
        kind: 'gap_opened',
        cameraId: 'c1',
        stream: 'main',
        detail: { reason: 'camera_offline' },
      });
    store.getState().addRecEvent({ ...store.getState().recEvents[0]! });
    expect(store.getState().recEvents).toHaveLength(MAX_REC_EVENTS);
    expect(store.getState().recEvents[0]?.id).toBe(MAX_REC_EVENTS + 19);
    await store.getState().setCameraRecording({ cameraId: 'c1', enabled: false });
    expect(store.getState().recCameras['c1']?.enabled).toBe(false);
  });
});
