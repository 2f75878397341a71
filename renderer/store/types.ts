// The shape of the one renderer store: each domain's slice declares its own part
// (in its folder); the cross-cutting ui state (dialogs, toasts, connection, tour) is here.
import type { MessageKey } from '../i18n/translate';
import type { CamerasSlice } from '../cameras/cameras-slice';
import type { LayoutSlice } from '../live/layout-slice';
import type { StatusesSlice } from '../live/statuses-slice';
import type { HealthSlice } from '../live/health-slice';
import type { OfficersSlice } from '../officers/officers-slice';
import type { SettingsSlice } from '../settings/settings-slice';
import type { RecordingSlice } from '../storage/recording-slice';
import type { SessionSlice } from '../auth/session-slice';
import type { IncidentsSlice } from '../incidents/incidents-slice';
import type { PlaybackSlice } from '../playback/playback-slice';
import type { ExportSlice } from '../export/export-slice';
import type { OutageAlarmsSlice } from '../alerts/outage-alarms-slice';
import type { PictureAlarmsSlice } from '../alerts/picture-alarms-slice';
import type { ClocksSlice } from '../cameras/clocks-slice';
import type { TamperSlice } from '../cameras/tamper-slice';
import type { DiscoverySlice } from '../cameras/discovery-slice';
import type { DistrictSlice } from '../district/district-slice';

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
  // ONVIF discovery and one-step add (renderer/cameras, commander).
  | { type: 'discovery' }
  // The district centre link (renderer/district): connect and disconnect (commander),
  // and the centre's export requests.
  | { type: 'districtConnect' }
  | { type: 'districtDisconnect' }
  | { type: 'districtRequests' }
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

export interface LoadSlice {
  /** First data load: cameras, statuses, layouts, settings, system info. */
  load(): Promise<void>;
}

export type StationState = CamerasSlice &
  StatusesSlice &
  HealthSlice &
  LayoutSlice &
  UiSlice &
  SettingsSlice &
  RecordingSlice &
  LoadSlice &
  SessionSlice &
  OfficersSlice &
  IncidentsSlice &
  PlaybackSlice &
  ExportSlice &
  OutageAlarmsSlice &
  PictureAlarmsSlice &
  ClocksSlice &
  TamperSlice &
  DiscoverySlice &
  DistrictSlice;
