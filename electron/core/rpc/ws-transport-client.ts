// Client side of the WebSocket RPC transport. Runs in the browser (global
// WebSocket) and in Node tests (pass `WebSocket` from 'ws'), so it imports
// nothing from Node. Reconnects with backoff forever; listeners live here, not
// on the socket, so they survive reconnects. Calls already sent when the
// connection drops are rejected with ApiError('disconnected'); calls made while
// disconnected wait for the next connection (up to `queueTimeoutMs`).
import type { Transport } from '../../contract/api';
import type { Channel, EventName, EventOf, RequestOf, ResponseOf } from '../../contract/channels';
import { ApiError, ApiErrorBody } from '../../contract/errors';
import type { CallId, CallFrame } from './wire';

/** The part of the WebSocket API both browsers and the 'ws' package provide. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  // `never` parameters: the browser and 'ws' declare their own event types here,
  // and we only ever assign handlers, never call them.
  onopen: ((ev: never) => void) | null;
  onclose: ((ev: never) => void) | null;
  onerror: ((ev: never) => void) | null;
  onmessage: ((ev: never) => void) | null;
}
export type WebSocketConstructor = new (url: string) => WebSocketLike;

export interface WsTransportOptions {
  /** Defaults to globalThis.WebSocket. */
  WebSocket?: WebSocketConstructor;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** How long a call made while disconnected waits for a connection. */
  queueTimeoutMs?: number;
}

export interface WsTransport extends Transport {
  readonly connected: boolean;
  /** Called with true on every (re)connection and false on every drop; refetch state on true. */
  onConnectionChange(listener: (connected: boolean) => void): () => void;
  /** Closes for good: pending and queued calls are rejected, no reconnect. */
  close(): void;
}

const OPEN = 1;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
  frame: string;
  sent: boolean;
  timer: ReturnType<typeof setTimeout> | null;
}

export function createWsTransport(url: string, opts: WsTransportOptions = {}): WsTransport {
  const found =
    opts.WebSocket ?? (globalThis as unknown as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (!found) throw new Error('no WebSocket implementation available');
  const Ctor: WebSocketConstructor = found;
  const minBackoff = opts.minBackoffMs ?? 250;
  const maxBackoff = opts.maxBackoffMs ?? 5000;
  const queueTimeout = opts.queueTimeoutMs ?? 15_000;

  const pending = new Map<CallId, Pending>();
  const listeners = new Map<string, Set<(payload: never) => void>>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  let socket: WebSocketLike | null = null;
  let connected = false;
  let closed = false;
  let attempt = 0;
  let nextId = 1;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  const disconnectedError = (reason: string) => new ApiError('disconnected', reason);

  function notifyConnection(state: boolean): void {
    for (const l of [...connectionListeners]) {
      try {
        l(state);
      } catch {
        // a listener's bug must not break the transport
      }
    }
  }

  function settle(id: CallId): Pending | undefined {
    const p = pending.get(id);
    if (!p) return undefined;
    pending.delete(id);
    if (p.timer) clearTimeout(p.timer);
    return p;
  }

  function onFrame(data: unknown): void {
    if (typeof data !== 'string') return;
    let msg: unknown;
    try {
      msg = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof msg !== 'object' || msg === null) return;
    const frame = msg as Record<string, unknown>;
    if (typeof frame.event === 'string') {
      for (const l of [...(listeners.get(frame.event) ?? [])]) {
        try {
          (l as (p: unknown) => void)(frame.payload);
        } catch {
          // keep delivering to the other listeners
        }
      }
      return;
    }
    if (frame.id === null || frame.id === undefined) return;
    const p = settle(frame.id as CallId);
    if (!p) return;
    if (frame.ok === true) {
      p.resolve(frame.result);
    } else {
      const body = ApiErrorBody.safeParse(frame.error);
      p.reject(
        body.success ? ApiError.fromBody(body.data) : new ApiError('internal', 'malformed_reply'),
      );
    }
  }

  function connect(): void {
    if (closed) return;
    let ws: WebSocketLike;
    try {
      ws = new Ctor(url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      connected = true;
      attempt = 0;
      for (const p of pending.values()) {
        if (p.sent) continue;
        p.sent = true;
        if (p.timer) clearTimeout(p.timer);
        p.timer = null;
        ws.send(p.frame);
      }
      notifyConnection(true);
    };
    ws.onmessage = (ev: { data: unknown }) => onFrame(ev.data);
    ws.onerror = () => undefined; // onclose follows and handles it
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      const wasConnected = connected;
      connected = false;
      for (const [id, p] of [...pending]) {
        if (p.sent) settle(id)?.reject(disconnectedError('rpc_disconnected'));
      }
      if (wasConnected) notifyConnection(false);
      scheduleReconnect();
    };
  }

  function scheduleReconnect(): void {
    if (closed || reconnectTimer) return;
    const delay = Math.min(maxBackoff, minBackoff * 2 ** Math.min(attempt, 10));
    attempt++;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, delay);
  }

  function invoke<C extends Channel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>> {
    if (closed) return Promise.reject(disconnectedError('rpc_closed'));
    const id = nextId++;
    const frame: CallFrame = { id, channel, payload };
    return new Promise<ResponseOf<C>>((resolve, reject) => {
      const p: Pending = {
        resolve: resolve as (v: unknown) => void,
        reject,
        frame: JSON.stringify(frame),
        sent: false,
        timer: null,
      };
      pending.set(id, p);
      if (connected && socket && socket.readyState === OPEN) {
        p.sent = true;
        socket.send(p.frame);
      } else {
        p.timer = setTimeout(
          () => settle(id)?.reject(disconnectedError('rpc_not_connected')),
          queueTimeout,
        );
      }
    });
  }

  function on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => {
      set.delete(listener as (payload: never) => void);
    };
  }

  connect();

  return {
    invoke,
    on,
    get connected() {
      return connected;
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => {
        connectionListeners.delete(listener);
      };
    },
    close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = null;
      for (const id of [...pending.keys()]) settle(id)?.reject(disconnectedError('rpc_closed'));
      const ws = socket;
      socket = null;
      connected = false;
      ws?.close(1000, 'closed');
    },
  };
}
