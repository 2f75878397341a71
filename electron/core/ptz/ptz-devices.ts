// One open PTZ connection per camera, opened on first use and kept: connecting
// (clock, services, profiles) takes several SOAP round trips, too slow to repeat
// for every 300 ms move. A failed open is not kept, so the next call tries again;
// neither is "no PTZ" (a cheap lookup, and an ONVIF add writes its device row just
// after the camera appears); a camera whose address or password changed is forgotten.
import type { PtzDevice, PtzDeviceLookup } from './ptz-device';

/** Where and how to reach a camera's ONVIF service, or null when it is not an ONVIF camera. */
export type OpenPtzDevice = (cameraId: string) => Promise<PtzDevice | null>;

export class PtzDevices {
  private readonly open = new Map<string, Promise<PtzDevice | null>>();

  constructor(private readonly opener: OpenPtzDevice) {}

  readonly lookup: PtzDeviceLookup = (cameraId) => {
    let device = this.open.get(cameraId);
    if (!device) {
      device = this.opener(cameraId);
      this.open.set(cameraId, device);
      const drop = () => {
        if (this.open.get(cameraId) === device) this.open.delete(cameraId);
      };
      device.then((d) => d ?? drop(), drop);
    }
    return device;
  };

  forget(cameraId: string): void {
    this.open.delete(cameraId);
  }

  forgetAll(): void {
    this.open.clear();
  }
}
