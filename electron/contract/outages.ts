// The camera outage log, and each camera's reachability that feeds it.
import { z } from 'zod';
import { none, type ChannelMap, type EventMap } from './channel-spec';
import { Id, Outage, StreamErrorKind } from './schemas';

/**
 * Whether a camera can be reached, watched all the time: by its recorder while it records,
 * by a light probe (its RTSP port answers) while it does not. The one truth the camera list,
 * the tiles and the top bar show; the outage log is fed from it, never from a live viewer.
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
} as const satisfies ChannelMap;

// Outages reach consoles through camera.outages; reachability through camera.health.
export const outageEvents = {
  'camera.health': CameraHealth,
} as const satisfies EventMap;
