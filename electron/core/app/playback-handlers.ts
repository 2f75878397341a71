// Handlers of the playback channels (issue 5): the timeline overview and the
// segments near the playhead. Asking for segments is viewing footage, so it is
// audited (coalesced by FootageViewAudit). Any camera id is answered, registered
// or not: footage outlives a camera removed from the registry.
import type { Queryable } from '../db/database';
import { FootageViewAudit } from '../playback/footage-view-audit';
import { playbackSegments, type OpenSegmentSource } from '../playback/segments-query';
import { playbackTimeline } from '../playback/timeline-query';
import type { Handler } from './dispatch';
import { actorOf, type DutyServices } from './duty-handlers';

export interface PlaybackServices {
  db: Queryable;
  views: FootageViewAudit;
  /** The segments being written (the recording service), listed as growing. */
  open?: OpenSegmentSource;
}

export type PlaybackHandlers = {
  [C in 'playback.timeline' | 'playback.segments']: Handler<C>;
};

/** The composition root's and the test endpoint's wiring, in one place. */
export function createPlaybackServices(
  db: Queryable,
  duty: Pick<DutyServices, 'audit' | 'sessions'>,
  open?: OpenSegmentSource,
): PlaybackServices {
  return {
    db,
    ...(open ? { open } : {}),
    views: new FootageViewAudit({
      audit: duty.audit,
      sessionAlive: (token) => duty.sessions.get(token) !== null,
    }),
  };
}

export function createPlaybackHandlers(s: PlaybackServices): PlaybackHandlers {
  return {
    'playback.timeline': (req) => playbackTimeline(s, req),
    'playback.segments': async (req, ctx) => {
      const actor = actorOf(ctx);
      const result = await playbackSegments(s, req);
      // Nothing recorded in the window: nothing was viewed.
      if (result.segments.length > 0)
        await s.views.viewed(actor, req.cameraId, req.fromMs, req.toMs);
      return result;
    },
  };
}
