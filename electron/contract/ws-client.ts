// Client side of the WebSocket RPC transport. Runs in the browser (global
// WebSocket) and in Node tests (pass `WebSocket` from 'ws'), so it imports
// nothing from Node. Reconnects with backoff forever; listeners live here, not
// on the socket, so they survive reconnects. Calls already sent when the
// connection drops are rejected with ApiError('disconnected'); calls made while
// disconnected wait for the next connection (up to `queueTimeoutMs`).
// A hung server (stuck event loop, SIGSTOP) never closes its socket, so the
// client sends a heartbeat frame every `heartbeatIntervalMs` and drops the
// connection itself when nothing at all has arrived for `heartbeatTimeoutMs`.
import type { Transport } from './api';
import type { Channel, EventName, EventOf, RequestOf, ResponseOf } from './channels';
import { ApiError, ApiErrorBody } from './errors';
import type { CallId, CallFrame, HeartbeatFrame } from './rpc-wire';

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
  /** How often a heartbeat is sent while connected (default 1500). */
  heartbeatIntervalMs?: number;
  /** Silence longer than this drops the connection (default 3000). */
  heartbeatTimeoutMs?: number;
  /** A connection attempt not open by then is abandoned and retried (default 5000). */
  connectTimeoutMs?: number;
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
  const heartbeatInterval = opts.heartbeatIntervalMs ?? 1500;
  const heartbeatTimeout = opts.heartbeatTimeoutMs ?? 3000;
  const connectTimeout = opts.connectTimeoutMs ?? 5000;

  const pending = new Map<CallId, Pending>();
  const listeners = new Map<string, Set<(payload: never) => void>>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  let socket: WebSocketLike | null = null;
  let connected = false;
  let closed = false;
  let attempt = 0;
  let nextId = 1;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  /** Connect timeout while opening, then the heartbeat's silence watchdog. */
  let watchdog: ReturnType<typeof setTimeout> | null = null;
  let heartbeatTimer: ReturnType<typeof setInterval> | null = null;
  let lastHeardAt = 0;
  let heartbeatSeq = 0;

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

  function stopTimers(): void {
    if (watchdog) clearTimeout(watchdog);
    if (heartbeatTimer) clearInterval(heartbeatTimer);
    watchdog = null;
    heartbeatTimer = null;
  }

  /** Fires at lastHeardAt + timeout; re-arms itself while frames keep arriving. */
  function armWatchdog(ws: WebSocketLike, delay: number): void {
    const due = Date.now() + delay;
    watchdog = setTimeout(() => {
      watchdog = null;
      if (socket !== ws) return;
      const now = Date.now();
      const silent = now - lastHeardAt;
      if (silent < heartbeatTimeout) return armWatchdog(ws, heartbeatTimeout - silent);
      // Fired well past its time: our own thread was stalled and the echoes may be
      // queued behind this timer; let them run before calling the server dead.
      if (now - due > heartbeatInterval) return armWatchdog(ws, 250);
      drop(ws, 'heartbeat');
    }, delay);
  }

  function startHeartbeat(ws: WebSocketLike): void {
    lastHeardAt = Date.now();
    armWatchdog(ws, heartbeatTimeout);
    heartbeatTimer = setInterval(() => {
      if (socket !== ws || ws.readyState !== OPEN) return;
      const frame: HeartbeatFrame = { heartbeat: ++heartbeatSeq };
      ws.send(JSON.stringify(frame));
    }, heartbeatInterval);
  }

  /** The connection is over (closed, or given up on): fail what was sent, then reconnect. */
  function drop(ws: WebSocketLike, why: 'closed' | 'heartbeat' | 'connect_timeout'): void {
    if (socket !== ws) return;
    socket = null;
    stopTimers();
    const wasConnected = connected;
    connected = false;
    // A socket given up on may take a long closing handshake; its events are ignored.
    if (why !== 'closed') {
      try {
        ws.close(4000, why);
      } catch {
        // already closing
      }
    }
    for (const [id, p] of [...pending]) {
      if (p.sent) settle(id)?.reject(disconnectedError('rpc_disconnected'));
    }
    if (wasConnected) notifyConnection(false);
    scheduleReconnect();
  }

  function onFrame(data: unknown): void {
    lastHeardAt = Date.now();
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
    // The kernel accepts connections for a stopped process: the upgrade never answers.
    watchdog = setTimeout(() => {
      watchdog = null;
      drop(ws, 'connect_timeout');
    }, connectTimeout);
    ws.onopen = () => {
      if (socket !== ws) return;
      stopTimers();
      connected = true;
      attempt = 0;
      startHeartbeat(ws);
      for (const p of pending.values()) {
        if (p.sent) continue;
        p.sent = true;
        if (p.timer) clearTimeout(p.timer);
        p.timer = null;
        ws.send(p.frame);
      }
      notifyConnection(true);
    };
    ws.onmessage = (ev: { data: unknown }) => {
      if (socket === ws) onFrame(ev.data);
    };
    ws.onerror = () => undefined; // onclose follows and handles it
    ws.onclose = () => drop(ws, 'closed');
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
      stopTimers();
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
