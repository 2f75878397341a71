// Handlers of the ptz.* channels: moving a dome camera from its tile, and its presets.
import type { PtzService } from '../ptz/ptz-service';
import type { Handler } from './dispatch';
import { actorOf, auditActor } from './duty-handlers';

export type PtzHandlers = {
  [
    C in
      'ptz.info' | 'ptz.move' | 'ptz.stop' | 'ptz.gotoPreset' | 'ptz.setPreset' | 'ptz.removePreset'
  ]: Handler<C>;
};

const ok = { ok: true as const };

export function createPtzHandlers(ptz: PtzService): PtzHandlers {
  return {
    'ptz.info': ({ cameraId }) => ptz.info(cameraId),
    'ptz.move': async ({ cameraId, pan, tilt, zoom }) => {
      await ptz.move(cameraId, { pan, tilt, zoom });
      return ok;
    },
    'ptz.stop': async ({ cameraId }) => {
      await ptz.stop(cameraId);
      return ok;
    },
    'ptz.gotoPreset': async ({ cameraId, token }) => {
      await ptz.gotoPreset(cameraId, token);
      return ok;
    },
    'ptz.setPreset': ({ cameraId, token, name }, ctx) =>
      ptz.setPreset(cameraId, token, name, auditActor(actorOf(ctx))),
    'ptz.removePreset': async ({ cameraId, token }, ctx) => {
      await ptz.removePreset(cameraId, token, auditActor(actorOf(ctx)));
      return ok;
    },
  };
}
