// The composition root: builds every core service from one config, starts them
// in dependency order and disposes them in reverse (every ffmpeg stopped). Both
// the Electron shell and the browser-mode server run exactly this.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { events as eventSchemas, type EventName, type EventOf } from '../../contract/channels';
import type { SystemInfo } from '../../contract/schemas';
import { CameraService } from '../cameras/camera-service';
import { probeStream } from '../cameras/probe';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { LayoutService } from '../layouts/layout-service';
import { createLogger, type Logger } from '../logging/logger';
import { registerLiveRoutes } from '../media-server/live-routes';
import { MediaServer } from '../media-server/media-server';
import type { MediaRoutes } from '../media-server/types';
import { OutageLog } from '../outages/outage-log';
import { RecordingService } from '../recording/recording-service';
import type { RecordingEmit, RecordingServiceEvents } from '../recording/recording-types';
import { registerSnapshotRoutes } from '../incidents/snapshot-routes';
import { registerRecordingRoutes } from '../playback/recording-routes';
import { MAX_CONCURRENT_TRANSCODES, TranscodeSlots } from '../playback/transcode-slots';
import { registerReportRoutes } from '../reports/report-routes';
import { RpcServer } from '../rpc/rpc-server';
import { KeyFileSecretBox } from '../secrets/key-file-secret-box';
import type { SecretBox } from '../secrets/secret-box';
import { SettingsService } from '../settings/settings-service';
import { locateFfmpeg, type FfmpegPaths } from '../streams/ffmpeg-locator';
import { LiveHub } from '../streams/live-hub';
import {
  dispatchToOutcome,
  type CallContext,
  type DispatchOutcome,
  type Endpoint,
} from './dispatch';
import { OWNER_ONLY_DIR, restrictFolder } from '../storage/owner-only';
import { APP_PAGE_ORIGIN } from '../playback/recording-routes';
import { acquireDataFolderLock } from './data-folder-lock';
import { createDutyServices } from './duty-services';
import { ExportService } from '../export/export-service';
import { exportRenderers } from '../export/export-renderers';
import { createHandlers } from './handlers';
import { createPlaybackServices } from './playback-handlers';
import { RecordingSync } from './recording-sync';
import { StorageSettingsStore, toQuotaSettings } from './storage-settings';

export interface StationCoreConfig {
  dataDir: string;
  /** Footage root. Default <dataDir>/recordings. */
  storageDir?: string;
  /**
   * Recording segment length in seconds; default $STATION_SEGMENT_SECONDS, else 60
   * (docs/recording.md). Tests and e2e use a few seconds so segments close quickly.
   */
  recordingSegmentSeconds?: number;
  /** Overrides the ffmpegPath setting (e.g. --ffmpeg on the command line). */
  ffmpegPath?: string;
  /** Where the packaged app keeps its ffmpeg; see bundledFfmpegDir(). */
  bundledFfmpegDir?: string;
  /** Default: KeyFileSecretBox in dataDir. */
  secretBox?: SecretBox;
  /** 'auto': create the demo station when no camera exists yet. */
  demo: 'auto' | 'off';
  version: string;
  platform: string;
  /** Mount the contract on the media server at /rpc (browser mode, e2e). */
  enableWsRpc: boolean;
  /** Media server port; 0 or absent = random. */
  port?: number;
  /** The media server's token; default: a fresh one per launch (the service keeps one, media-token-file.ts). */
  mediaToken?: string;
  /** Default: JSON lines in <dataDir>/logs plus stderr. */
  logger?: Logger;
  /** Live hub tuning for tests (e.g. a shorter idle stop). */
  liveIdleStopMs?: number;
  /** Native folder picker for export destinations (the Electron shell's dialog). */
  chooseFolder?: () => Promise<string | null>;
  /** The service process's own stop (system.stopService); absent where none may be stopped. */
  stopService?: () => void;
}

export type CoreEventListener = <E extends EventName>(event: E, payload: EventOf<E>) => void;

export interface StationCore {
  readonly dataDir: string;
  readonly storageDir: string;
  readonly logger: Logger;
  /** Mount extra routes (e.g. the browser-mode app shell) before or after start(). */
  readonly media: MediaRoutes;
  /** Starts the media server; resolves with its address and per-launch token. */
  start(): Promise<{ mediaBaseUrl: string; mediaToken: string; port: number }>;
  /** Runs one contract call through validation; never throws. */
  dispatch(channel: unknown, payload: unknown, ctx: CallContext): Promise<DispatchOutcome>;
  /** Every event the core emits, already validated against the contract. */
  onEvent(listener: CoreEventListener): () => void;
  info(): Promise<SystemInfo>;
  /** Test and bench access to the live hub. */
  readonly live: LiveHub;
  /** Test and bench access to the recording service. */
  readonly recording: RecordingService;
  dispose(): Promise<void>;
}

export async function createStationCore(config: StationCoreConfig): Promise<StationCore> {
  const logger = config.logger ?? createLogger({ dir: join(config.dataDir, 'logs') });
  const log = logger.child('core');
  const listeners = new Set<CoreEventListener>();
  // Set once recording exists: the registry changed, so the recorded set must follow.
  let onCamerasChanged: (() => void) | null = null;

  const emit = <E extends EventName>(event: E, payload: EventOf<E>): void => {
    // Events cross to the renderer like responses do: only contract-valid payloads.
    const checked = eventSchemas[event].safeParse(payload);
    if (!checked.success) {
      log.error('event dropped: payload does not match the contract', {
        event,
        issues: checked.error.issues,
      });
      return;
    }
    for (const l of [...listeners]) {
      try {
        l(event, checked.data as EventOf<E>);
      } catch (err) {
        log.error('event listener failed', { event, err });
      }
    }
    if (event === 'camera.changed') onCamerasChanged?.();
  };

  // Before the database opens: a second core on this folder stops here.
  mkdirSync(config.dataDir, { recursive: true, mode: OWNER_ONLY_DIR });
  const lock = await acquireDataFolderLock(config.dataDir);
  let db: Database;
  try {
    db = await openStationDb(config.dataDir);
  } catch (err) {
    await lock.release();
    throw err;
  }
  const cleanups: { name: string; run: () => Promise<void> }[] = [
    { name: 'lock', run: () => lock.release() },
    { name: 'db', run: () => db.close() },
  ];
  const disposeAll = async (): Promise<void> => {
    // Reverse order of construction; one failing step does not skip the rest.
    for (const step of cleanups.splice(0).reverse()) {
      try {
        await step.run();
      } catch (err) {
        log.error('dispose step failed', { step: step.name, err });
      }
    }
  };

  try {
    const settings = new SettingsService({ db, emit });
    await settings.start();
    cleanups.push({ name: 'settings', run: () => settings.dispose() });

    const secrets = config.secretBox ?? KeyFileSecretBox.forDataDir(config.dataDir);

    const locate = async (): Promise<FfmpegPaths | null> =>
      locateFfmpeg({
        setting: config.ffmpegPath || (await settings.get()).ffmpegPath,
        ...(config.bundledFfmpegDir ? { bundledDir: config.bundledFfmpegDir } : {}),
      });
    // The live hub keeps the ffmpeg found at start; a changed setting applies at the next start.
    const ffmpeg = await locate();
    if (!ffmpeg) log.warn('ffmpeg not found; live view and probing report ffmpeg_missing');
    else log.info('ffmpeg found', { path: ffmpeg.ffmpeg, source: ffmpeg.source });

    let hubRef: LiveHub | null = null;
    let recordingRef: RecordingService | null = null;
    const layouts = new LayoutService({ db, emit });
    const cameras = new CameraService({
      db,
      secrets,
      settings,
      emit,
      logger: logger.child('cameras'),
      probe: async ({ input, timeoutMs }) => {
        const found = await locate();
        if (!found) return { ok: false, errorKind: 'ffmpeg_missing', detail: '' };
        return probeStream({ ffprobePath: found.ffprobe, input, timeoutMs });
      },
      onRemoved: (ids) => layouts.forgetCameras(ids),
      onUpdated: (id) => {
        void hubRef?.restartCamera(id);
        void recordingRef?.restartCamera(id);
      },
    });
    await cameras.start();
    cleanups.push({ name: 'cameras', run: () => cameras.dispose() });
    await layouts.start();
    cleanups.push({ name: 'layouts', run: () => layouts.dispose() });
    if (config.demo === 'auto') await cameras.ensureDemoCameras();

    const outages = new OutageLog({
      db,
      cameraExists: (id) => cameras.exists(id),
      emit,
      logger: logger.child('outages'),
    });
    await outages.start();
    cleanups.push({ name: 'outages', run: () => outages.dispose() });

    const hub = new LiveHub({
      // A missing ffmpeg still gets a name: spawning fails and streams report ffmpeg_missing.
      ffmpegPath: ffmpeg?.ffmpeg ?? 'ffmpeg',
      resolveInput: cameras.resolveInput,
      onStatus: (status) => {
        outages.onStatus(status);
        emit('camera.status', status);
      },
      ...(config.liveIdleStopMs !== undefined ? { idleStopMs: config.liveIdleStopMs } : {}),
    });
    hubRef = hub;
    hub.start();
    cleanups.push({ name: 'live', run: () => hub.dispose() });

    const storageSettings = new StorageSettingsStore(settings);
    const quota = await storageSettings.load();
    // The folder chosen in the panel wins; the config is the default of a fresh install.
    const storageDir =
      (await storageSettings.loadFolder()) ??
      config.storageDir ??
      join(config.dataDir, 'recordings');
    const recordingEmit: RecordingEmit = (event, payload) =>
      emit(event, payload as EventOf<typeof event>);
    const recording = new RecordingService({
      db,
      storageDir,
      ffmpegPath: ffmpeg?.ffmpeg ?? 'ffmpeg',
      resolveInput: cameras.resolveInput,
      emit: recordingEmit,
      segmentSeconds: config.recordingSegmentSeconds ?? segmentSecondsFromEnv(),
      quota: toQuotaSettings(quota),
      logger: logger.child('recording'),
    });
    recordingRef = recording;
    // Disposed before cameras, settings and the db (cleanups run in reverse): every
    // recorder gets SIGINT, its last segment is filed and indexed, then the db closes.
    cleanups.push({ name: 'recording', run: () => recording.dispose() });
    await recording.start();
    // A root an older build created world-readable becomes owner-only.
    await restrictFolder(recording.storageDir).catch((err: unknown) =>
      logger.warn('storage folder permissions not changed', { err }),
    );
    const recordingSync = new RecordingSync({
      recording,
      listCameras: () => cameras.list(),
      logger: logger.child('recording-sync'),
    });
    await recordingSync.sync();
    onCamerasChanged = () => recordingSync.schedule();
    cleanups.push({
      name: 'recording-sync',
      run: async () => {
        onCamerasChanged = null;
        await recordingSync.idle();
      },
    });

    const media = new MediaServer({
      host: '127.0.0.1',
      ...(config.port ? { port: config.port } : {}),
      ...(config.mediaToken ? { token: config.mediaToken } : {}),
      trustedOrigins: [APP_PAGE_ORIGIN],
    });
    cleanups.push({ name: 'media', run: () => media.dispose() });

    const info = async (): Promise<SystemInfo> => ({
      version: config.version,
      mediaBaseUrl: media.baseUrl ?? '',
      mediaToken: media.token,
      demoMode: await cameras.hasDemoCameras(),
      dataDir: config.dataDir,
      ffmpegPath: (await locate())?.ffmpeg ?? null,
      platform: config.platform,
    });

    const duty = await createDutyServices({
      db,
      dataDir: config.dataDir,
      secrets,
      settings,
      cameras,
      emit,
      logger: logger.child('duty'),
    });
    // Pending head-file writes finish before the database closes.
    cleanups.push({ name: 'duty', run: () => duty.dispose() });
    registerSnapshotRoutes(media, { incidents: duty.incidents, canView: duty.canView });
    registerLiveRoutes(media, hub, { canWatch: duty.canWatchLive });
    const playback = createPlaybackServices(db, duty, recording);
    registerRecordingRoutes(media, {
      recordingFile: (id) => recording.recordingFile(id),
      openSegmentFile: (id) => recording.openSegmentFile(id),
      canView: duty.canView,
      granted: (session, id) => playback.grants.allows(session, id),
      transcode: {
        ffmpegPath: async () => (await locate())?.ffmpeg ?? null,
        slots: new TranscodeSlots(MAX_CONCURRENT_TRANSCODES),
      },
    });
    registerReportRoutes(media, {
      shifts: duty.shifts,
      stationName: async () => (await settings.get()).stationName,
      canView: duty.canView,
    });

    const exports = new ExportService({
      db,
      audit: duty.audit,
      emit,
      logger: logger.child('export'),
      dataDir: config.dataDir,
      appVersion: config.version,
      ffmpegPath: async () => (await locate())?.ffmpeg ?? null,
      stationName: async () => (await settings.get()).stationName,
      renderers: exportRenderers,
      openSegment: (cameraId) => recording.openSegment(cameraId),
      ...(config.chooseFolder ? { chooseFolder: config.chooseFolder } : {}),
    });
    await exports.start();
    // Before recording and the db: a running export is cancelled and its partial files removed.
    cleanups.push({ name: 'export', run: () => exports.dispose() });

    const handlers = createHandlers({
      duty,
      exports,
      playback,
      cameras,
      layouts,
      settings,
      outages,
      recording,
      storageSettings,
      streamStatuses: () => hub.statuses(),
      systemInfo: info,
      stopService: config.stopService,
    });
    const endpoint: Endpoint = { handlers, authorize: duty.authorize };
    const dispatchOpts = {
      onInternalError: (channel: string, err: unknown) =>
        log.error('handler failed', { channel, err }),
    };

    if (config.enableWsRpc) {
      const rpc = new RpcServer({ endpoint, logger: logger.child('rpc') });
      rpc.attach(media);
      const stop = addListener(listeners, (event, payload) => rpc.broadcast(event, payload));
      cleanups.push({
        name: 'rpc',
        run: async () => {
          stop();
          await rpc.dispose();
        },
      });
    }

    let disposed: Promise<void> | null = null;
    return {
      dataDir: config.dataDir,
      // The active root: follows storage.setFolder.
      get storageDir() {
        return recording.storageDir;
      },
      logger,
      media,
      live: hub,
      recording,
      async start() {
        const { port, baseUrl } = await media.start();
        log.info('station core started', { port, version: config.version });
        return { mediaBaseUrl: baseUrl, mediaToken: media.token, port };
      },
      dispatch: (channel, payload, ctx) =>
        dispatchToOutcome(endpoint, channel, payload, ctx, dispatchOpts),
      onEvent: (listener) => addListener(listeners, listener),
      info,
      dispose() {
        disposed ??= (async () => {
          await disposeAll();
          listeners.clear();
          log.info('station core stopped');
        })();
        return disposed;
      },
    };
  } catch (err) {
    await disposeAll();
    throw err;
  }
}

function addListener(set: Set<CoreEventListener>, listener: CoreEventListener): () => void {
  set.add(listener);
  return () => {
    set.delete(listener);
  };
}

function segmentSecondsFromEnv(): number | undefined {
  const raw = process.env.STATION_SEGMENT_SECONDS;
  if (!raw) return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 3600 ? n : undefined;
}

// Compile-time proof that every recording event fits its contract schema, so the
// cast in recordingEmit is sound (the payload is validated again in emit anyway).
type FitsContract = {
  [K in keyof RecordingServiceEvents]: RecordingServiceEvents[K] extends EventOf<K> ? true : never;
};
export const recordingEventsFitContract: FitsContract = {
  'recording.status': true,
  'recording.segment': true,
  'recording.gap': true,
  'recording.alarm': true,
  'recording.event': true,
};
