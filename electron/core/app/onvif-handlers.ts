// Handlers of the ONVIF channels: discovery, inspection, one-step add, camera clocks.
import type { AuditAction, AuditDetails } from '../../contract/audit-schemas';
import type { AuditLog } from '../audit/audit-log';
import type { CameraClockService } from '../onvif/camera-clock-service';
import type { OnvifDeviceService } from '../onvif/onvif-device-service';
import type { AuthorizedContext, Handler } from './dispatch';
import { actorOf, auditActor } from './duty-handlers';

export type OnvifHandlers = {
  [
    C in
      | 'onvif.discover'
      | 'onvif.inspect'
      | 'onvif.add'
      | 'camera.clocks'
      | 'camera.clockCheck'
      | 'camera.setClock'
  ]: Handler<C>;
};

export interface OnvifHandlerServices {
  onvif: OnvifDeviceService;
  clocks: CameraClockService;
  audit: AuditLog;
}

export function createOnvifHandlers(s: OnvifHandlerServices): OnvifHandlers {
  const audit = (
    ctx: AuthorizedContext,
    action: AuditAction,
    subject: string,
    details: AuditDetails,
  ) => s.audit.append({ action, actor: auditActor(actorOf(ctx)), subject, details });

  return {
    'onvif.discover': (req) => s.onvif.discover(req),
    'onvif.inspect': (req) => s.onvif.inspect(req),
    'onvif.add': async (req, ctx) => {
      const cam = await s.onvif.add(req);
      await audit(ctx, 'camera.onvif_added', cam.id, {
        name: cam.name,
        url: cam.mainUrl,
        xaddr: req.xaddr,
        mainProfile: req.mainProfile,
        subProfile: req.subProfile,
      });
      return cam;
    },
    'camera.clocks': () => s.clocks.clocks(),
    'camera.clockCheck': ({ cameraId }) => s.clocks.check(cameraId),
    'camera.setClock': async ({ cameraId, switchFromNtp }, ctx) => {
      const { before, after } = await s.clocks.setFromStation(cameraId, { switchFromNtp });
      await audit(ctx, 'camera.clock_set', cameraId, {
        beforeOffsetMs: before.offsetMs,
        beforeTz: before.tz,
        beforeNtp: before.ntp,
        afterOffsetMs: after.offsetMs,
        afterTz: after.tz,
        switchedFromNtp: before.ntp === true && switchFromNtp,
      });
      return after;
    },
  };
}
