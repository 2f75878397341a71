// Server side of the WebSocket RPC transport: mounted at /rpc on the media
// server (which has already checked the per-launch token), it runs each call
// frame through dispatch() and pushes every core event to every client.
import { WebSocket } from 'ws';
import type { CallContext, DispatchOptions, Endpoint, SessionBinding } from '../app/dispatch';
import { dispatchToOutcome } from '../app/dispatch';
import type { MediaRoutes } from '../media-server/types';
import { silentLogger, type Logger } from '../logging/logger';
import {
  MAX_FRAME_CHARS,
  RPC_PATH,
  isCallId,
  isHeartbeat,
  type EventFrame,
  type HeartbeatFrame,
  type ReplyFrame,
} from '../../contract/rpc-wire';

export interface RpcServerDeps {
  endpoint: Endpoint;
  logger?: Logger;
  /** A client whose unsent backlog grows past this is dropped (it reconnects). */
  maxBufferedBytes?: number;
}

export class RpcServer {
  private readonly sockets = new Set<WebSocket>();
  /** Each connection signs in on its own (a reload rejoins with auth.resume). */
  private readonly bindings = new WeakMap<WebSocket, SessionBinding>();
  private readonly log: Logger;
  private readonly dispatchOpts: DispatchOptions;
  private disposed = false;

  constructor(private readonly deps: RpcServerDeps) {
    this.log = deps.logger ?? silentLogger;
    this.dispatchOpts = {
      onInternalError: (channel, err) => this.log.error('rpc handler failed', { channel, err }),
    };
  }

  attach(routes: MediaRoutes, path: string = RPC_PATH): void {
    routes.addWsRoute(path, (socket) => this.accept(socket));
  }

  get clientCount(): number {
    return this.sockets.size;
  }

  /** Takes ownership of a connected socket. */
  accept(socket: WebSocket): void {
    if (this.disposed) {
      socket.close(1001, 'shutting down');
      return;
    }
    this.sockets.add(socket);
    this.bindings.set(socket, { token: null });
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', (err) => this.log.debug('rpc socket error', { err }));
    socket.on('message', (data, isBinary) => {
      void this.onMessage(socket, isBinary ? null : data.toString());
    });
  }

  broadcast(event: string, payload: unknown): void {
    const frame: EventFrame = { event, payload };
    const text = JSON.stringify(frame);
    for (const socket of this.sockets) this.send(socket, text);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const closing = [...this.sockets].map(
      (socket) =>
        new Promise<void>((resolve) => {
          if (socket.readyState === WebSocket.CLOSED) return resolve();
          const timer = setTimeout(() => {
            socket.terminate();
            resolve();
          }, 1000);
          socket.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          socket.close(1001, 'shutting down');
        }),
    );
    await Promise.all(closing);
    this.sockets.clear();
  }

  private async onMessage(socket: WebSocket, text: string | null): Promise<void> {
    const frame = parseCall(text);
    // Answered before dispatch: it measures the event loop, not the services.
    if (frame.ok && frame.kind === 'heartbeat') {
      const echo: HeartbeatFrame = { heartbeat: frame.heartbeat };
      this.send(socket, JSON.stringify(echo));
      return;
    }
    if (!frame.ok) {
      this.reply(socket, {
        id: frame.id,
        ok: false,
        error: { code: 'invalid_request', message: frame.reason },
      });
      return;
    }
    const binding = this.bindings.get(socket) ?? { token: null };
    const ctx: CallContext = { transport: 'ws', binding };
    const outcome = await dispatchToOutcome(
      this.deps.endpoint,
      frame.channel,
      frame.payload,
      ctx,
      this.dispatchOpts,
    );
    this.reply(
      socket,
      outcome.ok
        ? { id: frame.id, ok: true, result: outcome.result }
        : { id: frame.id, ok: false, error: outcome.error },
    );
  }

  private reply(socket: WebSocket, frame: ReplyFrame): void {
    this.send(socket, JSON.stringify(frame));
  }

  private send(socket: WebSocket, text: string): void {
    if (socket.readyState !== WebSocket.OPEN) return;
    if (socket.bufferedAmount > (this.deps.maxBufferedBytes ?? 8 * 1024 * 1024)) {
      this.log.warn('rpc client too slow; dropping it');
      socket.terminate();
      return;
    }
    socket.send(text);
  }
}

type ParsedCall =
  | { ok: true; kind: 'call'; id: string | number; channel: unknown; payload: unknown }
  | { ok: true; kind: 'heartbeat'; heartbeat: number }
  | { ok: false; id: string | number | null; reason: string };

function parseCall(text: string | null): ParsedCall {
  if (text === null) return { ok: false, id: null, reason: 'binary_frame' };
  if (text.length > MAX_FRAME_CHARS) return { ok: false, id: null, reason: 'frame_too_large' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, id: null, reason: 'malformed_json' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, id: null, reason: 'malformed_frame' };
  }
  const obj = value as Record<string, unknown>;
  if (isHeartbeat(obj)) return { ok: true, kind: 'heartbeat', heartbeat: obj.heartbeat };
  if (!isCallId(obj.id)) return { ok: false, id: null, reason: 'missing_id' };
  return { ok: true, kind: 'call', id: obj.id, channel: obj.channel, payload: obj.payload };
}
