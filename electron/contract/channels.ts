// The single contract between main and renderer (GitHub Desktop's ipc-shared.ts
// idea, with a zod schema per channel). Every transport — Electron IPC and the
// loopback WebSocket used for browser runs and e2e — carries exactly these.
import { z } from 'zod';
import {
  Camera,
  CameraInput,
  CameraUpdate,
  Id,
  Layout,
  LayoutInput,
  Outage,
  ProbeRequest,
  ProbeResult,
  RecorderInput,
  Settings,
  SettingsUpdate,
  StreamStatus,
  SystemInfo,
} from './schemas';
import {
  CameraRecordingSettings,
  Gap,
  Recording,
  RecordingAlarmEvent,
  RecordingEvent,
  RecordingStatusInfo,
  SetCameraRecording,
  SetStorageFolder,
  StorageEventsRequest,
  StorageQuota,
  StorageSettings,
  StorageSummary,
  Timeline,
  TimelineRequest,
} from './recording-schemas';

const none = z.object({}).strict().default({});
const byId = z.object({ id: Id }).strict();
const ok = z.object({ ok: z.literal(true) });

export const channels = {
  'system.info': { request: none, response: SystemInfo },

  'camera.list': { request: none, response: z.array(Camera) },
  'camera.add': { request: CameraInput.strict(), response: Camera },
  'camera.addRecorder': { request: RecorderInput.strict(), response: z.array(Camera) },
  'camera.update': { request: CameraUpdate.strict(), response: Camera },
  'camera.remove': { request: byId, response: ok },
  'camera.test': { request: ProbeRequest, response: ProbeResult },
  'camera.statuses': { request: none, response: z.array(StreamStatus) },
  'camera.outages': {
    request: z
      .object({ cameraId: Id.optional(), limit: z.number().int().min(1).max(1000).default(200) })
      .strict(),
    response: z.array(Outage),
  },

  'layout.list': { request: none, response: z.array(Layout) },
  'layout.save': { request: LayoutInput.strict(), response: Layout },
  'layout.remove': { request: byId, response: ok },

  'settings.get': { request: none, response: Settings },
  'settings.update': { request: SettingsUpdate.strict(), response: Settings },

  'recording.statuses': { request: none, response: z.array(RecordingStatusInfo) },
  'recording.cameras': { request: none, response: z.array(CameraRecordingSettings) },
  'recording.setCamera': { request: SetCameraRecording, response: CameraRecordingSettings },
  'recording.timeline': { request: TimelineRequest, response: Timeline },

  'storage.summary': { request: none, response: StorageSummary },
  'storage.events': { request: StorageEventsRequest, response: z.array(RecordingEvent) },
  'storage.settings': { request: none, response: StorageSettings },
  'storage.setQuota': { request: StorageQuota, response: StorageSettings },
  /** Errors: invalid_request with fields.path = storage_not_absolute | storage_same_folder | storage_overlaps_root | storage_unwritable. */
  'storage.setFolder': { request: SetStorageFolder, response: StorageSettings },
} as const;

export type Channels = typeof channels;
export type Channel = keyof Channels;
export type RequestOf<C extends Channel> = z.input<Channels[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<Channels[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<Channels[C]['response']>;

/** Events main pushes to the renderer. */
export const events = {
  'camera.status': StreamStatus,
  'camera.changed': z.object({ cameras: z.array(Camera) }),
  'outage.changed': Outage,
  'settings.changed': Settings,
  'layout.changed': z.object({ layouts: z.array(Layout) }),
  /** Per camera: recording or not, and why not. */
  'recording.status': RecordingStatusInfo,
  /** The most urgent storage alarm, or null when all are cleared. */
  'recording.alarm': RecordingAlarmEvent,
  /** A new entry of the recording event log. */
  'recording.event': RecordingEvent,
  /** A segment was filed and indexed. */
  'recording.segment': Recording,
  /** A gap was opened or closed. */
  'recording.gap': Gap,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventOf<E extends EventName> = z.output<Events[E]>;

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}
