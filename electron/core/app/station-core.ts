// The composition root: opens the data folder, starts the one service graph
// (service-graph.ts) and puts the media server in front of it; disposes in
// reverse (every ffmpeg stopped). Both the Electron shell and the browser-mode
// server run exactly this.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SystemInfo } from '../../contract/schemas';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { registerSnapshotRoutes } from '../incidents/snapshot-routes';
import { createLogger, type Logger } from '../logging/logger';
import { registerLiveRoutes } from '../media-server/live-routes';
import { MediaServer } from '../media-server/media-server';
import type { MediaRoutes } from '../media-server/types';
import { APP_PAGE_ORIGIN, registerRecordingRoutes } from '../playback/recording-routes';
import { SeekPoints } from '../recording/seek-points';
import { MAX_CONCURRENT_TRANSCODES, TranscodeSlots } from '../playback/transcode-slots';
import type { RecordingService } from '../recording/recording-service';
import { registerReportRoutes } from '../reports/report-routes';
import { RpcServer } from '../rpc/rpc-server';
import { registerTamperRoutes } from '../tamper/reference-route';
import { KeyFileSecretBox } from '../secrets/key-file-secret-box';
import type { SecretBox } from '../secrets/secret-box';
import { OWNER_ONLY_DIR } from '../storage/owner-only';
import type { LiveHub } from '../streams/live-hub';
import type { CoreEventListener } from './console-feed';
import { acquireDataFolderLock } from './data-folder-lock';
import { DisposeSteps } from './dispose-steps';
import { dispatchToOutcome, type CallContext, type DispatchOutcome } from './dispatch';
import { NatsLink } from '../district/nats-link';
import { buildServices } from './service-graph';

export type { CoreEventListener } from './console-feed';

export interface StationCoreConfig {
  dataDir: string;
  /** Footage root. Default <dataDir>/recordings. */
  storageDir?: string;
  /**
   * Recording segment length in seconds; default $STATION_SEGMENT_SECONDS, else 60
   * (docs/design/recording.md). Tests and e2e use a few seconds so segments close quickly.
   */
  recordingSegmentSeconds?: number;
  /** Overrides the ffmpegPath setting (e.g. --ffmpeg on the command line). */
  ffmpegPath?: string;
  /** Where the packaged app keeps its ffmpeg; see bundledFfmpegDir(). */
  bundledFfmpegDir?: string;
  /** The packaged app's resources folder (its nats-server lives in nats/<platform>). */
  resourcesPath?: string;
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
  const cleanups = new DisposeSteps(log);
  cleanups.push('lock', () => lock.release());
  cleanups.push('db', () => db.close());
  const disposeAll = (): Promise<void> => cleanups.runAll();

  try {
    let media: MediaServer | null = null;
    const services = await buildServices({
      db,
      dataDir: config.dataDir,
      secrets: config.secretBox ?? KeyFileSecretBox.forDataDir(config.dataDir),
      logger,
      version: config.version,
      platform: config.platform,
      demo: config.demo,
      storageDir: config.storageDir,
      ffmpegPath: config.ffmpegPath,
      bundledFfmpegDir: config.bundledFfmpegDir,
      recordingSegmentSeconds: config.recordingSegmentSeconds,
      liveIdleStopMs: config.liveIdleStopMs,
      chooseFolder: config.chooseFolder,
      stopService: config.stopService,
      mediaAddress: () => ({ baseUrl: media?.baseUrl ?? null, token: media?.token ?? '' }),
      districtLink: (outbox) =>
        new NatsLink({
          source: outbox,
          ...(config.resourcesPath ? { resourcesPath: config.resourcesPath } : {}),
          log: (msg, fields) => logger.child('district').info(msg, fields),
        }),
    });
    cleanups.push('services', () => services.dispose());
    await services.start();
    const { duty, recording, live, endpoint } = services;

    media = new MediaServer({
      host: '127.0.0.1',
      ...(config.port ? { port: config.port } : {}),
      ...(config.mediaToken ? { token: config.mediaToken } : {}),
      trustedOrigins: [APP_PAGE_ORIGIN],
    });
    const server = media;
    cleanups.push('media', () => server.dispose());

    registerSnapshotRoutes(server, { incidents: duty.incidents, canView: duty.canView });
    registerLiveRoutes(server, live, { canWatch: duty.canWatchLive });
    registerTamperRoutes(server, { tamper: services.tamper, canView: duty.canView });
    // Ranged seeks start from the keyframe index stored at filing, else from a scan (LRU).
    const seekPoints = new SeekPoints((id) => recording.keyframeIndex(id));
    registerRecordingRoutes(server, {
      recordingFile: (id) => recording.recordingFile(id),
      openSegmentFile: (id) => recording.openSegmentFile(id),
      seekPoint: (id, file, atMs) => seekPoints.find(id, file, atMs),
      canView: duty.canView,
      granted: (session, id) => services.playback.grants.allows(session, id),
      transcode: {
        ffmpegPath: async () => (await services.locateFfmpeg())?.ffmpeg ?? null,
        slots: new TranscodeSlots(MAX_CONCURRENT_TRANSCODES),
      },
    });
    registerReportRoutes(server, {
      shifts: duty.shifts,
      stationName: async () => (await services.settings.get()).stationName,
      canView: duty.canView,
    });

    const dispatchOpts = {
      onInternalError: (channel: string, err: unknown) =>
        log.error('handler failed', { channel, err }),
    };

    if (config.enableWsRpc) {
      const rpc = new RpcServer({ endpoint, logger: logger.child('rpc') });
      rpc.attach(server);
      const stop = services.onEvent((event, payload) => rpc.broadcast(event, payload));
      cleanups.push('rpc', async () => {
        stop();
        await rpc.dispose();
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
      media: server,
      live,
      recording,
      async start() {
        const { port, baseUrl } = await server.start();
        log.info('station core started', { port, version: config.version });
        return { mediaBaseUrl: baseUrl, mediaToken: server.token, port };
      },
      dispatch: (channel, payload, ctx) =>
        dispatchToOutcome(endpoint, channel, payload, ctx, dispatchOpts),
      onEvent: (listener) => services.onEvent(listener),
      info: () => services.info(),
      dispose() {
        disposed ??= (async () => {
          await disposeAll();
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
