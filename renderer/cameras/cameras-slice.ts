import type { StateCreator } from 'zustand';
import type { StationApi } from '../../electron/contract/api';
import { fillTiles, kindForCount, placeAddedCameras, tileCount } from '../live/layout-geometry';
import type {
  Camera,
  CameraInput,
  CameraUpdate,
  RecorderInput,
} from '../../electron/contract/schemas';
import type { StationState } from '../store/types';

export interface CamerasSlice {
  cameras: Camera[];
  setCameras(cameras: Camera[]): void;
  addCamera(input: CameraInput): Promise<Camera>;
  addRecorder(input: RecorderInput): Promise<Camera[]>;
  updateCamera(update: CameraUpdate): Promise<Camera>;
  removeCamera(id: string): Promise<void>;
}

export const createCamerasSlice =
  (api: StationApi): StateCreator<StationState, [], [], CamerasSlice> =>
  (set, get) => ({
    cameras: [],
    setCameras: (cameras) => {
      const known = new Set(cameras.map((c) => c.id));
      // Tiles of deleted cameras become empty rather than showing a ghost.
      let tiles = get().tiles.map((id) => (id && known.has(id) ? id : null));
      let kind = get().kind;
      if (get().ready) {
        // A camera the officer just added shows up at once: in an empty grid that was
        // never saved the grid grows to fit, otherwise it takes a free tile (the grid
        // grows when none is free, and says so; the officer never has to hunt for it).
        const before = new Set(get().cameras.map((c) => c.id));
        const added = cameras.filter((c) => !before.has(c.id)).map((c) => c.id);
        if (added.length > 0 && tiles.every((t) => t === null) && !get().currentLayoutId) {
          kind = kindForCount(cameras.length);
          tiles = fillTiles(
            cameras.map((c) => c.id),
            kind,
          );
        } else if (added.length > 0) {
          const placed = placeAddedCameras(tiles, kind, added);
          if (placed.kind !== kind)
            get().pushToast({
              kind: 'info',
              key: 'toast.gridGrew',
              params: { n: tileCount(placed.kind) },
              at: null,
            });
          if (placed.unplaced.length > 0)
            get().pushToast({
              kind: 'warning',
              key: 'toast.gridFull',
              params: { n: placed.unplaced.length },
              at: null,
            });
          ({ kind, tiles } = placed);
        }
      }
      const single = get().singleCameraId;
      set({
        cameras,
        kind,
        tiles,
        // A deleted camera's health goes with it (no stale entry, no toast for a ghost).
        health: Object.fromEntries(Object.entries(get().health).filter(([id]) => known.has(id))),
        singleCameraId: single && known.has(single) ? single : null,
      });
    },
    addCamera: async (input) => {
      const camera = await api.cameras.add(input);
      const { cameras } = get();
      if (!cameras.some((c) => c.id === camera.id)) get().setCameras([...cameras, camera]);
      return camera;
    },
    addRecorder: async (input) => {
      const added = await api.cameras.addRecorder(input);
      const ids = new Set(get().cameras.map((c) => c.id));
      get().setCameras([...get().cameras, ...added.filter((c) => !ids.has(c.id))]);
      return added;
    },
    updateCamera: async (update) => {
      const camera = await api.cameras.update(update);
      get().setCameras(get().cameras.map((c) => (c.id === camera.id ? camera : c)));
      return camera;
    },
    removeCamera: async (id) => {
      await api.cameras.remove({ id });
      get().setCameras(get().cameras.filter((c) => c.id !== id));
    },
  });
