// The outward feed of core events to the consoles (renderer, WebSocket clients):
// one subscriber of the internal bus. Only contract events cross, and only with
// contract-valid payloads, like responses do.
import { events as eventSchemas, type EventName, type EventOf } from '../../contract/channels';
import type { Logger } from '../logging/logger';

export type CoreEventListener = <E extends EventName>(event: E, payload: EventOf<E>) => void;

export class ConsoleFeed {
  private readonly listeners = new Set<CoreEventListener>();

  constructor(private readonly logger: Pick<Logger, 'error'>) {}

  /** Adds a console; returns its removal. */
  add(listener: CoreEventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  clear(): void {
    this.listeners.clear();
  }

  /** Forwards a bus topic if it is a contract event; internal topics stay inside. */
  forward(topic: string, payload: unknown): void {
    if (!isContractEvent(topic)) return;
    const checked = eventSchemas[topic].safeParse(payload);
    if (!checked.success) {
      this.logger.error('event dropped: payload does not match the contract', {
        event: topic,
        issues: checked.error.issues,
      });
      return;
    }
    for (const l of [...this.listeners]) {
      try {
        l(topic, checked.data as EventOf<typeof topic>);
      } catch (err) {
        this.logger.error('event listener failed', { event: topic, err });
      }
    }
  }
}

function isContractEvent(topic: string): topic is EventName {
  return Object.prototype.hasOwnProperty.call(eventSchemas, topic);
}
