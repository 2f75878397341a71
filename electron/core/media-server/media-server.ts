// The one loopback media server: HTTP and WebSocket on 127.0.0.1, a random port,
// and a per-launch token on every request. Other services mount routes on it
// instead of opening ports of their own (node-rtsp-stream opens one per stream).
// Every request must also name this server as its Host (a web page that rebinds a
// DNS name to 127.0.0.1 cannot reach it) and, when a browser says where it comes
// from, an Origin of our own pages: a token alone, read off a screen or a process
// list, does not let another page in.
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { HttpRouteHandler, MediaRoutes, WsRouteHandler } from './types';

export interface MediaServerOptions {
  /** Default: 32 random bytes, hex. */
  token?: string;
  /** Loopback only; anything else is refused. */
  host?: '127.0.0.1';
  /** 0 (default) = random free port. */
  port?: number;
  /**
   * Largest WebSocket message accepted from a client. Live clients send small control
   * messages; the largest is an RPC call carrying an incident snapshot (≤ 4 000 000
   * base64 characters, under the RPC's own 4 200 000-character frame limit).
   */
  maxPayload?: number;
  /** Page origins besides our own http://127.0.0.1:<port> (the Electron page's app://station). */
  trustedOrigins?: readonly string[];
}

export const TOKEN_HEADER = 'x-station-token';

interface HttpRoute {
  prefix: string;
  handler: HttpRouteHandler;
  tokenRequired: boolean;
}

function digest(s: string): Buffer {
  // Hash first so both sides have the same length: timingSafeEqual needs it, and
  // the comparison time says nothing about the token's length.
  return createHash('sha256').update(s, 'utf8').digest();
}

export class MediaServer implements MediaRoutes {
  readonly token: string;
  private readonly tokenDigest: Buffer;
  private readonly host: string;
  private readonly wsRoutes = new Map<string, WsRouteHandler>();
  private readonly httpRoutes: HttpRoute[] = [];
  private readonly trustedOrigins: ReadonlySet<string>;
  private server: Server | null = null;
  private wss: WebSocketServer | null = null;
  private address: { port: number; baseUrl: string } | null = null;

  constructor(private readonly opts: MediaServerOptions = {}) {
    this.token = opts.token ?? randomBytes(32).toString('hex');
    this.tokenDigest = digest(this.token);
    this.host = opts.host ?? '127.0.0.1';
    this.trustedOrigins = new Set(opts.trustedOrigins ?? []);
    if (this.host !== '127.0.0.1') throw new Error('media server must listen on 127.0.0.1');
  }

  addWsRoute(pathname: string, handler: WsRouteHandler): void {
    this.wsRoutes.set(pathname, handler);
  }

  addHttpRoute(
    prefix: string,
    handler: HttpRouteHandler,
    opts?: { tokenRequired?: boolean },
  ): void {
    this.httpRoutes.push({ prefix, handler, tokenRequired: opts?.tokenRequired ?? true });
    // Longest prefix wins.
    this.httpRoutes.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  get port(): number | null {
    return this.address?.port ?? null;
  }

  get baseUrl(): string | null {
    return this.address?.baseUrl ?? null;
  }

  async start(): Promise<{ port: number; baseUrl: string }> {
    if (this.address) return this.address;
    const server = createServer((req, res) => this.onHttp(req, res));
    const wss = new WebSocketServer({
      noServer: true,
      maxPayload: this.opts.maxPayload ?? 4.5 * 1024 * 1024,
    });
    server.on('upgrade', (req, socket, head) => this.onUpgrade(wss, req, socket, head));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.opts.port ?? 0, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const addr = server.address();
    if (addr === null || typeof addr === 'string') throw new Error('media server has no address');
    this.server = server;
    this.wss = wss;
    this.address = { port: addr.port, baseUrl: `http://${this.host}:${addr.port}` };
    return this.address;
  }

  /** Whether the request carries the token (query ?token= or the x-station-token header). */
  isAuthorized(req: IncomingMessage, url: URL): boolean {
    const header = req.headers[TOKEN_HEADER];
    const given = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('token');
    if (typeof given !== 'string' || given.length === 0) return false;
    return timingSafeEqual(digest(given), this.tokenDigest);
  }

  private parseUrl(req: IncomingMessage): URL | null {
    try {
      return new URL(req.url ?? '/', `http://${this.host}`);
    } catch {
      return null;
    }
  }

  /** Host names this server (DNS rebinding) and Origin, when sent, is one of our pages. */
  isFromOwnPage(req: IncomingMessage): boolean {
    const port = this.address?.port;
    if (port === undefined) return false;
    const own = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!own.includes(req.headers.host ?? '')) return false;
    const origin = req.headers.origin;
    // No Origin: not a page (a tool holding the token), or a plain same-origin load.
    if (origin === undefined) return true;
    return own.some((h) => origin === `http://${h}`) || this.trustedOrigins.has(origin);
  }

  private onHttp(req: IncomingMessage, res: ServerResponse): void {
    const url = this.parseUrl(req);
    if (!url) {
      res.writeHead(400).end();
      return;
    }
    if (!this.isFromOwnPage(req)) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden_origin');
      return;
    }
    const route = this.httpRoutes.find((r) => url.pathname.startsWith(r.prefix));
    if (route?.tokenRequired !== false && !this.isAuthorized(req, url)) {
      res.writeHead(401, { 'content-type': 'text/plain' }).end('unauthorized');
      return;
    }
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not_found');
      return;
    }
    try {
      route.handler(req, res, url);
    } catch {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  }

  private onUpgrade(
    wss: WebSocketServer,
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
  ): void {
    const url = this.parseUrl(req);
    if (!this.isFromOwnPage(req)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    if (!url || !this.isAuthorized(req, url)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    const handler = this.wsRoutes.get(url.pathname);
    if (!handler) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => handler(ws, url, req));
  }

  async dispose(): Promise<void> {
    const { server, wss } = this;
    this.server = null;
    this.wss = null;
    this.address = null;
    if (wss) {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    }
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }
}
