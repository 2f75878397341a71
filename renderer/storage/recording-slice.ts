// Recording and storage state: REC marks on tiles, the storage alarm banner and
// the storage panel (disk, per-camera bytes, settings, event log).
import type { StateCreator } from 'zustand';
import type { StationApi } from '../../electron/contract/api';
import type {
  CameraRecordingSettings,
  DiskAlarm,
  RecordingEvent,
  RecordingStatusInfo,
  SetCameraRecording,
  StorageQuota,
  StorageSettings,
  StorageSummary,
} from '../../electron/contract/recording-schemas';
import type { StationState } from '../store/types';

export interface RecordingSlice {
  /** Per camera id: recording or not, and why not. */
  recStatuses: Record<string, RecordingStatusInfo>;
  /** Per camera id: recording on/off, stream, maximum age. */
  recCameras: Record<string, CameraRecordingSettings>;
  /** The most urgent storage alarm (null: none). */
  storageAlarm: DiskAlarm | null;
  storageSummary: StorageSummary | null;
  storageSettings: StorageSettings | null;
  /** The recording event log, newest first (bounded). */
  recEvents: RecordingEvent[];
  /** Bumped when footage was filed: open views refresh their byte counts. */
  footageSeq: number;
  applyRecStatus(status: RecordingStatusInfo): void;
  setStorageAlarm(alarm: DiskAlarm | null): void;
  addRecEvent(event: RecordingEvent): void;
  noteFootage(): void;
  /** Recording statuses, per-camera settings and the alarm (part of the first load). */
  loadRecording(): Promise<void>;
  /** Everything the storage panel shows. */
  loadStorage(): Promise<void>;
  refreshStorageSummary(): Promise<void>;
  setCameraRecording(patch: SetCameraRecording): Promise<void>;
  setQuota(quota: StorageQuota): Promise<void>;
  /** Makes another folder the storage root; rejects with the field issue (storage_*). */
  setStorageFolder(path: string): Promise<void>;
}

/** Events kept in memory for the panel; older ones stay in main's log. */
export const MAX_REC_EVENTS = 200;

export const createRecordingSlice =
  (api: StationApi): StateCreator<StationState, [], [], RecordingSlice> =>
  (set, get) => ({
    recStatuses: {},
    recCameras: {},
    storageAlarm: null,
    storageSummary: null,
    storageSettings: null,
    recEvents: [],
    footageSeq: 0,
    applyRecStatus: (status) =>
      set({ recStatuses: { ...get().recStatuses, [status.cameraId]: status } }),
    setStorageAlarm: (alarm) => set({ storageAlarm: alarm }),
    addRecEvent: (event) => {
      if (get().recEvents.some((e) => e.id === event.id)) return;
      set({ recEvents: [event, ...get().recEvents].slice(0, MAX_REC_EVENTS) });
    },
    noteFootage: () => set({ footageSeq: get().footageSeq + 1 }),
    loadRecording: async () => {
      const before = get().recStatuses;
      const [statuses, cameras, summary] = await Promise.all([
        api.recordings.statuses(),
        api.recordings.cameras(),
        api.storage.summary(),
      ]);
      // A status event that arrived while the snapshot was in flight is newer than it.
      const now = get().recStatuses;
      const merged = Object.fromEntries(statuses.map((s) => [s.cameraId, s]));
      for (const [id, s] of Object.entries(now)) if (s !== before[id]) merged[id] = s;
      set({
        recStatuses: merged,
        recCameras: Object.fromEntries(cameras.map((c) => [c.cameraId, c])),
        storageSummary: summary,
        storageAlarm: summary.alarm,
      });
    },
    loadStorage: async () => {
      const [summary, settings, events, cameras] = await Promise.all([
        api.storage.summary(),
        api.storage.settings(),
        api.storage.events({ limit: MAX_REC_EVENTS }),
        api.recordings.cameras(),
      ]);
      set({
        storageSummary: summary,
        storageAlarm: summary.alarm,
        storageSettings: settings,
        recEvents: events,
        recCameras: Object.fromEntries(cameras.map((c) => [c.cameraId, c])),
      });
    },
    refreshStorageSummary: async () => {
      const summary = await api.storage.summary();
      set({ storageSummary: summary, storageAlarm: summary.alarm });
    },
    setCameraRecording: async (patch) => {
      const saved = await api.recordings.setCamera(patch);
      set({ recCameras: { ...get().recCameras, [saved.cameraId]: saved } });
    },
    setQuota: async (quota) => {
      const storageSettings = await api.storage.setQuota(quota);
      set({ storageSettings });
      await get().refreshStorageSummary();
    },
    setStorageFolder: async (path) => {
      const storageSettings = await api.storage.setFolder({ path });
      set({ storageSettings });
      await get().refreshStorageSummary();
    },
  });
