// GET /tamper/reference.png?camera=<id>&slot=<colour|mono|preset:…>&token=&session=: a
// camera's tamper reference picture as a grey PNG, for the settings panel's <img>. The
// media server checks the launch token; the session token says which officer asks.
import type { ServerResponse } from 'node:http';
import { TAMPER_REFERENCE_PATH } from '../../contract/media-routes';
import { ReferenceSlot } from '../../contract/tamper';
import type { MediaRoutes } from '../media-server/types';
import { greyPng } from './grey-png';
import type { TamperWatch } from './tamper-watch';

const TAMPER_REFERENCE_ROUTE = TAMPER_REFERENCE_PATH;

export interface ReferenceRouteDeps {
  tamper: Pick<TamperWatch, 'reference'>;
  /** Whether the session may see camera pictures (signed in, screen not locked). */
  canView: (sessionToken: string | null) => boolean;
}

function plain(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain', 'cache-control': 'no-store' }).end(body);
}

export function registerTamperRoutes(routes: MediaRoutes, deps: ReferenceRouteDeps): void {
  routes.addHttpRoute(TAMPER_REFERENCE_ROUTE, (req, res, url) => {
    if (url.pathname !== TAMPER_REFERENCE_ROUTE) return plain(res, 404, 'not_found');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (!deps.canView(url.searchParams.get('session'))) return plain(res, 403, 'forbidden');
    const cameraId = url.searchParams.get('camera') ?? '';
    const slot = ReferenceSlot.safeParse(url.searchParams.get('slot') ?? 'colour');
    if (!/^[A-Za-z0-9-]{1,64}$/.test(cameraId) || !slot.success)
      return plain(res, 400, 'bad_request');
    void deps.tamper
      .reference(cameraId, slot.data)
      .then((ref) => {
        if (!ref) return plain(res, 404, 'not_found');
        const png = greyPng(ref.picture.width, ref.picture.height, ref.picture.y);
        res.writeHead(200, {
          'content-type': 'image/png',
          'content-length': String(png.length),
          // The URL carries the time it was taken: a retake is a new URL.
          'cache-control': 'private, max-age=3600',
          'x-content-type-options': 'nosniff',
        });
        res.end(req.method === 'HEAD' ? undefined : png);
      })
      .catch(() => {
        if (!res.headersSent) plain(res, 500, 'internal_error');
        else res.destroy();
      });
  });
}
