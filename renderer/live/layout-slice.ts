import type { StateCreator } from 'zustand';
import type { StationApi } from '../../electron/contract/api';
import { assignCamera, fitTiles, swapTiles } from './layout-geometry';
import type { Layout, LayoutKind } from '../../electron/contract/schemas';
import type { StationState } from '../store/types';

export interface LayoutSlice {
  kind: LayoutKind;
  tiles: (string | null)[];
  layouts: Layout[];
  currentLayoutId: string | null;
  setLayouts(layouts: Layout[]): void;
  setKind(kind: LayoutKind): void;
  assignTile(index: number, cameraId: string): void;
  swapTiles(a: number, b: number): void;
  clearTile(index: number): void;
  saveLayout(name: string, asNew: boolean): Promise<Layout>;
  deleteLayout(id: string): Promise<void>;
  openLayout(id: string): void;
}

export const createLayoutSlice =
  (api: StationApi): StateCreator<StationState, [], [], LayoutSlice> =>
  (set, get) => ({
    kind: '9',
    tiles: fitTiles([], '9'),
    layouts: [],
    currentLayoutId: null,
    setLayouts: (layouts) => {
      const current = get().currentLayoutId;
      set({
        layouts,
        currentLayoutId: current && layouts.some((l) => l.id === current) ? current : null,
      });
    },
    setKind: (kind) => {
      const { tiles, cameras } = get();
      let next = fitTiles(tiles, kind);
      // Growing an all-empty grid (or a fresh one) fills it with cameras in order.
      if (next.every((t) => t === null))
        next = fitTiles(
          cameras.map((c) => c.id),
          kind,
        );
      set({ kind, tiles: next, tour: { ...get().tour, page: 0 } });
    },
    assignTile: (index, cameraId) => set({ tiles: assignCamera(get().tiles, index, cameraId) }),
    swapTiles: (a, b) => set({ tiles: swapTiles(get().tiles, a, b) }),
    clearTile: (index) => {
      const tiles = get().tiles.slice();
      if (index >= 0 && index < tiles.length) tiles[index] = null;
      set({ tiles });
    },
    saveLayout: async (name, asNew) => {
      const { kind, tiles, currentLayoutId } = get();
      const saved = await api.layouts.save({
        ...(asNew || !currentLayoutId ? {} : { id: currentLayoutId }),
        name,
        kind,
        tiles,
      });
      const others = get().layouts.filter((l) => l.id !== saved.id);
      set({ layouts: [...others, saved], currentLayoutId: saved.id });
      await get().updateSettings({ lastLayoutId: saved.id });
      return saved;
    },
    deleteLayout: async (id) => {
      await api.layouts.remove({ id });
      set({
        layouts: get().layouts.filter((l) => l.id !== id),
        currentLayoutId: get().currentLayoutId === id ? null : get().currentLayoutId,
      });
      if (get().settings.lastLayoutId === id) await get().updateSettings({ lastLayoutId: null });
    },
    openLayout: (id) => {
      const layout = get().layouts.find((l) => l.id === id);
      if (!layout) return;
      set({
        kind: layout.kind,
        tiles: fitTiles(layout.tiles, layout.kind),
        currentLayoutId: layout.id,
        tour: { running: false, paused: false, page: 0 },
      });
      void get()
        .updateSettings({ lastLayoutId: layout.id })
        .catch(() => undefined);
    },
  });
