// Picture and clock alarms: what a camera hides while its stream stays "live" (black, frozen,
// covered, turned away) and a clock that is off. Siblings of outages: one open alarm per camera
// and kind, rung until an officer acknowledges it, logged, and counted in the handover.
import { z } from 'zod';
import { none, type ChannelMap, type EventMap } from './channel-spec';
import { Id } from './schemas';

const ms = z.number().int();

/** The picture kinds come from the tamper detector (or the camera's own events); the clock ones from clock readings. */
export const PictureAlarmKind = z.enum(['black', 'frozen', 'covered', 'scene']);
export type PictureAlarmKind = z.infer<typeof PictureAlarmKind>;
export const CameraAlarmKind = z.enum([...PictureAlarmKind.options, 'clock', 'timezone']);
export type CameraAlarmKind = z.infer<typeof CameraAlarmKind>;

/** detector = the station's keyframe analysis; camera = the camera's own ONVIF event; clock = a clock reading. */
export const CameraAlarmSource = z.enum(['detector', 'camera', 'clock']);
export type CameraAlarmSource = z.infer<typeof CameraAlarmSource>;

export const AlarmAcknowledgement = z.object({
  at: ms,
  officerId: Id,
  officerName: z.string(),
});

export const CameraAlarmEntry = z.object({
  id: z.number().int().min(1),
  cameraId: Id,
  kind: CameraAlarmKind,
  source: CameraAlarmSource,
  startedAt: ms,
  endedAt: ms.nullable(),
  /** Measurements when it was raised (e.g. dark fraction, offset ms), for the log; never shown raw. */
  detail: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
  acknowledged: AlarmAcknowledgement.nullable(),
});
export type CameraAlarmEntry = z.infer<typeof CameraAlarmEntry>;

export const cameraAlarmChannels = {
  /** The alarms still open, for a console that (re)connects: they ring until acknowledged. */
  'alarm.open': { request: none, response: z.array(CameraAlarmEntry), access: 'session' },
  /** "Đã biết": silences this alarm for good (a later one rings again); audited. */
  'alarm.acknowledge': {
    request: z.object({ id: z.number().int().min(1) }).strict(),
    response: CameraAlarmEntry,
    access: 'officer',
  },
  /** The alarm log as stored, newest first (a camera's, or all), for the log and diagnostics. */
  'camera.alarms': {
    request: z
      .object({
        cameraId: Id.optional(),
        fromMs: ms.optional(),
        toMs: ms.optional(),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
    response: z.array(CameraAlarmEntry),
    access: 'officer',
  },
} as const satisfies ChannelMap;

export const cameraAlarmEvents = {
  /** An alarm opened, was acknowledged, or closed. */
  'alarm.changed': CameraAlarmEntry,
} as const satisfies EventMap;
