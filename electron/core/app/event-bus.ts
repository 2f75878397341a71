// The core's internal event bus: services publish what happened, other services
// and the outward feed to the consoles react by subscribing, so no publisher
// knows its listeners. Delivery is synchronous and in subscription order; a
// subscriber that throws (or whose promise rejects) is logged and the others
// still run: a publisher never fails because of a listener.
import type { Logger } from '../logging/logger';

export type Handler<P> = (payload: P) => void | Promise<void>;
export type AnyHandler<T> = <K extends keyof T & string>(topic: K, payload: T[K]) => void;

export class EventBus<T extends object> {
  private readonly byTopic = new Map<keyof T, Set<Handler<never>>>();
  private readonly everything = new Set<AnyHandler<T>>();

  constructor(private readonly logger: Pick<Logger, 'error'>) {}

  /** Calls `handler` with every payload published on `topic`; returns the unsubscribe. */
  subscribe<K extends keyof T & string>(topic: K, handler: Handler<T[K]>): () => void {
    let set = this.byTopic.get(topic);
    if (!set) {
      set = new Set();
      this.byTopic.set(topic, set);
    }
    const entry = handler as Handler<never>;
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  }

  /** Every topic, after its own subscribers: for feeds that forward events elsewhere. */
  subscribeAll(handler: AnyHandler<T>): () => void {
    this.everything.add(handler);
    return () => {
      this.everything.delete(handler);
    };
  }

  publish<K extends keyof T & string>(topic: K, payload: T[K]): void {
    for (const handler of [...(this.byTopic.get(topic) ?? [])])
      this.deliver(topic, () => (handler as Handler<T[K]>)(payload));
    for (const handler of [...this.everything]) this.deliver(topic, () => handler(topic, payload));
  }

  private deliver(topic: string, call: () => void | Promise<void>): void {
    try {
      const result = call();
      if (result instanceof Promise)
        result.catch((err: unknown) =>
          this.logger.error('event subscriber failed', { topic, err }),
        );
    } catch (err) {
      this.logger.error('event subscriber failed', { topic, err });
    }
  }
}
