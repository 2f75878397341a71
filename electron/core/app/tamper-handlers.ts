// Handlers of the picture-alarm channels: the tamper detector's states, settings and
// reference, and the camera alarm log (open alarms, acknowledgement, the log).
import { PictureAlarmKind } from '../../contract/camera-alarms';
import type { AuditAction, AuditDetails } from '../../contract/audit-schemas';
import { ApiError } from '../../contract/errors';
import type { TamperSettings } from '../../contract/tamper';
import type { AuditLog } from '../audit/audit-log';
import type { CameraService } from '../cameras/camera-service';
import type { CameraAlarmLog } from '../outages/camera-alarm-log';
import type { TamperWatch } from '../tamper/tamper-watch';
import type { AuthorizedContext, Handler } from './dispatch';
import { actorOf, auditActor } from './duty-handlers';

export type TamperHandlers = {
  [
    C in
      | 'tamper.states'
      | 'tamper.settings'
      | 'tamper.updateSettings'
      | 'tamper.retakeReference'
      | 'alarm.open'
      | 'alarm.acknowledge'
      | 'camera.alarms'
  ]: Handler<C>;
};

export interface TamperHandlerServices {
  tamper: TamperWatch;
  alarms: CameraAlarmLog;
  cameras: CameraService;
  audit: AuditLog;
}

/** The checks a settings change touched, for the audit entry: "black: 0.95→0.9, 3→5 s". */
function changedChecks(before: TamperSettings, after: TamperSettings): AuditDetails {
  const details: AuditDetails = {};
  if (before.enabled !== after.enabled) details.enabled = after.enabled;
  for (const kind of PictureAlarmKind.options) {
    const a = before[kind];
    const b = after[kind];
    if (a.enabled !== b.enabled) details[`${kind}.enabled`] = b.enabled;
    if (a.threshold !== b.threshold) details[`${kind}.threshold`] = b.threshold;
    if (a.holdSeconds !== b.holdSeconds) details[`${kind}.holdSeconds`] = b.holdSeconds;
  }
  return details;
}

export function createTamperHandlers(s: TamperHandlerServices): TamperHandlers {
  const audit = async (
    ctx: AuthorizedContext,
    action: AuditAction,
    cameraId: string,
    details: AuditDetails,
  ): Promise<void> => {
    const camera = (await s.cameras.namesOf([cameraId])).get(cameraId);
    await s.audit.append({
      action,
      actor: auditActor(actorOf(ctx)),
      subject: cameraId,
      details: { camera: camera?.name ?? null, ...details },
    });
  };

  return {
    'tamper.states': () => s.tamper.states(),
    'tamper.settings': ({ cameraId }) => s.tamper.settingsOf(cameraId),
    'tamper.updateSettings': async (req, ctx) => {
      const before = await s.tamper.settingsOf(req.cameraId);
      const after = await s.tamper.updateSettings(req);
      await audit(ctx, 'tamper.settings_changed', req.cameraId, changedChecks(before, after));
      return after;
    },
    'tamper.retakeReference': async ({ cameraId }, ctx) => {
      const taken = await s.tamper.retakeReference(cameraId, actorOf(ctx).officerId);
      await audit(ctx, 'tamper.reference_taken', cameraId, { slot: taken.slot });
      return taken;
    },
    'alarm.open': () => s.alarms.openAlarms(),
    'alarm.acknowledge': async ({ id }, ctx) => {
      const actor = actorOf(ctx);
      const { alarm, fresh } = await s.alarms.acknowledge(id, {
        id: actor.officerId,
        name: actor.fullName,
      });
      if (!alarm) throw new ApiError('not_found', 'not_found');
      if (fresh) await audit(ctx, 'alarm.acknowledged', alarm.cameraId, { kind: alarm.kind });
      return alarm;
    },
    'camera.alarms': (req) => s.alarms.list(req),
  };
}
