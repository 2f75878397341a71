// The one service graph: every core service built over one database, connected
// through the internal event bus. The composition root (station-core.ts) starts it
// and puts the media server in front; tests build exactly this graph with a few
// overrides (a fake clock, cheap password hashing, a canned probe) and leave it
// unstarted or start it, never wiring services a second way.
import { join } from 'node:path';
import type { EventName, EventOf } from '../../contract/channels';
import { IncidentFilter } from '../../contract/incident-schemas';
import type { SystemInfo } from '../../contract/schemas';
import { CameraService, type ProbeFn } from '../cameras/camera-service';
import { probeStream } from '../cameras/probe';
import type { Database } from '../db/database';
import { DistrictService, type DistrictLinkRunner } from '../district/district-service';
import type { PublisherSource } from '../district/outbox-publisher';
import { OutboxStore } from '../district/outbox-store';
import { ExportService } from '../export/export-service';
import type { FootageSource } from '../export/export-sources';
import { exportRenderers } from '../export/export-renderers';
import { LayoutService } from '../layouts/layout-service';
import { CameraClockService, type ClockAlarmSink } from '../onvif/camera-clock-service';
import { OnvifDeviceService } from '../onvif/onvif-device-service';
import { OnvifEventBridge, type OnvifEventTarget } from '../onvif/onvif-event-bridge';
import { transportFromEnv, type UdpTransport } from '../onvif/udp-transport';
import { WsDiscovery } from '../onvif/ws-discovery';
import type { Logger } from '../logging/logger';
import type { ScryptParams } from '../officers/password-hash';
import { CameraHealthMonitor, healthAsStreamStatus } from '../outages/camera-health';
import { CameraReachability } from '../outages/camera-reachability';
import { OutageLog } from '../outages/outage-log';
import { openCamPtzDevice } from '../ptz/cam-ptz-device';
import { PtzDevices, type OpenPtzDevice } from '../ptz/ptz-devices';
import { PtzService } from '../ptz/ptz-service';
import { CameraAlarmLog } from '../outages/camera-alarm-log';
import { RecordingService } from '../recording/recording-service';
import type { RecordingEmit, RecordingServiceEvents } from '../recording/recording-types';
import type { SecretBox } from '../secrets/secret-box';
import { SettingsService } from '../settings/settings-service';
import { restrictFolder } from '../storage/owner-only';
import { settingsBackedStorageStore } from '../storage/storage-settings';
import { StorageService } from '../storage/storage-service';
import { recordingRootStore } from '../recording/storage-root-store';
import { locateFfmpeg, type FfmpegPaths } from '../streams/ffmpeg-locator';
import { LiveHub } from '../streams/live-hub';
import { detectorRtspInput } from '../tamper/detector-args';
import { ReferenceStore } from '../tamper/reference-store';
import { TamperSettingsStore } from '../tamper/tamper-settings-store';
import { TamperWatch } from '../tamper/tamper-watch';
import { tcpAccepts } from '../streams/rtsp-reachability';
import { ConsoleFeed, type CoreEventListener } from './console-feed';
import type { Endpoint, Handlers } from './dispatch';
import { createDutyServices, type DutyWiring } from './duty-services';
import { DisposeSteps } from './dispose-steps';
import { EventBus } from './event-bus';
import { createHandlers } from './handlers';
import { createPlaybackServices, type PlaybackServices } from './playback-handlers';
import { RecordingSync } from './recording-sync';

/** Topics only services hear; never sent to a console. */
export interface InternalTopics {
  /** A camera's URL or password changed: its live and recording streams restart. */
  'camera.updated': { cameraId: string };
}

export type CoreTopics = { [E in EventName]: EventOf<E> } & InternalTopics;
export type CoreEmit = <E extends EventName>(event: E, payload: EventOf<E>) => void;

// An internal topic named like a contract event would leak to the consoles.
const internalTopicsAreNotContractEvents: Extract<keyof InternalTopics, EventName> extends never
  ? true
  : never = true;
void internalTopicsAreNotContractEvents;

export interface ServiceGraphDeps {
  db: Database;
  dataDir: string;
  secrets: SecretBox;
  logger: Logger;
  version: string;
  platform: string;
  /** Footage root of a fresh install (the folder chosen in the panel wins). Default <dataDir>/recordings. */
  storageDir?: string;
  /** Overrides the ffmpegPath setting (e.g. --ffmpeg on the command line). */
  ffmpegPath?: string;
  bundledFfmpegDir?: string;
  /** 'auto': create the demo station at start when no camera exists yet. */
  demo?: 'auto' | 'off';
  recordingSegmentSeconds?: number;
  liveIdleStopMs?: number;
  chooseFolder?: () => Promise<string | null>;
  stopService?: () => void;
  /** Where consoles reach the media server (system.info); known once it listens. */
  mediaAddress?: () => { baseUrl: string | null; token: string };
  /**
   * Makes the district link's transport (leaf node, publisher, request inbox) over the
   * outbox: NatsLink in the station; tests pass UnwiredDistrictLink or a fake.
   */
  districtLink: (outbox: PublisherSource) => DistrictLinkRunner;
}

/** What tests replace; production passes none. */
export interface ServiceOverrides {
  /** Clock of the duty services (sessions, audit, shifts, incidents). */
  now?: () => number;
  /** Cheap scrypt for tests. */
  hashParams?: ScryptParams;
  probe?: ProbeFn;
  /** The ffmpeg found, instead of looking for it. */
  ffmpeg?: FfmpegPaths | null;
  /** The segment being recorded, as export sees it. */
  openSegment?: FootageSource['openSegment'];
  systemInfo?: () => Promise<SystemInfo>;
  /** WS-Discovery sockets (tests: loopback only). */
  udpTransport?: UdpTransport;
  /** Where clock alarms go (the camera alarm log). */
  clockAlarms?: ClockAlarmSink;
  /** Opens a camera's PTZ connection (tests: a fake dome). */
  openPtzDevice?: OpenPtzDevice;
}

export interface ServiceGraph {
  readonly bus: EventBus<CoreTopics>;
  readonly settings: SettingsService;
  readonly cameras: CameraService;
  readonly layouts: LayoutService;
  readonly outages: OutageLog;
  /** Picture and clock alarms (black, frozen, covered, turned; clock off). */
  readonly cameraAlarms: CameraAlarmLog;
  /** The picture-alarm detector on each camera's sub-stream. */
  readonly tamper: TamperWatch;
  readonly live: LiveHub;
  readonly storage: StorageService;
  readonly recording: RecordingService;
  readonly duty: DutyWiring;
  readonly playback: PlaybackServices;
  readonly exports: ExportService;
  readonly onvif: OnvifDeviceService;
  readonly clocks: CameraClockService;
  readonly ptz: PtzService;
  /** The station's link to a district centre, off until a commander connects it. */
  readonly district: DistrictService;
  readonly handlers: Handlers;
  readonly endpoint: Endpoint;
  /** The ffmpeg in use now (a changed setting applies to probing and export at once). */
  locateFfmpeg(): Promise<FfmpegPaths | null>;
  info(): Promise<SystemInfo>;
  /** Every contract event, validated, as the consoles receive it. */
  onEvent(listener: CoreEventListener): () => void;
  /** Starts the services in dependency order (recorders spawn here). */
  start(): Promise<void>;
  /** Disposes every service in reverse order of construction; one failing step does not skip the rest. */
  dispose(): Promise<void>;
}

export async function buildServices(
  deps: ServiceGraphDeps,
  overrides: ServiceOverrides = {},
): Promise<ServiceGraph> {
  const { db, logger } = deps;
  const log = logger.child('core');
  const bus = new EventBus<CoreTopics>(log);
  const emit: CoreEmit = (event, payload) =>
    bus.publish(event, payload as CoreTopics[typeof event]);
  const consoles = new ConsoleFeed(log);
  bus.subscribeAll((topic, payload) => consoles.forward(topic, payload));

  const cleanups = new DisposeSteps(log);
  const dispose = async (): Promise<void> => {
    await cleanups.runAll();
    consoles.clear();
  };

  try {
    const settings = new SettingsService({ db, emit });
    cleanups.push('settings', () => settings.dispose());

    const locate = async (): Promise<FfmpegPaths | null> =>
      overrides.ffmpeg !== undefined
        ? overrides.ffmpeg
        : locateFfmpeg({
            setting: deps.ffmpegPath || (await settings.get()).ffmpegPath,
            ...(deps.bundledFfmpegDir ? { bundledDir: deps.bundledFfmpegDir } : {}),
          });
    // Live and recording keep the ffmpeg found now; a changed setting applies at the next start.
    const ffmpeg = await locate();
    if (!ffmpeg) log.warn('ffmpeg not found; live view and probing report ffmpeg_missing');
    else log.info('ffmpeg found', { path: ffmpeg.ffmpeg, source: ffmpeg.source });

    const layouts = new LayoutService({ db, emit });
    const cameras = new CameraService({
      db,
      secrets: deps.secrets,
      settings,
      emit,
      logger: logger.child('cameras'),
      probe:
        overrides.probe ??
        (async ({ input, timeoutMs }) => {
          const found = await locate();
          if (!found) return { ok: false, errorKind: 'ffmpeg_missing', detail: '' };
          return probeStream({ ffprobePath: found.ffprobe, input, timeoutMs });
        }),
      // Awaited by the removal: when it answers, the layouts no longer show the cameras and
      // their open outages are closed (the rows stay for the handover).
      onRemoved: async (ids) => {
        await layouts.forgetCameras(ids);
        await outages.closeForRemoved(ids);
        await cameraAlarms.closeForRemoved(ids);
        await tamper.forget(ids);
      },
      onUpdated: (cameraId) => bus.publish('camera.updated', { cameraId }),
    });
    cleanups.push('cameras', () => cameras.dispose());
    cleanups.push('layouts', () => layouts.dispose());

    const outages = new OutageLog({
      db,
      cameraExists: (id) => cameras.exists(id),
      logger: logger.child('outages'),
      onChange: (alarm) => emit('outage.changed', alarm),
    });
    cleanups.push('outages', () => outages.dispose());
    const cameraAlarms = new CameraAlarmLog({
      db,
      cameraExists: (id) => cameras.exists(id),
      logger: logger.child('camera-alarms'),
      onChange: (alarm) => emit('alarm.changed', alarm),
    });
    cleanups.push('camera-alarms', () => cameraAlarms.dispose());

    const live = new LiveHub({
      // A missing ffmpeg still gets a name: spawning fails and streams report ffmpeg_missing.
      ffmpegPath: ffmpeg?.ffmpeg ?? 'ffmpeg',
      resolveInput: cameras.resolveInput,
      // What a viewer sees; reachability and outages come from cameraHealth, watched all the time.
      onStatus: (status) => emit('camera.status', status),
      ...(deps.liveIdleStopMs !== undefined ? { idleStopMs: deps.liveIdleStopMs } : {}),
    });
    cleanups.push('live', () => live.dispose());

    const storage = new StorageService({
      db,
      roots: recordingRootStore(db),
      // The folder chosen in the panel (stored) wins; this is the default of a fresh install.
      storageDir: deps.storageDir ?? join(deps.dataDir, 'recordings'),
      stored: settingsBackedStorageStore(settings),
      logger: logger.child('storage'),
    });
    await storage.load();
    const recordingEmit: RecordingEmit = (event, payload) =>
      emit(event, payload as EventOf<typeof event>);
    const recording = new RecordingService({
      db,
      storage,
      ffmpegPath: ffmpeg?.ffmpeg ?? 'ffmpeg',
      resolveInput: cameras.resolveInput,
      emit: recordingEmit,
      segmentSeconds: deps.recordingSegmentSeconds ?? segmentSecondsFromEnv(),
      logger: logger.child('recording'),
    });
    // Disposed before cameras, settings and the db (cleanups run in reverse): every
    // recorder gets SIGINT, its last segment is filed and indexed, then the db closes.
    cleanups.push('recording', () => recording.dispose());
    const recordingSync = new RecordingSync({
      recording,
      listCameras: () => cameras.list(),
      logger: logger.child('recording-sync'),
    });
    let stopSync = (): void => undefined;
    cleanups.push('recording-sync', async () => {
      stopSync();
      await recordingSync.idle();
    });

    const reachability = new CameraReachability({
      resolveInput: (cameraId) => cameras.resolveInput(cameraId, 'main'),
      tcpAccepts: (host, port) => tcpAccepts(host, port, 2000),
      probeStream: (cameraId) => cameras.probe({ cameraId, stream: 'main' }),
      streamPlaying: (cameraId) =>
        live.statuses().some((st) => st.cameraId === cameraId && st.state === 'live'),
    });
    const cameraHealth = new CameraHealthMonitor({
      cameraIds: async () => (await cameras.list()).map((c) => c.id),
      probe: reachability.probe,
      onChange: (health, stream) => {
        const status = healthAsStreamStatus(health, stream);
        if (status) outages.onStatus(status);
        emit('camera.health', health);
      },
      logger: logger.child('camera-health'),
    });
    // Before recording: stopping recorders at shut-down is not an outage.
    cleanups.push('camera-health', () => cameraHealth.dispose());
    cleanups.push('camera-reachability', () => reachability.dispose());
    bus.subscribe('recording.status', cameraHealth.onRecordingStatus);

    // Reads each camera's sub-stream while the camera is up (an extra RTSP session).
    const tamper = new TamperWatch({
      ffmpegPath: ffmpeg?.ffmpeg ?? 'ffmpeg',
      cameras: () => cameras.list(),
      inputArgs: async (camera, version) => {
        if (camera.source !== 'rtsp' || !camera.subUrl) return null;
        const input = await cameras.resolveInput(camera.id, 'sub');
        return input.kind === 'rtsp' ? detectorRtspInput(input.url, version) : null;
      },
      settings: new TamperSettingsStore(db),
      references: new ReferenceStore(db),
      alarms: cameraAlarms,
      emit: (state) => emit('tamper.state', state),
      logger: logger.child('tamper'),
    });
    // Disposed before the camera alarm log (reverse order): open alarms stay open for the next start.
    cleanups.push('tamper', () => tamper.dispose());
    bus.subscribe('camera.health', tamper.onHealth);
    bus.subscribe('camera.changed', tamper.onCamerasChanged);
    bus.subscribe('camera.updated', ({ cameraId }) => tamper.restartCamera(cameraId));

    // A changed URL or password: new ffmpeg runs pick it up now, not at the next retry.
    bus.subscribe('camera.updated', ({ cameraId }) => live.restartCamera(cameraId));
    bus.subscribe('camera.updated', ({ cameraId }) => recording.restartCamera(cameraId));

    const duty = await createDutyServices({
      db,
      dataDir: deps.dataDir,
      secrets: deps.secrets,
      settings,
      cameras,
      outages,
      cameraAlarms,
      recording,
      emit,
      logger: logger.child('duty'),
      ...(overrides.hashParams ? { hashParams: overrides.hashParams } : {}),
      ...(overrides.now ? { now: overrides.now } : {}),
    });
    // Pending head-file writes finish before the database closes.
    cleanups.push('duty', () => duty.dispose());
    const playback = createPlaybackServices(db, duty, recording);

    // Approved centre requests are exported here (inside the data folder, never a footage root).
    const districtReleaseDir = join(deps.dataDir, 'district-exports');
    const exports = new ExportService({
      db,
      sources: {
        footage: {
          segmentFiles: (cameraId, fromMs, toMs) => recording.segmentFiles(cameraId, fromMs, toMs),
          openSegment: overrides.openSegment ?? ((cameraId) => recording.openSegment(cameraId)),
          storageRoots: () => recording.storageRoots(),
        },
        cameras,
        incidents: duty.incidents,
        officers: duty.officers,
      },
      audit: duty.audit,
      emit,
      logger: logger.child('export'),
      dataDir: deps.dataDir,
      appVersion: deps.version,
      ffmpegPath: async () => (await locate())?.ffmpeg ?? null,
      stationName: async () => (await settings.get()).stationName,
      renderers: exportRenderers,
      ...(deps.chooseFolder ? { chooseFolder: deps.chooseFolder } : {}),
      releaseDir: districtReleaseDir,
    });
    // Before recording and the db: a running export is cancelled and its partial files removed.
    cleanups.push('export', () => exports.dispose());

    const outbox = new OutboxStore(db);
    const district = new DistrictService({
      db,
      outbox,
      secrets: deps.secrets,
      audit: duty.audit,
      link: deps.districtLink(outbox),
      dataDir: deps.dataDir,
      emit,
      logger: logger.child('district'),
      releaseDir: districtReleaseDir,
      exports,
      health: async () => {
        const list = await cameras.list();
        const up = new Set(
          cameraHealth
            .list()
            .filter((h) => h.reachable === 'up')
            .map((h) => h.cameraId),
        );
        const recordingIds = new Set(
          recording
            .statuses()
            .filter((r) => r.recording)
            .map((r) => r.cameraId),
        );
        const open = (await outages.openAlarms()).length + (await cameraAlarms.openAlarms()).length;
        return {
          cameras: list.length,
          online: list.filter((c) => up.has(c.id)).length,
          recording: list.filter((c) => recordingIds.has(c.id)).length,
          openAlarms: open,
          names: Object.fromEntries(list.map((c) => [c.id, c.name])),
        };
      },
      incidentByCode: async (code) => {
        const page = await duty.incidents.list(IncidentFilter.parse({ text: code, limit: 20 }));
        const found = page.items.find((i) => i.code === code);
        return found
          ? {
              id: found.id,
              startMs: found.startMs,
              endMs: found.endMs,
              cameraIds: found.cameras.map((c) => c.id),
            }
          : null;
      },
      ...(overrides.now ? { now: overrides.now } : {}),
    });
    // Before the export service and the db: the link stops publishing first.
    cleanups.push('district', () => district.dispose());

    const discovery = new WsDiscovery({
      transport: overrides.udpTransport ?? transportFromEnv(),
      logger: logger.child('discovery'),
    });
    const onvif = new OnvifDeviceService({
      db,
      cameras,
      discovery,
      onAdded: (cameraId) => clocks.added(cameraId),
      logger: logger.child('onvif'),
    });
    const clocks = new CameraClockService({
      db,
      devices: onvif,
      emit,
      alarms: overrides.clockAlarms ?? cameraAlarms,
      logger: logger.child('camera-clocks'),
    });
    cleanups.push('camera-clocks', () => clocks.dispose());
    // A removed camera's device row goes; a changed account signs in anew.
    bus.subscribe('camera.changed', ({ cameras: list }) => {
      void onvif.keepOnly(list.map((c) => c.id)).catch((err: unknown) => {
        log.warn('onvif devices not pruned', { err });
      });
    });
    bus.subscribe('camera.updated', ({ cameraId }) => onvif.forgetClient(cameraId));

    // The cameras' own tamper/scene/video-loss events: a second source beside the detector.
    // A camera saying "off" ends only an alarm the camera opened, never the detector's.
    const cameraEvents = new OnvifEventBridge({
      targets: async () => {
        const out: OnvifEventTarget[] = [];
        for (const device of await onvif.devices()) {
          const { username, password } = await cameras.credentials(device.cameraId);
          out.push({
            cameraId: device.cameraId,
            xaddr: device.xaddr,
            username: username ?? '',
            password: password ?? '',
          });
        }
        return out;
      },
      sink: {
        open: (cameraId, kind, source, detail) => cameraAlarms.open(cameraId, kind, source, detail),
        close: async (cameraId, kind) => {
          const open = (await cameraAlarms.openAlarms()).find(
            (a) => a.cameraId === cameraId && a.kind === kind,
          );
          if (open?.source === 'camera') await cameraAlarms.close(cameraId, kind);
        },
      },
      logger: logger.child('camera-events'),
    });
    cleanups.push('camera-events', () => cameraEvents.dispose());
    bus.subscribe('camera.changed', () => void cameraEvents.refresh());
    bus.subscribe('camera.updated', () => void cameraEvents.refresh());

    // A camera added through ONVIF with a PTZ profile, reached with the camera's own account.
    const openPtz: OpenPtzDevice = async (cameraId) => {
      const device = await onvif.device(cameraId);
      if (!device?.ptzProfile) return null;
      const { username, password } = await cameras.credentials(cameraId);
      return openCamPtzDevice({
        xaddr: device.xaddr,
        username: username ?? '',
        password: password ?? '',
        profileToken: device.ptzProfile,
      });
    };
    const ptzDevices = new PtzDevices(overrides.openPtzDevice ?? openPtz);
    const ptz = new PtzService({
      db,
      devices: ptzDevices.lookup,
      onDeviceFailed: (cameraId) => ptzDevices.forget(cameraId),
      // A steered dome's view changes on purpose: no "turned camera" alarm for it.
      onSteered: (cameraId) => tamper.steered(cameraId),
      audit: duty.audit,
      logger: logger.child('ptz'),
      ...(overrides.now ? { now: overrides.now } : {}),
    });
    // Before the db: a dome still moving gets its Stop.
    cleanups.push('ptz', () => ptz.close());
    bus.subscribe('camera.updated', ({ cameraId }) => ptzDevices.forget(cameraId));
    bus.subscribe('camera.changed', () => ptzDevices.forgetAll());

    const info = async (): Promise<SystemInfo> => {
      const media = deps.mediaAddress?.();
      return {
        version: deps.version,
        mediaBaseUrl: media?.baseUrl ?? '',
        mediaToken: media?.token ?? '',
        demoMode: await cameras.hasDemoCameras(),
        dataDir: deps.dataDir,
        ffmpegPath: (await locate())?.ffmpeg ?? null,
        platform: deps.platform,
      };
    };
    const handlers = createHandlers({
      duty,
      exports,
      ptz,
      playback,
      onvif,
      clocks,
      district,
      cameras,
      layouts,
      settings,
      outages,
      cameraAlarms,
      tamper,
      recording,
      storage,
      streamStatuses: () => live.statuses(),
      cameraHealth: () => cameraHealth.list(),
      systemInfo: overrides.systemInfo ?? info,
      stopService: deps.stopService,
    });

    const start = async (): Promise<void> => {
      await settings.start();
      await cameras.start();
      await layouts.start();
      if (deps.demo === 'auto') await cameras.ensureDemoCameras();
      await outages.start();
      await cameraAlarms.start();
      live.start();
      await recording.start();
      // A root an older build created world-readable becomes owner-only.
      await restrictFolder(recording.storageDir).catch((err: unknown) =>
        logger.warn('storage folder permissions not changed', { err }),
      );
      await recordingSync.sync();
      // After the recorders start: an upgrade's search re-index must not delay recording.
      await duty.incidents.start();
      // The registry changed: the recorded set follows.
      stopSync = bus.subscribe('camera.changed', () => recordingSync.schedule());
      cameraHealth.start();
      await exports.start();
      await clocks.start();
      await cameraEvents.start();
      await district.start();
    };

    return {
      bus,
      settings,
      cameras,
      layouts,
      outages,
      cameraAlarms,
      tamper,
      live,
      storage,
      recording,
      duty,
      playback,
      exports,
      onvif,
      clocks,
      ptz,
      district,
      handlers,
      endpoint: { handlers, authorize: duty.authorize },
      locateFfmpeg: locate,
      info,
      onEvent: (listener) => consoles.add(listener),
      start,
      dispose,
    };
  } catch (err) {
    await dispose();
    throw err;
  }
}

function segmentSecondsFromEnv(): number | undefined {
  const raw = process.env.STATION_SEGMENT_SECONDS;
  if (!raw) return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 3600 ? n : undefined;
}

// Compile-time proof that every recording event fits its contract schema, so the
// cast in recordingEmit is sound (the payload is validated again on its way out).
type FitsContract = {
  [K in keyof RecordingServiceEvents]: RecordingServiceEvents[K] extends EventOf<K> ? true : never;
};
export const recordingEventsFitContract: FitsContract = {
  'recording.status': true,
  'recording.segment': true,
  'recording.alarm': true,
  'recording.event': true,
};
