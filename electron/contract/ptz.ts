// PTZ: moving a dome camera from its tile, and its presets (saved views).
import { z } from 'zod';
import { ok, type ChannelMap, type EventMap } from './channel-spec';
import { Id, requiredText } from './schemas';

/** A preset token as cameras give it; validated because some firmwares put it into XML unescaped. */
export const PresetToken = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'invalid_preset_token');

export const PtzPreset = z.object({
  token: PresetToken,
  /** As the officer typed it (kept by the station: many firmwares mangle UTF-8 names). */
  name: z.string(),
});
export type PtzPreset = z.infer<typeof PtzPreset>;

export const PtzInfo = z.object({
  cameraId: Id,
  panTilt: z.boolean(),
  zoom: z.boolean(),
  presets: z.array(PtzPreset),
});
export type PtzInfo = z.infer<typeof PtzInfo>;

const speed = z.number().min(-1).max(1);
const byCamera = z.object({ cameraId: Id }).strict();

export const ptzChannels = {
  /** Whether the camera can pan/tilt/zoom, and its presets; a camera without PTZ says false. */
  'ptz.info': { request: byCamera, response: PtzInfo, access: 'officer' },
  /** Moves at these speeds until ptz.stop (or the station's own stop, 0.7 s after the last move). */
  'ptz.move': {
    request: z
      .object({
        cameraId: Id,
        pan: speed.default(0),
        tilt: speed.default(0),
        zoom: speed.default(0),
      })
      .strict(),
    response: ok,
    access: 'officer',
  },
  'ptz.stop': { request: byCamera, response: ok, access: 'officer' },
  'ptz.gotoPreset': {
    request: z.object({ cameraId: Id, token: PresetToken }).strict(),
    response: ok,
    access: 'officer',
  },
  /** Saves the current view as a preset (token null = a new one); audited. */
  'ptz.setPreset': {
    request: z
      .object({ cameraId: Id, token: PresetToken.nullable().default(null), name: requiredText(32) })
      .strict(),
    response: PtzPreset,
    access: 'officer',
  },
  'ptz.removePreset': {
    request: z.object({ cameraId: Id, token: PresetToken }).strict(),
    response: ok,
    access: 'commander',
  },
} as const satisfies ChannelMap;

export const ptzEvents = {} as const satisfies EventMap;
