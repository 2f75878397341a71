// Serves printable reports from the loopback media server, so the renderer can
// show a PDF in a frame or hand it to the system viewer:
//   GET /reports/handover.pdf?id=<handover id>&session=<session token>
// The media server checks the launch token; the session token says which
// officer asks, and only a live, unlocked session may read a report.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../../contract/errors';
import { HANDOVER_PDF_PATH, REPORT_ROUTE_PREFIX } from '../../contract/media-routes';
import type { MediaRoutes } from '../media-server/types';
import type { ShiftService } from '../shifts/shift-service';
import { renderHandoverPdf } from './handover-pdf';
import { formatStationIsoDate } from '../../contract/station-time';

export interface ReportRoutesDeps {
  shifts: Pick<ShiftService, 'getHandover'>;
  stationName: () => Promise<string>;
  canView: (sessionToken: string | null) => boolean;
  now?: () => number;
}

function plain(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(body);
}

export function registerReportRoutes(routes: MediaRoutes, deps: ReportRoutesDeps): void {
  const now = deps.now ?? Date.now;

  async function handoverPdf(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET') return plain(res, 405, 'method_not_allowed');
    if (!deps.canView(url.searchParams.get('session'))) return plain(res, 403, 'forbidden');
    const id = url.searchParams.get('id');
    if (!id) return plain(res, 400, 'id_required');
    let handover;
    try {
      handover = await deps.shifts.getHandover(id);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'not_found') return plain(res, 404, 'not_found');
      throw err;
    }
    const pdf = await renderHandoverPdf(handover, {
      stationName: await deps.stationName(),
      generatedAt: now(),
    });
    // ASCII file name: the header cannot carry diacritics without RFC 5987 encoding.
    const filename = `ban-giao-ca-${formatStationIsoDate(handover.shiftEndedAt)}.pdf`;
    res.writeHead(200, {
      'content-type': 'application/pdf',
      'content-length': pdf.length,
      'content-disposition': `inline; filename="${filename}"`,
      // A police record: never kept in a cache on disk.
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(pdf);
  }

  routes.addHttpRoute(REPORT_ROUTE_PREFIX, (req, res, url) => {
    if (url.pathname !== HANDOVER_PDF_PATH) return plain(res, 404, 'not_found');
    handoverPdf(req, res, url).catch(() => {
      if (!res.headersSent) plain(res, 500, 'internal_error');
      else res.end();
    });
  });
}
