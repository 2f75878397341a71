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
  StationSettingsUpdate,
  StreamStatus,
  StopServiceInput,
  SystemInfo,
} from './schemas';
import {
  CameraRecordingSettings,
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
import { AuditFilter, AuditPage, AuditVerification } from './audit-schemas';
import { ConsoleEventInput } from './console-schemas';
import {
  Incident,
  IncidentDetail,
  IncidentFilter,
  IncidentInput,
  IncidentPage,
  IncidentUnlock,
  IncidentUpdate,
  SnapshotInput,
} from './incident-schemas';
import {
  AuthState,
  ChangePassword,
  Officer,
  OfficerInput,
  OfficerUpdate,
  ResetPassword,
  ResumeInput,
  Session,
  SetupInput,
  SignInInput,
  UnlockInput,
} from './officer-schemas';
import {
  PlaybackSegments,
  PlaybackSegmentsRequest,
  PlaybackTimeline,
  PlaybackTimelineRequest,
} from './playback-schemas';
import {
  ChosenFolder,
  ExportDrive,
  ExportListRequest,
  ExportPlan,
  ExportProgress,
  ExportRecord,
  ExportSelection,
} from './export-schemas';
import {
  AcknowledgeInput,
  CurrentShift,
  EndShiftInput,
  Handover,
  HandoverListRequest,
} from './shift-schemas';

const none = z.object({}).strict().default({});
const byId = z.object({ id: Id }).strict();
const ok = z.object({ ok: z.literal(true) });

/**
 * Who may call a channel. Checked by dispatch() before the request is parsed:
 * - public: anyone holding the launch token (sign-in screen);
 * - session: a signed-in officer, even while the screen is locked (live view
 *   keeps running behind the lock);
 * - officer: a signed-in officer with the screen unlocked;
 * - commander: as officer, and the officer is a commander (chỉ huy).
 */
export type Access = 'public' | 'session' | 'officer' | 'commander';

interface ChannelSpec {
  request: z.ZodTypeAny;
  response: z.ZodTypeAny;
  access: Access;
}

export const channels = {
  'system.info': { request: none, response: SystemInfo, access: 'public' },
  /**
   * Audited, then the service stops (recording with it) once the reply is sent.
   * Errors: conflict (not_stoppable: this core does not run as a stoppable service).
   */
  'system.stopService': { request: StopServiceInput, response: ok, access: 'commander' },

  'auth.state': { request: none, response: AuthState, access: 'public' },
  /** Only while no officer exists. Errors: conflict (setup_done). */
  'auth.setup': { request: SetupInput, response: Session, access: 'public' },
  /** Errors: forbidden (bad_password | inactive | too_many_attempts, fields.retryAfterSec). */
  'auth.signIn': { request: SignInInput, response: Session, access: 'public' },
  'auth.resume': { request: ResumeInput, response: Session, access: 'public' },
  'auth.signOut': { request: none, response: ok, access: 'session' },
  'auth.lock': { request: none, response: Session, access: 'session' },
  /** The officer is at the console (input seen); the core's idle lock counts from here. */
  'auth.activity': { request: none, response: ok, access: 'session' },
  'auth.unlock': { request: UnlockInput, response: Session, access: 'session' },
  'auth.changePassword': { request: ChangePassword, response: ok, access: 'officer' },

  'officer.list': { request: none, response: z.array(Officer), access: 'officer' },
  'officer.create': { request: OfficerInput, response: Officer, access: 'commander' },
  'officer.update': { request: OfficerUpdate, response: Officer, access: 'commander' },
  'officer.resetPassword': { request: ResetPassword, response: ok, access: 'commander' },

  'shift.current': { request: none, response: CurrentShift, access: 'officer' },
  /** Ends the caller's shift: the handover waits for the next officer; the session ends. */
  'shift.end': { request: EndShiftInput, response: Handover, access: 'officer' },
  /** Errors: conflict (same_officer | already_acknowledged). */
  'shift.acknowledge': { request: AcknowledgeInput, response: Handover, access: 'officer' },
  'shift.handovers': {
    request: HandoverListRequest,
    response: z.array(Handover),
    access: 'officer',
  },
  'shift.handover': { request: byId, response: Handover, access: 'officer' },

  /** Locks the incident's footage in the same transaction. */
  'incident.create': { request: IncidentInput, response: Incident, access: 'officer' },
  /** Errors: conflict (stale_version) when someone else changed it first. */
  'incident.update': { request: IncidentUpdate, response: Incident, access: 'officer' },
  'incident.get': { request: byId, response: IncidentDetail, access: 'officer' },
  'incident.list': { request: IncidentFilter, response: IncidentPage, access: 'officer' },
  'incident.addSnapshot': { request: SnapshotInput, response: Incident, access: 'officer' },
  'incident.lock': { request: byId, response: Incident, access: 'officer' },
  'incident.unlock': { request: IncidentUnlock, response: Incident, access: 'commander' },

  /** Recorded ranges, gaps, activity and incident markers of up to 16 cameras. */
  'playback.timeline': {
    request: PlaybackTimelineRequest,
    response: PlaybackTimeline,
    access: 'officer',
  },
  /** Indexed segments near the playhead; audited as a view of recorded footage. */
  'playback.segments': {
    request: PlaybackSegmentsRequest,
    response: PlaybackSegments,
    access: 'officer',
  },

  /** Removable drives mounted now; the export dialog asks every few seconds (plug/unplug). */
  'export.drives': { request: none, response: z.array(ExportDrive), access: 'officer' },
  /** Native folder picker (Electron); `supported: false` in the browser build. */
  'export.chooseFolder': { request: none, response: ChosenFolder, access: 'officer' },
  /** Footage, size and free space before starting; nothing is written. */
  'export.plan': { request: ExportSelection, response: ExportPlan, access: 'officer' },
  /**
   * Starts an export (one at a time); progress comes as `export.progress`, the end as
   * `export.changed`. Errors: conflict (export_running | no_footage | destination_*).
   */
  'export.start': { request: ExportSelection, response: ExportRecord, access: 'officer' },
  /** Cancels a running export: partial files are removed; audited. */
  'export.cancel': { request: byId, response: ExportRecord, access: 'officer' },
  'export.list': {
    request: ExportListRequest,
    response: z.array(ExportRecord),
    access: 'officer',
  },

  'audit.list': { request: AuditFilter, response: AuditPage, access: 'commander' },
  'audit.verify': { request: none, response: AuditVerification, access: 'commander' },

  'camera.list': { request: none, response: z.array(Camera), access: 'session' },
  'camera.add': { request: CameraInput.strict(), response: Camera, access: 'commander' },
  'camera.addRecorder': {
    request: RecorderInput.strict(),
    response: z.array(Camera),
    access: 'commander',
  },
  'camera.update': { request: CameraUpdate.strict(), response: Camera, access: 'commander' },
  'camera.remove': { request: byId, response: ok, access: 'commander' },
  'camera.test': { request: ProbeRequest, response: ProbeResult, access: 'commander' },
  'camera.statuses': { request: none, response: z.array(StreamStatus), access: 'session' },
  /**
   * Diagnostic: the outage log as stored. No screen shows it (tiles follow camera.status);
   * the e2e specs check through it that an outage is opened and closed.
   */
  'camera.outages': {
    request: z
      .object({ cameraId: Id.optional(), limit: z.number().int().min(1).max(1000).default(200) })
      .strict(),
    response: z.array(Outage),
    access: 'officer',
  },

  'layout.list': { request: none, response: z.array(Layout), access: 'session' },
  'layout.save': { request: LayoutInput.strict(), response: Layout, access: 'officer' },
  'layout.remove': { request: byId, response: ok, access: 'officer' },

  'settings.get': { request: none, response: Settings, access: 'session' },
  'settings.update': { request: SettingsUpdate.strict(), response: Settings, access: 'officer' },
  'settings.updateStation': {
    request: StationSettingsUpdate.strict(),
    response: Settings,
    access: 'commander',
  },

  'recording.statuses': {
    request: none,
    response: z.array(RecordingStatusInfo),
    access: 'session',
  },
  'recording.cameras': {
    request: none,
    response: z.array(CameraRecordingSettings),
    access: 'officer',
  },
  'recording.setCamera': {
    request: SetCameraRecording,
    response: CameraRecordingSettings,
    access: 'commander',
  },
  /**
   * Diagnostic: one camera's index rows and gaps as stored. The console reads footage through
   * playback.timeline and playback.segments; e2e specs and benchmarks check the index through this.
   */
  'recording.timeline': { request: TimelineRequest, response: Timeline, access: 'officer' },

  'storage.summary': { request: none, response: StorageSummary, access: 'session' },
  'storage.events': {
    request: StorageEventsRequest,
    response: z.array(RecordingEvent),
    access: 'officer',
  },
  'storage.settings': { request: none, response: StorageSettings, access: 'officer' },
  'storage.setQuota': { request: StorageQuota, response: StorageSettings, access: 'commander' },
  /** Errors: invalid_request with fields.path = storage_not_absolute | storage_same_folder | storage_overlaps_root | storage_unwritable. */
  'storage.setFolder': {
    request: SetStorageFolder,
    response: StorageSettings,
    access: 'commander',
  },

  /** A console's page crashed or hung and was reloaded; audited. Public: it may happen before sign-in. */
  'system.consoleEvent': { request: ConsoleEventInput, response: ok, access: 'public' },
} as const satisfies Record<string, ChannelSpec>;

export type Channels = typeof channels;
export type Channel = keyof Channels;
export type RequestOf<C extends Channel> = z.input<Channels[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<Channels[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<Channels[C]['response']>;

/** Events main pushes to the renderer. */
export const events = {
  'camera.status': StreamStatus,
  'camera.changed': z.object({ cameras: z.array(Camera) }),
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
  /** An incident was created or changed (by any window). */
  'incident.changed': Incident,
  /** Progress of the running export. */
  'export.progress': ExportProgress,
  /** An export started, completed, failed or was cancelled. */
  'export.changed': ExportRecord,
  /** Officers, shifts or pending handovers changed: the sign-in screen refreshes. */
  'auth.changed': z.object({}),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventOf<E extends EventName> = z.output<Events[E]>;

export function accessOf(channel: Channel): Access {
  return channels[channel].access;
}

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}
