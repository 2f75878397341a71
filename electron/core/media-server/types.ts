// Extension points of the single loopback media server: other services mount
// their WebSocket or HTTP routes on it instead of opening ports of their own.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebSocket } from 'ws';

/** Called after the token has been checked. `url` is the parsed request URL. */
export type WsRouteHandler = (socket: WebSocket, url: URL, req: IncomingMessage) => void;
export type HttpRouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

export interface MediaRoutes {
  /** Exact pathname, e.g. '/rpc'. Token required. */
  addWsRoute(pathname: string, handler: WsRouteHandler): void;
  /** Path prefix, e.g. '/recordings/'. `tokenRequired: false` only for the browser-mode app shell. */
  addHttpRoute(prefix: string, handler: HttpRouteHandler, opts?: { tokenRequired?: boolean }): void;
}
