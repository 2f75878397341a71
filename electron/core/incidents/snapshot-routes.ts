// GET /snapshots/<id>?token=<launch token>&session=<session token>: an incident
// snapshot for an <img> tag. The media server checks the launch token; the
// session token says which officer asks, since an <img> cannot send headers.
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SNAPSHOT_ROUTE_PREFIX } from '../../contract/media-routes';
import type { MediaRoutes } from '../media-server/types';
import type { IncidentService } from './incident-service';

export interface SnapshotRouteDeps {
  incidents: Pick<IncidentService, 'snapshotFile'>;
  /** Whether the session may see incident evidence (signed in, screen not locked). */
  canView: (sessionToken: string | null) => boolean;
}

const ID = /^[A-Za-z0-9-]{1,64}$/;

function plain(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain', 'cache-control': 'no-store' }).end(body);
}

export function registerSnapshotRoutes(routes: MediaRoutes, deps: SnapshotRouteDeps): void {
  routes.addHttpRoute(SNAPSHOT_ROUTE_PREFIX, (req, res, url) => {
    void serveSnapshot(req, res, url, deps).catch(() => {
      if (!res.headersSent) plain(res, 500, 'internal_error');
      else res.destroy();
    });
  });
}

async function serveSnapshot(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: SnapshotRouteDeps,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  // Who asks comes first: a refused caller learns nothing about which ids exist.
  if (!deps.canView(url.searchParams.get('session'))) {
    plain(res, 403, 'forbidden');
    return;
  }
  const id = url.pathname.slice(SNAPSHOT_ROUTE_PREFIX.length);
  const found = ID.test(id) ? await deps.incidents.snapshotFile(id) : null;
  let size: number;
  try {
    if (!found) throw new Error('no such snapshot');
    size = statSync(found.path).size;
  } catch {
    plain(res, 404, 'not_found');
    return;
  }
  res.writeHead(200, {
    'content-type': found.mime,
    'content-length': String(size),
    // Evidence stays out of shared caches; a snapshot never changes once written.
    'cache-control': 'private, max-age=3600',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(found.path)
    .on('error', () => res.destroy())
    .pipe(res);
}
