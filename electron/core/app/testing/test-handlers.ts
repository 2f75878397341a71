// The full contract endpoint over real services on a real SQLite file, nothing
// started (no ffmpeg, no media server): for tests of the contract's transports,
// dispatcher and access rules. One place to extend when a service joins the contract.
import { join } from 'node:path';
import type { ProbeResult, SystemInfo } from '../../../contract/schemas';
import { CameraService } from '../../cameras/camera-service';
import type { Database } from '../../db/database';
import { LayoutService } from '../../layouts/layout-service';
import { OutageLog } from '../../outages/outage-log';
import { RecordingService } from '../../recording/recording-service';
import { KeyFileSecretBox } from '../../secrets/key-file-secret-box';
import { SettingsService } from '../../settings/settings-service';
import { dispatch, type CallContext, type Endpoint, type Handlers } from '../dispatch';
import { createDutyServices, type DutyWiring } from '../duty-services';
import { createHandlers } from '../handlers';
import { ExportService, type ExportServiceDeps } from '../../export/export-service';
import { exportRenderers } from '../../export/export-renderers';
import { silentLogger } from '../../logging/logger';
import { createPlaybackServices } from '../playback-handlers';
import { StorageSettingsStore } from '../storage-settings';
import { TEST_FFMPEG } from '../../streams/testing/ffmpeg-bin';

export interface TestHandlerOptions {
  db: Database;
  dir: string;
  emit?: (event: string, payload: unknown) => void;
  probe?: () => Promise<ProbeResult>;
  systemInfo?: () => Promise<SystemInfo>;
  now?: () => number;
  /** The segment being recorded, for export; by default the (not started) recording service's. */
  openSegment?: ExportServiceDeps['openSegment'];
}

export interface TestEndpoint {
  endpoint: Endpoint;
  handlers: Handlers;
  cameras: CameraService;
  recording: RecordingService;
  duty: DutyWiring;
  exports: ExportService;
  /** Waits for pending audit head-file writes: call before closing the db and removing the dir. */
  settle: () => Promise<void>;
}

/** Cheap scrypt for tests: the hashing itself is tested in officers/password-hash.test.ts. */
export const TEST_HASH_PARAMS = { N: 1024, r: 8, p: 1 };
export const TEST_PASSWORD = 'mat-khau-thu-1';

export async function createTestHandlers(o: TestHandlerOptions): Promise<TestEndpoint> {
  const emit = o.emit ?? (() => undefined);
  const settings = new SettingsService({ db: o.db, emit });
  const secrets = KeyFileSecretBox.forDataDir(o.dir);
  const cameras = new CameraService({
    db: o.db,
    settings,
    emit,
    secrets,
    probe: o.probe ?? (async () => ({ ok: false, errorKind: 'ffmpeg_missing', detail: '' })),
  });
  // Not started: settings and queries work, no recorder is spawned.
  const recording = new RecordingService({
    db: o.db,
    storageDir: join(o.dir, 'recordings'),
    ffmpegPath: TEST_FFMPEG,
    resolveInput: cameras.resolveInput,
    emit: () => undefined,
  });
  const duty = await createDutyServices({
    db: o.db,
    dataDir: o.dir,
    secrets,
    settings,
    cameras,
    emit: (event, payload) => emit(event, payload),
    hashParams: TEST_HASH_PARAMS,
    ...(o.now ? { now: o.now } : {}),
  });
  const exports = new ExportService({
    db: o.db,
    audit: duty.audit,
    emit: (event, payload) => emit(event, payload),
    logger: silentLogger,
    dataDir: o.dir,
    appVersion: '0.0.0-test',
    ffmpegPath: async () => TEST_FFMPEG,
    stationName: async () => (await settings.get()).stationName,
    renderers: exportRenderers,
    openSegment: o.openSegment ?? ((cameraId) => recording.openSegment(cameraId)),
  });
  const handlers = createHandlers({
    duty,
    exports,
    playback: createPlaybackServices(o.db, duty, recording),
    settings,
    cameras,
    layouts: new LayoutService({ db: o.db, emit }),
    outages: new OutageLog({ db: o.db, cameraExists: (id) => cameras.exists(id), emit }),
    recording,
    storageSettings: new StorageSettingsStore(settings),
    streamStatuses: () => [],
    systemInfo:
      o.systemInfo ??
      (async () => {
        throw new Error('system.info is not used by this test');
      }),
  });
  return {
    endpoint: { handlers, authorize: duty.authorize },
    handlers,
    cameras,
    recording,
    duty,
    exports,
    settle: async () => {
      await exports.dispose();
      await duty.audit.dispose();
    },
  };
}

/** A fresh connection (its own session binding). */
export const connection = (): CallContext => ({ transport: 'test', binding: { token: null } });

/**
 * A connection signed in as the station's administrator (a commander), creating
 * it through the contract on first use, as the first-start screen does.
 */
export async function signInCommander(endpoint: Endpoint): Promise<CallContext> {
  const ctx = connection();
  const state = (await dispatch(endpoint, 'auth.state', {}, ctx)) as {
    setupRequired: boolean;
    officers: { id: string; role: string }[];
  };
  if (state.setupRequired) {
    await dispatch(
      endpoint,
      'auth.setup',
      {
        fullName: 'Nguyễn Văn Quản',
        rank: 'Thiếu tá',
        badgeNumber: '100-001',
        password: TEST_PASSWORD,
      },
      ctx,
    );
    return ctx;
  }
  const admin = state.officers.find((o) => o.role === 'commander');
  if (!admin) throw new Error('no commander to sign in as');
  await dispatch(endpoint, 'auth.signIn', { officerId: admin.id, password: TEST_PASSWORD }, ctx);
  return ctx;
}

/** A duty officer created by the commander, then signed in on a connection of its own. */
export async function signInDutyOfficer(
  endpoint: Endpoint,
  commander: CallContext,
  badgeNumber = '200-001',
): Promise<{ ctx: CallContext; officerId: string }> {
  const officer = (await dispatch(
    endpoint,
    'officer.create',
    {
      fullName: 'Trần Thị Trực',
      rank: 'Trung úy',
      badgeNumber,
      role: 'duty',
      password: TEST_PASSWORD,
    },
    commander,
  )) as { id: string };
  const ctx = connection();
  await dispatch(endpoint, 'auth.signIn', { officerId: officer.id, password: TEST_PASSWORD }, ctx);
  return { ctx, officerId: officer.id };
}
