// The full handler set over real services on a real SQLite file, nothing started
// (no ffmpeg, no media server): for tests of the contract's transports and
// dispatcher. One place to extend when a new service joins the contract.
import { join } from 'node:path';
import type { ProbeResult, SystemInfo } from '../../../contract/schemas';
import { CameraService } from '../../cameras/camera-service';
import type { Database } from '../../db/database';
import { LayoutService } from '../../layouts/layout-service';
import { OutageLog } from '../../outages/outage-log';
import { RecordingService } from '../../recording/recording-service';
import { KeyFileSecretBox } from '../../secrets/key-file-secret-box';
import { SettingsService } from '../../settings/settings-service';
import type { Handlers } from '../dispatch';
import { createHandlers } from '../handlers';
import { StorageSettingsStore } from '../storage-settings';

export interface TestHandlerOptions {
  db: Database;
  dir: string;
  emit?: (event: string, payload: unknown) => void;
  probe?: () => Promise<ProbeResult>;
  systemInfo?: () => Promise<SystemInfo>;
}

export function createTestHandlers(o: TestHandlerOptions): {
  handlers: Handlers;
  cameras: CameraService;
} {
  const emit = o.emit ?? (() => undefined);
  const settings = new SettingsService({ db: o.db, emit });
  const cameras = new CameraService({
    db: o.db,
    settings,
    emit,
    secrets: KeyFileSecretBox.forDataDir(o.dir),
    probe: o.probe ?? (async () => ({ ok: false, errorKind: 'ffmpeg_missing', detail: '' })),
  });
  const handlers = createHandlers({
    settings,
    cameras,
    layouts: new LayoutService({ db: o.db, emit }),
    outages: new OutageLog({ db: o.db, emit }),
    // Not started: settings and queries work, no recorder is spawned.
    recording: new RecordingService({
      db: o.db,
      storageDir: join(o.dir, 'recordings'),
      ffmpegPath: '/usr/bin/ffmpeg',
      resolveInput: cameras.resolveInput,
      emit: () => undefined,
    }),
    storageSettings: new StorageSettingsStore(settings),
    streamStatuses: () => [],
    systemInfo:
      o.systemInfo ??
      (async () => {
        throw new Error('system.info is not used by this test');
      }),
  });
  return { handlers, cameras };
}
