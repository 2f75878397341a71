// A scripted main for renderer tests: the real `createApi` over a transport that
// checks every request, answer and event against the contract's zod schemas, so a
// fake can neither accept what main would refuse nor answer what main never could.
import type { z } from 'zod';
import type { Transport } from '../../electron/contract/api';
import {
  channels,
  events,
  type Channel,
  type EventName,
  type EventOf,
  type ParsedRequestOf,
  type ResponseOf,
} from '../../electron/contract/channels';

export type FakeHandlers = {
  [C in Channel]?: (payload: ParsedRequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;
};

export interface FakeTransport extends Transport {
  /** Every call in order, with the payload as the renderer sent it. */
  readonly calls: { channel: Channel; payload: unknown }[];
  /** Sends an event as main would; its payload is checked against the contract. */
  emit<E extends EventName>(event: E, payload: EventOf<E>): void;
}

/** A request, answer or event the contract does not allow: a bug in the code or the fake. */
export class ContractViolation extends Error {
  override name = 'ContractViolation';
}

function checked<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new ContractViolation(`${what}: ${r.error.message}`);
  return r.data;
}

/** A channel without a handler throws: the code under test called what the test did not expect. */
export function fakeTransport(handlers: FakeHandlers): FakeTransport {
  const calls: FakeTransport['calls'] = [];
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  return {
    calls,
    async invoke(channel, payload) {
      calls.push({ channel, payload });
      const contract = channels[channel];
      const request = checked(contract.request, payload, `request of ${channel}`);
      const handler = handlers[channel] as ((p: unknown) => unknown) | undefined;
      if (!handler) throw new Error(`unexpected call of ${channel}`);
      const answer = await handler(request);
      return checked(contract.response, answer, `answer of ${channel}`) as ResponseOf<
        typeof channel
      >;
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    emit(event, payload) {
      const parsed = checked(events[event], payload, `event ${event}`);
      for (const l of listeners.get(event) ?? []) (l as (p: unknown) => void)(parsed);
    },
  };
}
