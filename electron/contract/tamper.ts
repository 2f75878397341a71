// The tamper detector: per-camera settings, its state, and the reference picture a turned camera
// is compared with.
import { z } from 'zod';
import { type ChannelMap, type EventMap, none } from './channel-spec';
import { PictureAlarmKind } from './camera-alarms';
import { Id } from './schemas';

const ms = z.number().int();

/**
 * One picture check. `threshold` means, per kind: black = fraction of dark pixels that raises
 * (0.95); frozen = largest fraction of changed cells still "frozen" (0.08: the OSD clock's cells change on a frozen picture); covered = edge energy
 * as a fraction of the reference's below which the lens is covered (0.35); scene = fraction of the
 * reference's textured cells that no longer match (0.6).
 */
export const TamperCheck = z.object({
  enabled: z.boolean(),
  threshold: z.number().min(0).max(1),
  /** How long the picture must stay bad before the alarm is raised. */
  holdSeconds: z.number().int().min(1).max(120),
});
export type TamperCheck = z.infer<typeof TamperCheck>;

export const TamperSettings = z.object({
  cameraId: Id,
  /** Off for a camera whose sub-stream cannot take a second session (cheap DVRs). */
  enabled: z.boolean(),
  black: TamperCheck,
  frozen: TamperCheck,
  covered: TamperCheck,
  scene: TamperCheck,
});
export type TamperSettings = z.infer<typeof TamperSettings>;

export const DEFAULT_TAMPER_CHECKS: Readonly<Record<PictureAlarmKind, TamperCheck>> = {
  black: { enabled: true, threshold: 0.95, holdSeconds: 3 },
  frozen: { enabled: true, threshold: 0.08, holdSeconds: 4 },
  covered: { enabled: true, threshold: 0.35, holdSeconds: 4 },
  scene: { enabled: true, threshold: 0.6, holdSeconds: 4 },
};

/** Reference slots: colour by day, mono at night (IR), so the day/night switch is no "scene change". */
export const ReferenceSlot = z.string().regex(/^(colour|mono|preset:[A-Za-z0-9_.:-]{1,64})$/);

export const TamperState = z.object({
  cameraId: Id,
  /** Whether the detector is reading the camera's sub-stream now. */
  running: z.boolean(),
  mode: z.enum(['colour', 'mono']).nullable(),
  /** Measured keyframe interval; alarms come no faster than about two of them. */
  gopMs: ms.nullable(),
  lastFrameAt: ms.nullable(),
  references: z.array(
    z.object({
      slot: ReferenceSlot,
      takenAt: ms,
      /** Learned by the station (no commander took it). */
      learned: z.boolean(),
    }),
  ),
  /** The picture alarms open now. */
  open: z.array(PictureAlarmKind),
});
export type TamperState = z.infer<typeof TamperState>;

const byCamera = z.object({ cameraId: Id }).strict();

export const tamperChannels = {
  'tamper.states': { request: none, response: z.array(TamperState), access: 'session' },
  'tamper.settings': { request: byCamera, response: TamperSettings, access: 'officer' },
  /** Audited with the changed checks. */
  'tamper.updateSettings': {
    request: TamperSettings.strict(),
    response: TamperSettings,
    access: 'commander',
  },
  /**
   * Takes the reference picture again from the next keyframes (the camera was re-aimed on
   * purpose); audited. The picture: media route /tamper/reference.png?camera=&slot=.
   */
  'tamper.retakeReference': {
    request: byCamera,
    response: z.object({ slot: ReferenceSlot, takenAt: ms }),
    access: 'commander',
  },
} as const satisfies ChannelMap;

export const tamperEvents = {
  /** The detector started, stopped, measured the GOP, took a reference, or an alarm opened/closed. */
  'tamper.state': TamperState,
} as const satisfies EventMap;
