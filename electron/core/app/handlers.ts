// One handler per contract channel, each a thin call into a service.
import type { StreamStatus, SystemInfo } from '../../contract/schemas';
import type { CameraService } from '../cameras/camera-service';
import type { LayoutService } from '../layouts/layout-service';
import type { OutageLog } from '../outages/outage-log';
import type { SettingsService } from '../settings/settings-service';
import type { Handlers } from './dispatch';

export interface HandlerServices {
  cameras: CameraService;
  layouts: LayoutService;
  settings: SettingsService;
  outages: OutageLog;
  streamStatuses: () => StreamStatus[];
  systemInfo: () => Promise<SystemInfo>;
}

const ok = { ok: true as const };

export function createHandlers(s: HandlerServices): Handlers {
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
  };
}
