// The shape of the one renderer store, built from slices (STYLE.md §6).
import type {
  Camera,
  CameraInput,
  CameraUpdate,
  Layout,
  LayoutKind,
  RecorderInput,
  Settings,
  SettingsUpdate,
  StreamKind,
  StreamStatus,
  SystemInfo,
} from '../../electron/contract/schemas';
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
import type { MessageKey } from '../i18n/translate';
import type { OfficersSlice } from '../officers/officers-slice';
import type { SessionSlice } from './session-slice';
import type { IncidentsSlice } from './incidents-slice';
import type { PlaybackSlice } from './playback-slice';
import type { ExportSlice } from './export-slice';
import type { StationSettingsUpdate } from '../../electron/contract/schemas';

export interface CamerasSlice {
  cameras: Camera[];
  setCameras(cameras: Camera[]): void;
  addCamera(input: CameraInput): Promise<Camera>;
  addRecorder(input: RecorderInput): Promise<Camera[]>;
  updateCamera(update: CameraUpdate): Promise<Camera>;
  removeCamera(id: string): Promise<void>;
}

export type StatusKey = `${string}:${StreamKind}`;

export interface StatusesSlice {
  statuses: Partial<Record<StatusKey, StreamStatus>>;
  /** Cameras whose offline alert has been raised and not yet cleared. */
  alertedOffline: Record<string, true>;
  applyStatus(status: StreamStatus): void;
  setStatuses(statuses: StreamStatus[]): void;
}

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

export type ToastKind = 'alert' | 'warning' | 'info' | 'success' | 'error';

export interface Toast {
  id: number;
  kind: ToastKind;
  key: MessageKey;
  params: Record<string, string | number>;
  /** Rendered as {time} (HH:mm) in the toast's language at display time. */
  at: number | null;
}

export type Dialog =
  | { type: 'camera'; cameraId: string | null }
  | { type: 'settings' }
  | { type: 'stopService' }
  | { type: 'storage' }
  // Officers and shifts (renderer/auth, shifts, officers, audit):
  | { type: 'changePassword' }
  | { type: 'signOut' }
  | { type: 'endShift' }
  | { type: 'handovers' }
  | { type: 'handover'; id: string }
  | { type: 'officers' }
  | { type: 'audit' }
  // Incidents (renderer/incidents): the incident log with the open incident's detail.
  | { type: 'incidents' }
  | null;

export interface TourState {
  running: boolean;
  paused: boolean;
  page: number;
}

export interface UiSlice {
  ready: boolean;
  loadError: string | null;
  /** False while the WebSocket transport is reconnecting. */
  connected: boolean;
  setConnected(connected: boolean): void;
  /** When the station service became unreachable (null while connected). */
  disconnectedSince: number | null;
  /** The officer silenced the alarm for the outage under way; the next one sounds again. */
  outageAlarmSilenced: boolean;
  silenceOutageAlarm(): void;
  /**
   * Bumped once the console has caught up with the service after a reconnect:
   * views that fetch on their own (live players, the timeline) start afresh.
   */
  resyncSeq: number;
  noteResynced(): void;
  dialog: Dialog;
  toasts: Toast[];
  singleCameraId: string | null;
  tour: TourState;
  /** Increments each time an audible alert should play. */
  alertSeq: number;
  openDialog(dialog: Dialog): void;
  pushToast(toast: Omit<Toast, 'id'>): void;
  dismissToast(id: number): void;
  openSingle(cameraId: string): void;
  closeSingle(): void;
  startTour(): void;
  stopTour(): void;
  setTourPaused(paused: boolean): void;
  advanceTour(): void;
}

export interface SettingsSlice {
  settings: Settings;
  systemInfo: SystemInfo | null;
  setSettings(settings: Settings): void;
  updateSettings(patch: SettingsUpdate): Promise<void>;
  /** Station settings (commander only): name, ffmpeg, idle lock, incident range. */
  updateStationSettings(patch: StationSettingsUpdate): Promise<void>;
}

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

export interface LoadSlice {
  /** First data load: cameras, statuses, layouts, settings, system info. */
  load(): Promise<void>;
}

export type StationState = CamerasSlice &
  StatusesSlice &
  LayoutSlice &
  UiSlice &
  SettingsSlice &
  RecordingSlice &
  LoadSlice &
  SessionSlice &
  OfficersSlice &
  IncidentsSlice &
  PlaybackSlice &
  ExportSlice;
