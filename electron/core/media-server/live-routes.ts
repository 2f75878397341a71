// Mounts live view on the media server: WS /live?camera=<id>&stream=main|sub&format=fmp4|mpeg1
import { z } from 'zod';
import { Id, StreamKind } from '../../contract/schemas';
import type { LiveHub } from '../streams/live-hub';
import type { MediaRoutes } from './types';

export const LIVE_PATH = '/live';

/** WebSocket close code for a request the server will not serve (RFC 6455 policy violation). */
export const CLOSE_BAD_REQUEST = 1008;

const LiveQuery = z.object({
  camera: Id,
  stream: StreamKind.default('main'),
  format: z.enum(['fmp4', 'mpeg1']).default('fmp4'),
});

export function registerLiveRoutes(routes: MediaRoutes, hub: LiveHub): void {
  routes.addWsRoute(LIVE_PATH, (socket, url) => {
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
    // Clients only listen; anything they send is ignored (ws already caps its size).
    hub.subscribe(socket, parsed.data.camera, parsed.data.stream, parsed.data.format);
  });
}
