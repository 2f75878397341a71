// The centre's durable pull consumer on DISTRICT: every message goes to the read model,
// and is acked only after the model committed it (or refused it as a duplicate or a bad
// message, which are kept aside, not retried). A database error naks it for a retry.
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type ConsumerMessages,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { districtStreams } from '../../electron/contract/district';
import type { ReadModel } from './read-model';

export const CENTRE_CONSUMER = 'centre';

export class DistrictConsumer {
  private messages: ConsumerMessages | null = null;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly nc: NatsConnection,
    private readonly model: ReadModel,
    private readonly log: { warn(m: string): void },
  ) {}

  async start(): Promise<void> {
    const jsm = await jetstreamManager(this.nc);
    try {
      await jsm.consumers.info(districtStreams.district, CENTRE_CONSUMER);
    } catch {
      await jsm.consumers.add(districtStreams.district, {
        durable_name: CENTRE_CONSUMER,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        max_ack_pending: 1_000,
      });
    }
    const consumer = await jetstream(this.nc).consumers.get(
      districtStreams.district,
      CENTRE_CONSUMER,
    );
    const messages = await consumer.consume({ max_messages: 200 });
    this.messages = messages;
    this.loop = (async () => {
      try {
        for await (const m of messages) {
          try {
            await this.model.receive(m.subject, m.data);
            m.ack();
          } catch (err) {
            this.log.warn(
              `district message ${m.subject} not applied, retried later: ${String(err)}`,
            );
            m.nak(5_000);
          }
        }
      } catch (err) {
        // The iterator ends with an error when the consumer is gone for good: say so, never crash.
        this.log.warn(`district consumer stopped: ${String(err)}`);
      }
    })();
  }

  async dispose(): Promise<void> {
    await this.messages?.close();
    await this.loop;
  }
}
