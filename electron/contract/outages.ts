// The camera outage log, each camera's reachability that feeds it, and the officer's
// acknowledgement of an outage's alarm.
import { z } from 'zod';
import { none, type ChannelMap, type EventMap } from './channel-spec';
import { Id, Outage, StreamErrorKind } from './schemas';

/**
 * Whether a camera can be reached, watched all the time: by its recorder while it records,
 * by a probe (its RTSP port, its stream once a minute) while it does not. The one truth the
 * camera list, the tiles and the top bar show; the outage log is fed from it, never from a live
 * viewer.
 */
export const CameraHealth = z.object({
  cameraId: Id,
  reachable: z.enum(['up', 'down', 'unknown']),
  /** UTC ms since the camera has been in this state. */
  since: z.number().int(),
  /** Why it is down (auth = wrong account); null when up or not known. */
  errorKind: StreamErrorKind.nullable(),
  watchedBy: z.enum(['recorder', 'probe']),
});
export type CameraHealth = z.infer<typeof CameraHealth>;

/** What a camera's health says of it, the same everywhere: null while not known. */
export function healthState(
  h: CameraHealth | undefined,
): 'live' | 'offline' | 'auth_failed' | null {
  if (h?.reachable === 'up') return 'live';
  if (h?.reachable === 'down') return h.errorKind === 'auth' ? 'auth_failed' : 'offline';
  return null;
}

/** Who silenced an outage's alarm, and when; stored on the outage row. */
export const OutageAcknowledgement = z.object({
  at: z.number().int(),
  officerId: Id,
  officerName: z.string(),
});
export type OutageAcknowledgement = z.infer<typeof OutageAcknowledgement>;

/** An outage as the alarm sees it: still open or just closed, acknowledged or not. */
export const OutageAlarm = Outage.extend({
  acknowledged: OutageAcknowledgement.nullable(),
});
export type OutageAlarm = z.infer<typeof OutageAlarm>;

export const outageChannels = {
  /**
   * Diagnostic: the outage log as stored. No screen shows it (tiles follow camera.health);
   * the e2e specs check through it that an outage is opened and closed.
   */
  'camera.outages': {
    request: z
      .object({ cameraId: Id.optional(), limit: z.number().int().min(1).max(1000).default(200) })
      .strict(),
    response: z.array(Outage),
    access: 'officer',
  },
  'camera.healths': { request: none, response: z.array(CameraHealth), access: 'session' },
  /** The outages still open, for a console that (re)connects: their alarms ring until acknowledged. */
  'outage.open': { request: none, response: z.array(OutageAlarm), access: 'session' },
  /**
   * "Đã biết": silences this outage's alarm for good (a later outage rings again); audited
   * with the officer's name. Acknowledging twice keeps the first acknowledgement.
   */
  'outage.acknowledge': {
    request: z.object({ id: z.number().int().min(1) }).strict(),
    response: OutageAlarm,
    access: 'officer',
  },
} as const satisfies ChannelMap;

// The stored log reaches consoles through camera.outages; reachability through camera.health.
export const outageEvents = {
  'camera.health': CameraHealth,
  /** An outage opened, was acknowledged, or closed. */
  'outage.changed': OutageAlarm,
} as const satisfies EventMap;
