// The centre page's server: a JSON API over the read model and the page's built files,
// on 127.0.0.1 only. A Host check (DNS rebinding) and a JSON-only POST (no cross-site
// form can send one) keep other pages in the same browser out.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { ExportRequests, UnknownStation } from './export-requests';
import { CentreQueries, startOfStationDay } from './queries';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};
const MAX_BODY = 16 * 1024;
const DAY = 86_400_000;

export interface CentreHttp {
  url: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('body_too_large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

const Range = z.object({
  from: z.coerce.number().int().optional(),
  to: z.coerce.number().int().optional(),
});

export function startCentreHttp(opts: {
  port: number;
  staticDir: string;
  queries: CentreQueries;
  exports: ExportRequests;
  now?: () => number;
  log: { warn(m: string): void };
}): Promise<CentreHttp> {
  const now = opts.now ?? Date.now;
  const root = path.resolve(opts.staticDir);

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent); // ['api', ...]
    if (req.method === 'GET' && parts.length === 2 && parts[1] === 'stations') {
      send(res, 200, { now: now(), stations: await opts.queries.overview() });
      return;
    }
    if (req.method === 'GET' && parts[1] === 'stations' && parts.length === 4 && parts[2]) {
      const station = parts[2];
      if (parts[3] === 'incidents') {
        const range = Range.safeParse(Object.fromEntries(url.searchParams));
        if (!range.success) return send(res, 400, { error: 'invalid_request' });
        const from = range.data.from ?? startOfStationDay(now());
        const to = range.data.to ?? from + DAY;
        if (to <= from || to - from > 400 * DAY) return send(res, 400, { error: 'invalid_range' });
        send(res, 200, { from, to, incidents: await opts.queries.incidents(station, from, to) });
        return;
      }
      if (parts[3] === 'open-items') {
        send(res, 200, { items: await opts.queries.openItems(station) });
        return;
      }
    }
    if (parts.length === 2 && parts[1] === 'export-requests') {
      if (req.method === 'GET') {
        const station = url.searchParams.get('station');
        send(res, 200, { requests: await opts.exports.list(station ? { station } : {}) });
        return;
      }
      if (req.method === 'POST') {
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
          return send(res, 415, { error: 'json_only' });
        }
        let body: unknown;
        try {
          body = await readJson(req);
        } catch {
          return send(res, 400, { error: 'invalid_json' });
        }
        try {
          send(res, 201, await opts.exports.send(body as never));
        } catch (err) {
          if (err instanceof z.ZodError) {
            const fields = Object.fromEntries(
              err.issues.map((i) => [i.path.join('.') || 'request', i.message]),
            );
            return send(res, 400, { error: 'invalid_request', fields });
          }
          if (err instanceof UnknownStation) return send(res, 404, { error: 'unknown_station' });
          throw err;
        }
        return;
      }
    }
    send(res, 404, { error: 'not_found' });
  }

  function file(res: ServerResponse, pathname: string): void {
    const wanted = path.resolve(root, `.${decodeURIComponent(pathname)}`);
    let target =
      wanted.startsWith(root + path.sep) && existsSync(wanted) && statSync(wanted).isFile()
        ? wanted
        : path.join(root, 'index.html');
    if (!existsSync(target)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Trang trung tâm chưa được dựng (npm run build:centre). / Centre page not built.');
      return;
    }
    target = path.normalize(target);
    res.writeHead(200, {
      'content-type': TYPES[path.extname(target)] ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'cache-control': target.includes(`${path.sep}assets${path.sep}`)
        ? 'max-age=31536000, immutable'
        : 'no-cache',
    });
    createReadStream(target).pipe(res);
  }

  const server: Server = createServer((req, res) => {
    const host = req.headers.host ?? '';
    if (!/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host)) {
      res.writeHead(421).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/api/')) {
      api(req, res, url).catch((err: unknown) => {
        opts.log.warn(`centre api ${req.method ?? ''} ${url.pathname}: ${String(err)}`);
        if (!res.headersSent) send(res, 500, { error: 'internal' });
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    file(res, url.pathname);
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
