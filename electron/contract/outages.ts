// The camera outage log.
import { z } from 'zod';
import { type ChannelMap, type EventMap } from './channel-spec';
import { Id, Outage } from './schemas';

export const outageChannels = {
  /**
   * Diagnostic: the outage log as stored. No screen shows it (tiles follow camera.status);
   * the e2e specs check through it that an outage is opened and closed.
   */
  'camera.outages': {
    request: z
      .object({ cameraId: Id.optional(), limit: z.number().int().min(1).max(1000).default(200) })
      .strict(),
    response: z.array(Outage),
    access: 'officer',
  },
} as const satisfies ChannelMap;

// Outages reach consoles through camera.outages; tiles follow camera.status.
export const outageEvents = {} as const satisfies EventMap;
