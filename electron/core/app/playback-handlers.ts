// Handlers of the playback channels: the timeline overview and the segments near
// the playhead. Asking for segments is viewing footage, so it is audited
// (coalesced by FootageViewAudit), and it is what grants the session those
// segments' bytes on the media server (FootageGrants). Any camera id is answered,
// registered or not: footage outlives a camera removed from the registry.
import type { Queryable } from '../db/database';
import { FootageGrants } from '../playback/footage-grants';
import { FootageViewAudit } from '../playback/footage-view-audit';
import { playbackSegments, type OpenSegmentSource } from '../recording/segments-query';
import { playbackTimeline } from '../playback/timeline-query';
import type { Handler } from './dispatch';
import { actorOf, type DutyServices } from './duty-handlers';

export interface PlaybackServices {
  db: Queryable;
  views: FootageViewAudit;
  /** Which session may fetch which segment's bytes (the recording routes ask). */
  grants: FootageGrants;
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
  const sessionAlive = (token: string) => duty.sessions.get(token) !== null;
  return {
    db,
    ...(open ? { open } : {}),
    views: new FootageViewAudit({ audit: duty.audit, sessionAlive }),
    grants: new FootageGrants({ sessionAlive }),
  };
}

export function createPlaybackHandlers(s: PlaybackServices): PlaybackHandlers {
  return {
    'playback.timeline': (req) => playbackTimeline(s, req),
    'playback.segments': async (req, ctx) => {
      const actor = actorOf(ctx);
      const result = await playbackSegments(s, req);
      // Nothing recorded in the window: nothing was viewed.
      if (result.segments.length > 0) {
        await s.views.viewed(actor, req.cameraId, req.fromMs, req.toMs);
        // Granted only once the view is in the audit trail.
        s.grants.grant(
          actor.token,
          result.segments.map((seg) => seg.id),
        );
      }
      return result;
    },
  };
}
