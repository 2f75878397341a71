// One handler per contract channel, each a thin call into a service.
import { ApiError } from '../../contract/errors';
import type { StorageQuota, StorageSettings } from '../../contract/recording-schemas';
import type { StreamStatus, SystemInfo } from '../../contract/schemas';
import type { CameraService } from '../cameras/camera-service';
import type { LayoutService } from '../layouts/layout-service';
import type { OutageLog } from '../outages/outage-log';
import type { RecordingService } from '../recording/recording-service';
import type { SettingsService } from '../settings/settings-service';
import { StorageFolderError } from '../storage/storage-folder';
import type { Handlers } from './dispatch';
import { toQuotaSettings, type StorageSettingsStore } from './storage-settings';

export interface HandlerServices {
  cameras: CameraService;
  layouts: LayoutService;
  settings: SettingsService;
  outages: OutageLog;
  recording: RecordingService;
  storageSettings: StorageSettingsStore;
  streamStatuses: () => StreamStatus[];
  systemInfo: () => Promise<SystemInfo>;
}

const ok = { ok: true as const };

export function createHandlers(s: HandlerServices): Handlers {
  const storageSettings = (quota: StorageQuota): StorageSettings => ({
    storageDir: s.recording.storageDir,
    quota,
    reserveBytes: s.recording.quotaSettings().reserveBytes,
    segmentSeconds: s.recording.segmentLengthSeconds,
  });

  return {
    'system.info': () => s.systemInfo(),

    'camera.list': () => s.cameras.list(),
    'camera.add': (req) => s.cameras.add(req),
    'camera.addRecorder': (req) => s.cameras.addRecorder(req),
    'camera.update': (req) => s.cameras.update(req),
    'camera.remove': async (req) => {
      await s.cameras.remove(req.id);
      return ok;
    },
    'camera.test': (req) => s.cameras.probe(req),
    'camera.statuses': async () => s.streamStatuses(),
    'camera.outages': (req) => s.outages.list(req),

    'layout.list': () => s.layouts.list(),
    'layout.save': (req) => s.layouts.save(req),
    'layout.remove': async (req) => {
      await s.layouts.remove(req.id);
      return ok;
    },

    'settings.get': () => s.settings.get(),
    'settings.update': (req) => s.settings.update(req),

    'recording.statuses': async () => s.recording.statuses(),
    'recording.cameras': () => s.recording.cameraSettings(),
    'recording.setCamera': async ({ cameraId, ...patch }) => {
      // Only cameras in the registry can be switched; footage of removed ones stays as is.
      const cameras = await s.cameras.list();
      if (!cameras.some((c) => c.id === cameraId)) throw new ApiError('not_found', 'not_found');
      return s.recording.setCamera(cameraId, patch);
    },
    // Any camera id, registered or not: footage outlives a camera removed from the registry.
    'recording.timeline': (req) => s.recording.timeline(req.cameraId, req.from, req.to),

    'storage.summary': () => s.recording.storageSummary(),
    'storage.events': (req) => s.recording.events(req.limit, req.cameraId),
    'storage.settings': async () => storageSettings(s.storageSettings.current),
    'storage.setQuota': async (quota) => {
      await s.storageSettings.save(quota);
      s.recording.setQuota(toQuotaSettings(quota));
      // Apply a smaller quota now rather than at the next scheduled pass.
      void s.recording.runRetention().catch(() => undefined);
      return storageSettings(quota);
    },
    'storage.setFolder': async ({ path }) => {
      try {
        await s.recording.setStorageFolder(path);
      } catch (err) {
        // A rejected folder changes nothing; the code names the field's problem.
        if (err instanceof StorageFolderError)
          throw new ApiError('invalid_request', err.code, { path: `storage_${err.code}` });
        throw err;
      }
      await s.storageSettings.saveFolder(s.recording.storageDir);
      return storageSettings(s.storageSettings.current);
    },
  };
}
