// Mounts live view on the media server (the route and its frames: contract/live-stream.ts):
//   WS /live?camera=<id>&stream=main|sub&format=fmp4|mpeg1&session=<session token>
// Live pictures are for a signed-in officer's console (its grid keeps playing behind
// the lock screen): the launch token alone does not open a camera.
import { LIVE_PATH, LiveQuery } from '../../contract/live-stream';
import type { LiveHub } from '../streams/live-hub';
import type { MediaRoutes } from './types';

/** WebSocket close code for a request the server will not serve (RFC 6455 policy violation). */
export const CLOSE_BAD_REQUEST = 1008;

export interface LiveRouteDeps {
  /** Whether the session may watch live (signed in; a locked screen still plays). */
  canWatch: (sessionToken: string | null) => boolean;
}

export function registerLiveRoutes(routes: MediaRoutes, hub: LiveHub, deps: LiveRouteDeps): void {
  routes.addWsRoute(LIVE_PATH, (socket, url) => {
    if (!deps.canWatch(url.searchParams.get('session'))) {
      socket.close(CLOSE_BAD_REQUEST, 'sign_in_required');
      return;
    }
    const parsed = LiveQuery.safeParse({
      camera: url.searchParams.get('camera') ?? undefined,
      stream: url.searchParams.get('stream') ?? undefined,
      format: url.searchParams.get('format') ?? undefined,
    });
    if (!parsed.success) {
      // The reason names the bad field(s) so a developer sees what was wrong.
      const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '?')))].join(
        ',',
      );
      socket.close(CLOSE_BAD_REQUEST, `bad_request:${fields}`.slice(0, 120));
      return;
    }
    // Clients only send pause/resume (LiveClientFrame); the hub ignores anything else.
    hub.subscribe(socket, parsed.data.camera, parsed.data.stream, parsed.data.format);
  });
}
