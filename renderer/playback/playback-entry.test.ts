import { describe, expect, it } from 'vitest';
import { createApi } from '../../electron/contract/api';
import type { Camera } from '../../electron/contract/schemas';
import type { Incident } from '../../electron/contract/incident-schemas';
import { createStationStore } from '../store/create-store';
import { fakeTransport } from '../testing/fake-transport';
import { DEFAULT_LOOKBACK_MS, MAX_PLAYBACK_CAMERAS } from './playback-slice';
import {
  bookmarkPlaybackNow,
  entryCameras,
  isInstantReplay,
  openCameraPlayback,
  openIncidentFootage,
  openPlaybackFromGrid,
} from './playback-entry';

const cam = (id: string) => ({ id }) as Camera;
const memoryTokens = () => {
  let token: string | null = null;
  return {
    get: () => token,
    set: (t: string) => void (token = t),
    clear: () => void (token = null),
  };
};

function storeWith(ids: string[]) {
  // The slices under test never call the api; any call would throw here.
  const store = createStationStore(createApi(fakeTransport({})), { tokens: memoryTokens() });
  store.setState({ cameras: ids.map(cam), tiles: [...ids, null] });
  return store;
}

describe('entryCameras', () => {
  const s = {
    cameras: ['a', 'b', 'c'].map(cam),
    tiles: [null, 'b', 'c'],
    selectedCameraIds: [] as string[],
    singleCameraId: null as string | null,
  };
  it('prefers the selected tiles, then the single view, then the first tile', () => {
    expect(entryCameras({ ...s, selectedCameraIds: ['c', 'gone', 'a'] })).toEqual(['c', 'a']);
    expect(entryCameras({ ...s, singleCameraId: 'a' })).toEqual(['a']);
    expect(entryCameras(s)).toEqual(['b']);
    expect(entryCameras({ ...s, tiles: [null, null] })).toEqual([]);
  });
});

describe('playback slice and entry points', () => {
  it('opens from the grid a few minutes back and closes again', () => {
    const store = storeWith(['a', 'b']);
    const before = Date.now();
    expect(openPlaybackFromGrid(store)).toBe(true);
    const p = store.getState().playback;
    expect(p.open).toBe(true);
    expect(p.cameraIds).toEqual(['a']);
    expect(p.startMs).toBeGreaterThanOrEqual(before - DEFAULT_LOOKBACK_MS);
    expect(p.startMs).toBeLessThanOrEqual(Date.now() - DEFAULT_LOOKBACK_MS);
    store.getState().closePlayback();
    expect(store.getState().playback.open).toBe(false);
    expect(store.getState().playbackPositionMs).toBeNull();
  });

  it('refuses to open with no known camera', () => {
    const store = storeWith([]);
    expect(openPlaybackFromGrid(store)).toBe(false);
    store.getState().openPlayback(['ghost']);
    expect(store.getState().playback.open).toBe(false);
  });

  it('keeps at most nine known cameras, without duplicates, and closes the single view', () => {
    const ids = Array.from({ length: 12 }, (_, i) => `c${i}`);
    const store = storeWith(ids);
    store.setState({ singleCameraId: 'c1' });
    store.getState().openPlayback(['c0', 'c0', 'x', ...ids], 5000);
    expect(store.getState().playback.cameraIds).toEqual(ids.slice(0, MAX_PLAYBACK_CAMERAS));
    expect(store.getState().singleCameraId).toBeNull();
    expect(store.getState().playbackPositionMs).toBe(5000);
  });

  it("a camera's button keeps the playhead when playback is open and bumps seq", () => {
    const store = storeWith(['a', 'b']);
    store.getState().openPlayback(['a'], 10_000);
    const seq = store.getState().playback.seq;
    store.getState().notePlaybackPosition(12_345);
    openCameraPlayback(store, 'b');
    expect(store.getState().playback).toMatchObject({ cameraIds: ['b'], startMs: 12_345 });
    expect(store.getState().playback.seq).toBe(seq + 1);
  });

  it("a tile's replay starts 30 s back and counts as an instant replay; the list's does not", () => {
    const store = storeWith(['a', 'b']);
    openCameraPlayback(store, 'a', { replay: true, now: 1_000_000 });
    expect(store.getState().playback).toMatchObject({ cameraIds: ['a'], startMs: 970_000 });
    expect(isInstantReplay(970_000, 1_000_000)).toBe(true);
    store.getState().closePlayback();
    openCameraPlayback(store, 'b');
    const at = store.getState().playback.startMs;
    expect(Date.now() - at).toBeGreaterThanOrEqual(DEFAULT_LOOKBACK_MS - 1000);
    expect(isInstantReplay(at)).toBe(false);
  });

  it('an incident opens its cameras at its start and closes the log', () => {
    const store = storeWith(['a', 'b']);
    store.getState().openDialog({ type: 'incidents' });
    openIncidentFootage(store, {
      startMs: 77_000,
      cameras: [
        { id: 'b', name: 'B' },
        { id: 'a', name: 'A' },
      ],
    } as Incident);
    expect(store.getState().dialog).toBeNull();
    expect(store.getState().playback).toMatchObject({
      open: true,
      cameraIds: ['b', 'a'],
      startMs: 77_000,
    });
  });

  it('F2 in playback drafts an incident at the playhead with the reviewed cameras', () => {
    const store = storeWith(['a', 'b']);
    store.getState().openPlayback(['a', 'b'], 50_000);
    store.getState().notePlaybackPosition(61_234.6);
    bookmarkPlaybackNow(store);
    const editor = store.getState().incidentEditor;
    expect(editor?.mode).toBe('create');
    if (editor?.mode !== 'create') return;
    // No <video> on screen in this test: no frames, but time and cameras are right.
    expect(editor.draft).toEqual({ atMs: 61_235, cameraIds: ['a', 'b'], snapshots: [] });
  });
});
