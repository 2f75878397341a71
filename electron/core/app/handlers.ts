// One handler per contract channel, each a thin call into a service.
import type { AuditAction, AuditDetails } from '../../contract/audit-schemas';
import { ApiError } from '../../contract/errors';
import type { CameraHealth } from '../../contract/outages';
import type { StorageQuota, StorageSettings } from '../../contract/recording-schemas';
import type { StreamStatus, SystemInfo } from '../../contract/schemas';
import type { CameraService } from '../cameras/camera-service';
import type { LayoutService } from '../layouts/layout-service';
import type { CameraClockService } from '../onvif/camera-clock-service';
import type { OnvifDeviceService } from '../onvif/onvif-device-service';
import type { OutageLog } from '../outages/outage-log';
import type { PtzService } from '../ptz/ptz-service';
import type { CameraAlarmLog } from '../outages/camera-alarm-log';
import type { TamperWatch } from '../tamper/tamper-watch';
import type { RecordingService } from '../recording/recording-service';
import type { SettingsService } from '../settings/settings-service';
import { StorageFolderError } from '../storage/storage-folder';
import type { StorageService } from '../storage/storage-service';
import type { AuthorizedContext, Handlers } from './dispatch';
import { actorOf, auditActor, createDutyHandlers, type DutyServices } from './duty-handlers';
import { createDistrictHandlers } from './district-handlers';
import { createExportHandlers } from './export-handlers';
import { createOnvifHandlers } from './onvif-handlers';
import { createPtzHandlers } from './ptz-handlers';
import { createTamperHandlers } from './tamper-handlers';
import { createPlaybackHandlers, type PlaybackServices } from './playback-handlers';
import type { ExportService } from '../export/export-service';
import type { DistrictService } from '../district/district-service';

export interface HandlerServices {
  cameras: CameraService;
  layouts: LayoutService;
  settings: SettingsService;
  outages: OutageLog;
  cameraAlarms: CameraAlarmLog;
  tamper: TamperWatch;
  recording: RecordingService;
  storage: StorageService;
  streamStatuses: () => StreamStatus[];
  cameraHealth: () => CameraHealth[];
  systemInfo: () => Promise<SystemInfo>;
  duty: DutyServices;
  playback: PlaybackServices;
  exports: ExportService;
  ptz: PtzService;
  onvif: OnvifDeviceService;
  clocks: CameraClockService;
  district: DistrictService;
  /** Ends the service process (after the reply); absent where the core is not a service. */
  stopService?: (() => void) | undefined;
}

const ok = { ok: true as const };

export function createHandlers(s: HandlerServices): Handlers {
  const storageSettings = (quota: StorageQuota): StorageSettings => ({
    storageDir: s.storage.storageDir,
    quota,
    reserveBytes: s.storage.quota().reserveBytes,
    segmentSeconds: s.recording.segmentLengthSeconds,
  });

  // Setting and camera changes are audited after they succeed (AuditAction list).
  const audited = async <T>(
    ctx: AuthorizedContext,
    action: AuditAction,
    subject: string | null,
    details: AuditDetails,
    result: T,
  ): Promise<T> => {
    await s.duty.audit.append({ action, actor: auditActor(actorOf(ctx)), subject, details });
    return result;
  };

  return {
    ...createDutyHandlers(s.duty),
    ...createPlaybackHandlers(s.playback),
    ...createExportHandlers(s.exports),
    ...createDistrictHandlers(s.district),
    ...createOnvifHandlers({ onvif: s.onvif, clocks: s.clocks, audit: s.duty.audit }),
    ...createPtzHandlers(s.ptz),
    ...createTamperHandlers({
      tamper: s.tamper,
      alarms: s.cameraAlarms,
      cameras: s.cameras,
      audit: s.duty.audit,
    }),
    'system.info': () => s.systemInfo(),
    'system.stopService': async (req, ctx) => {
      const stop = s.stopService;
      if (!stop) throw new ApiError('conflict', 'not_stoppable');
      await audited(ctx, 'service.stopped', null, { reason: req.reason }, ok);
      // After the reply has gone out: the commander's console sees it succeed.
      setTimeout(stop, 250);
      return ok;
    },

    'camera.list': () => s.cameras.list(),
    'camera.names': async ({ ids }) =>
      [...(await s.cameras.lastKnownNames(ids))].map(([id, c]) => ({ id, name: c.name })),
    'camera.add': async (req, ctx) => {
      const cam = await s.cameras.add(req);
      return audited(ctx, 'camera.added', cam.id, { name: cam.name, url: cam.mainUrl }, cam);
    },
    'camera.addRecorder': async (req, ctx) => {
      const cams = await s.cameras.addRecorder(req);
      return audited(
        ctx,
        'camera.added',
        null,
        { recorder: req.host, vendor: req.vendor, channels: cams.length },
        cams,
      );
    },
    'camera.update': async (req, ctx) => {
      const cam = await s.cameras.update(req);
      const fields = Object.keys(req)
        .filter((k) => k !== 'id' && k !== 'password')
        .join(',');
      const passwordChanged = req.password !== undefined;
      return audited(ctx, 'camera.updated', cam.id, { fields, passwordChanged }, cam);
    },
    'camera.remove': async (req, ctx) => {
      // The log keeps the name: the id alone would mean nothing once the camera is gone.
      const name = (await s.cameras.namesOf([req.id])).get(req.id)?.name ?? null;
      await s.cameras.remove(req.id);
      return audited(ctx, 'camera.removed', req.id, { name }, ok);
    },
    'camera.test': (req) => s.cameras.probe(req),
    'camera.statuses': async () => s.streamStatuses(),
    'camera.outages': (req) => s.outages.list(req),
    'camera.healths': async () => s.cameraHealth(),
    'outage.open': () => s.outages.openAlarms(),
    'outage.acknowledge': async ({ id }, ctx) => {
      const actor = actorOf(ctx);
      const { alarm, fresh } = await s.outages.acknowledge(id, {
        id: actor.officerId,
        name: actor.fullName,
      });
      if (!alarm) throw new ApiError('not_found', 'not_found');
      if (!fresh) return alarm;
      const camera = (await s.cameras.namesOf([alarm.cameraId])).get(alarm.cameraId);
      return audited(
        ctx,
        'outage.acknowledged',
        alarm.cameraId,
        { camera: camera?.name ?? null },
        alarm,
      );
    },

    'layout.list': () => s.layouts.list(),
    'layout.save': (req) => s.layouts.save(req),
    'layout.remove': async (req) => {
      await s.layouts.remove(req.id);
      return ok;
    },

    'settings.get': () => s.settings.get(),
    'settings.update': async (req, ctx) =>
      audited(ctx, 'settings.changed', null, settingsDetails(req), await s.settings.update(req)),
    'settings.updateStation': async (req, ctx) =>
      audited(ctx, 'settings.changed', null, settingsDetails(req), await s.settings.update(req)),

    'recording.statuses': async () => s.recording.statuses(),
    'recording.cameras': () => s.recording.cameraSettings(),
    'recording.setCamera': async ({ cameraId, ...patch }, ctx) => {
      // Only cameras in the registry can be switched; footage of removed ones stays as is.
      const cameras = await s.cameras.list();
      if (!cameras.some((c) => c.id === cameraId)) throw new ApiError('not_found', 'not_found');
      const result = await s.recording.setCamera(cameraId, patch);
      return audited(ctx, 'storage.changed', cameraId, flatDetails(patch), result);
    },
    // Any camera id, registered or not: footage outlives a camera removed from the registry.
    'recording.timeline': (req) => s.recording.timeline(req.cameraId, req.from, req.to),

    'storage.summary': () => s.recording.storageSummary(),
    'storage.events': (req) => s.recording.events(req.limit, req.cameraId),
    'storage.settings': async () => storageSettings(s.storage.chosen),
    'storage.setQuota': async (quota, ctx) => {
      await s.storage.saveQuota(quota);
      // Apply a smaller quota now rather than at the next scheduled pass.
      void s.recording.runRetention().catch(() => undefined);
      return audited(ctx, 'storage.changed', null, flatDetails(quota), storageSettings(quota));
    },
    'storage.folderChoices': () => s.storage.folderChoices(),
    'storage.setFolder': async ({ path }, ctx) => {
      try {
        // The switch and the stored setting are one transaction.
        await s.storage.setFolder(path);
      } catch (err) {
        // A rejected folder changes nothing; the code names the field's problem.
        if (err instanceof StorageFolderError)
          throw new ApiError('invalid_request', err.code, { path: `storage_${err.code}` });
        throw err;
      }
      return audited(
        ctx,
        'storage.changed',
        null,
        { folder: s.storage.storageDir },
        storageSettings(s.storage.chosen),
      );
    },

    // Public: a page can crash on the sign-in screen; the officer is named when one is signed in.
    'system.consoleEvent': async ({ kind, ...details }, ctx) => {
      await s.duty.audit.append({
        action: `console.${kind}`,
        actor: ctx.actor ? auditActor(ctx.actor) : null,
        details: { ...flatDetails(details), transport: ctx.transport },
      });
      return ok;
    },
  };
}

/** Changed settings as audit details: the new values, paths included, nothing secret. */
function settingsDetails(patch: Record<string, unknown>): AuditDetails {
  return flatDetails(patch);
}

/** Scalars as they are; anything else as JSON text, so every detail is a plain value. */
function flatDetails(values: Record<string, unknown>): AuditDetails {
  const out: AuditDetails = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    out[key] =
      value === null || ['string', 'number', 'boolean'].includes(typeof value)
        ? (value as string | number | boolean | null)
        : JSON.stringify(value);
  }
  return out;
}
