// What the PTZ service needs of one camera's ONVIF connection. The ONVIF domain's
// client (or the small Cam adapter here until it is wired) provides it; tests give
// a recording fake.

/** Speeds in [-1, 1]: pan right +, tilt up +, zoom in +. */
export interface PtzVelocity {
  pan: number;
  tilt: number;
  zoom: number;
}

/** A preset as the camera reports it (its name may be mangled by the firmware). */
export interface DevicePreset {
  token: string;
  name: string;
}

export interface PtzDevice {
  /** What the camera's PTZ profile offers. */
  readonly panTilt: boolean;
  readonly zoom: boolean;
  /** ContinuousMove that the camera ends by itself after `timeoutMs`. */
  continuousMove(v: PtzVelocity, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
  getPresets(): Promise<DevicePreset[]>;
  gotoPreset(token: string): Promise<void>;
  /** Saves the current view; `token` null makes a new preset. Resolves to its token. */
  setPreset(token: string | null, name: string): Promise<string>;
  removePreset(token: string): Promise<void>;
}

/** The PTZ connection of a camera, or null when it has none (not ONVIF, or no PTZ profile). */
export type PtzDeviceLookup = (cameraId: string) => Promise<PtzDevice | null>;

export const isStill = (v: PtzVelocity): boolean => v.pan === 0 && v.tilt === 0 && v.zoom === 0;
