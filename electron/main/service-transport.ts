// A contract connection that follows the station service. A service that
// restarts comes back with a new token, and perhaps a new port, so reconnecting
// to the old address would never succeed: while the connection has been down
// for `relocateAfterMs`, it asks `locate` where the service is now (finding it
// through its runtime file, or starting it again) and moves there.
import { events, type EventName } from '../contract/channels';
import {
  createWsTransport,
  type WsTransport,
  type WsTransportOptions,
} from '../contract/ws-client';
import { rpcUrlWithToken, type ServiceRuntime } from '../core/service/runtime-file';

export interface ServiceTransportOptions {
  runtime: ServiceRuntime;
  /** Where the service is now, or null when it cannot be found or started. */
  locate: () => Promise<ServiceRuntime | null>;
  ws?: WsTransportOptions;
  relocateAfterMs?: number;
  /** Told each time the connection moved to another service. */
  onRelocated?: (runtime: ServiceRuntime) => void;
}

export function createServiceTransport(opts: ServiceTransportOptions): WsTransport {
  const relocateAfter = opts.relocateAfterMs ?? 3000;
  const eventListeners = new Map<string, Set<(payload: never) => void>>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  let runtime = opts.runtime;
  let inner: WsTransport;
  let stopInner: Array<() => void> = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const armRelocate = () => {
    if (timer || closed) return;
    timer = setTimeout(() => {
      timer = null;
      void relocate();
    }, relocateAfter);
  };
  const disarm = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };

  function attach(rt: ServiceRuntime): void {
    inner = createWsTransport(rpcUrlWithToken(rt), opts.ws);
    stopInner = (Object.keys(events) as EventName[]).map((event) =>
      inner.on(event, (payload) => {
        for (const l of [...(eventListeners.get(event) ?? [])])
          safely(() => (l as (p: unknown) => void)(payload));
      }),
    );
    stopInner.push(
      inner.onConnectionChange((connected) => {
        if (connected) disarm();
        else armRelocate();
        for (const l of [...connectionListeners]) safely(() => l(connected));
      }),
    );
    // A service already gone at this point never connects, so never reports a drop.
    armRelocate();
  }

  async function relocate(): Promise<void> {
    if (closed || inner.connected) return;
    const found = await opts.locate().catch(() => null);
    if (closed || inner.connected) return;
    if (found && (found.token !== runtime.token || found.port !== runtime.port)) {
      for (const stop of stopInner) stop();
      inner.close();
      runtime = found;
      attach(found);
      opts.onRelocated?.(found);
    } else {
      armRelocate();
    }
  }

  attach(runtime);

  const listenersOf = (event: string) => {
    let set = eventListeners.get(event);
    if (!set) eventListeners.set(event, (set = new Set()));
    return set;
  };
  return {
    invoke: (channel, payload) => inner.invoke(channel, payload),
    on: (event, listener) => subscribe(listenersOf(event), listener as (payload: never) => void),
    onConnectionChange: (listener) => subscribe(connectionListeners, listener),
    get connected() {
      return inner.connected;
    },
    close() {
      closed = true;
      disarm();
      for (const stop of stopInner) stop();
      inner.close();
    },
  };
}

function subscribe<T>(set: Set<T>, item: T): () => void {
  set.add(item);
  return () => void set.delete(item);
}

/** A listener's bug must not keep the others from hearing. */
function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // the listener's own problem
  }
}
