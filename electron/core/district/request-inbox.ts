// The centre's requests to this station (export requests), read from the
// station's own leaf node: its stream IN_<ID> sources the hub's RQ_<ID>, so a
// request sent while the link was down arrives when it returns, and the station
// reads it locally whatever the link does. A request is acknowledged only after
// the station stored it; a bad one is acknowledged and reported, never retried
// forever.
import type { NatsConnection } from '@nats-io/transport-node';
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type ConsumerMessages,
  type JetStreamManager,
} from '@nats-io/jetstream';
import {
  districtStreams,
  districtSubjects,
  ExportRequest,
  HUB_DOMAIN,
} from '../../contract/district';

const CONSUMER = 'station';

/** IN_<ID> on the leaf, sourcing RQ_<ID> from the hub's domain. */
export async function ensureRequestInbox(jsm: JetStreamManager, stationId: string): Promise<void> {
  const name = districtStreams.stationInbox(stationId);
  const config = {
    name,
    subjects: [] as string[],
    sources: [
      {
        name: districtStreams.stationRequests(stationId),
        external: {
          api: `$JS.${HUB_DOMAIN}.API`,
          deliver: districtSubjects.requestDeliver(stationId),
        },
      },
    ],
    max_age: 400 * 24 * 3600 * 1e9,
  };
  try {
    await jsm.streams.info(name);
  } catch (err) {
    if (!/not found/i.test(String(err))) throw err;
    await jsm.streams.add(config);
  }
  try {
    await jsm.consumers.info(name, CONSUMER);
  } catch (err) {
    if (!/not found/i.test(String(err))) throw err;
    await jsm.consumers.add(name, {
      durable_name: CONSUMER,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: 30 * 1e9,
    });
  }
}

export interface RequestInboxDeps {
  stationId: string;
  nc: NatsConnection;
  /** Stores the request (idempotent by requestId); the message is acked after it resolves. */
  onRequest: (req: ExportRequest) => Promise<void>;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
}

export class RequestInbox {
  private messages: ConsumerMessages | null = null;
  private loop: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly deps: RequestInboxDeps) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.messages?.close();
    await this.loop;
  }

  private async run(): Promise<void> {
    const { nc, stationId } = this.deps;
    let backoff = 1_000;
    while (!this.stopped) {
      try {
        await ensureRequestInbox(await jetstreamManager(nc), stationId);
        const consumer = await jetstream(nc).consumers.get(
          districtStreams.stationInbox(stationId),
          CONSUMER,
        );
        this.messages = await consumer.consume({ max_messages: 16 });
        if (this.stopped) await this.messages.close();
        for await (const m of this.messages) {
          const parsed = ExportRequest.safeParse(safeJson(m.string()));
          if (!parsed.success) {
            this.deps.log?.('district request refused: not an export request', {
              subject: m.subject,
              issues: parsed.error.issues.slice(0, 3),
            });
            m.term();
            continue;
          }
          try {
            await this.deps.onRequest(parsed.data);
            m.ack();
          } catch (err) {
            this.deps.log?.('district request not stored', { error: String(err) });
            m.nak(5_000);
          }
        }
        backoff = 1_000;
      } catch (err) {
        if (this.stopped) break;
        this.deps.log?.('district request inbox failed', { error: String(err) });
        await new Promise((r) => setTimeout(r, backoff));
        backoff = Math.min(backoff * 2, 15_000);
      }
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
