// Moves outbox rows, in order, into the station's event stream on its own leaf
// node. Each row is published with a stable message id (<station>:<seq>) and
// marked published only after JetStream acknowledged it, so a restart between
// the two re-sends a row the stream then drops as a duplicate; at start the last
// row the stream already holds is read back, so even a re-send after the
// duplicate window is never stored twice. From the leaf, the hub's stream
// sources these messages whenever the link is up: the engine, not this code,
// carries them to the centre.
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import {
  DistrictEnvelope,
  districtMessageId,
  districtStreams,
  districtSubjects,
  type DistrictEventKind,
} from '../../contract/district';

export interface PublishableRow {
  seq: number;
  kind: DistrictEventKind;
  at: number;
  /** JSON of the event's data, as the outbox stored it. */
  payload: string;
}

/** What the publisher needs of the outbox table (outbox-store.ts implements it). */
export interface PublisherSource {
  /** Rows with seq > afterSeq in seq order, published or not: the leaf's store is the truth. */
  pending(afterSeq: number, limit: number): Promise<PublishableRow[]>;
  markPublished(uptoSeq: number, at: number): Promise<void>;
  /** The highest seq the outbox ever gave (0 when none). */
  maxSeq(): Promise<number>;
}

/** The leaf holds events the outbox never wrote: the station database went back in time. */
export class OutboxBehindStream extends Error {
  constructor(
    readonly stored: number,
    readonly outbox: number,
  ) {
    super(
      `Dữ liệu trạm cũ hơn những gì đã gửi trung tâm (đã gửi tới sự kiện ${stored}, trạm chỉ có tới ${outbox}), ` +
        'có thể do khôi phục bản sao lưu. Việc gửi đã dừng để không gửi trùng số; xin báo kỹ thuật viên. ' +
        `/ The outbox (${outbox}) is behind the stream (${stored}); publishing stopped.`,
    );
    this.name = 'OutboxBehindStream';
  }
}

export interface PublisherDeps {
  stationId: string;
  nc: NatsConnection;
  source: PublisherSource;
  now?: () => number;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
  /** Rows per read; one ack is awaited per row (order matters more than speed here). */
  batch?: number;
  /** Idle wait between polls when nothing nudges. */
  idleMs?: number;
}

const DUPLICATE_WINDOW_NS = 2 * 3600 * 1e9;
const MAX_AGE_NS = 30 * 24 * 3600 * 1e9;
const MAX_BYTES = 512 * 1024 * 1024;

/** The station's event stream on its leaf node, created or brought to this config. */
export async function ensureStationStream(jsm: JetStreamManager, stationId: string): Promise<void> {
  const name = districtStreams.stationEvents(stationId);
  const config = {
    name,
    subjects: [districtSubjects.events(stationId)],
    duplicate_window: DUPLICATE_WINDOW_NS,
    max_age: MAX_AGE_NS,
    max_bytes: MAX_BYTES,
  };
  try {
    await jsm.streams.info(name);
    await jsm.streams.update(name, config);
  } catch (err) {
    if (!/not found/i.test(String(err))) throw err;
    await jsm.streams.add(config);
  }
}

/** The outbox seq of the newest message the station stream holds (0 when empty). */
export async function lastStoredSeq(jsm: JetStreamManager, stationId: string): Promise<number> {
  const name = districtStreams.stationEvents(stationId);
  const info = await jsm.streams.info(name);
  if (info.state.messages === 0) return 0;
  const msg = await jsm.streams.getMessage(name, { seq: info.state.last_seq });
  if (!msg) return 0;
  const env = DistrictEnvelope.safeParse(msg.json());
  return env.success ? env.data.seq : 0;
}

export class OutboxPublisher {
  private stopped = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private lastSeq = 0;
  private lastError: string | null = null;

  constructor(private readonly deps: PublisherDeps) {}

  /** Resyncs with the stream, then publishes until stop(). */
  start(): void {
    this.loop ??= this.run();
  }

  /** Something was written to the outbox: publish now instead of at the next poll. */
  nudge(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }

  state(): { lastPublishedSeq: number; error: string | null } {
    return { lastPublishedSeq: this.lastSeq, error: this.lastError };
  }

  private async run(): Promise<void> {
    const { nc, stationId, source } = this.deps;
    const now = this.deps.now ?? Date.now;
    const js = jetstream(nc);
    let backoff = 500;
    let synced = false;
    while (!this.stopped) {
      try {
        if (!synced) {
          const jsm = await jetstreamManager(nc);
          await ensureStationStream(jsm, stationId);
          const stored = await lastStoredSeq(jsm, stationId);
          // A restored database would re-use seqs the centre already holds: stop and say so.
          const highest = await source.maxSeq();
          if (stored > highest) throw new OutboxBehindStream(stored, highest);
          if (stored > 0) await source.markPublished(stored, now());
          this.lastSeq = stored;
          synced = true;
        }
        const rows = await source.pending(this.lastSeq, this.deps.batch ?? 200);
        for (const row of rows) {
          if (this.stopped) break;
          const envelope: DistrictEnvelope = {
            v: 1,
            station: stationId,
            seq: row.seq,
            kind: row.kind,
            at: row.at,
            data: JSON.parse(row.payload) as Record<string, unknown>,
          };
          const h = natsHeaders();
          h.set('Station-Seq', String(row.seq));
          await js.publish(districtSubjects.event(stationId, row.kind), JSON.stringify(envelope), {
            msgID: districtMessageId(stationId, row.seq),
            headers: h,
            timeout: 5_000,
          });
          // Marked one by one: a stop between rows leaves nothing published unmarked for long.
          await source.markPublished(row.seq, now());
          this.lastSeq = row.seq;
        }
        this.lastError = null;
        backoff = 500;
        if (rows.length === 0) await this.idle(this.deps.idleMs ?? 2_000);
      } catch (err) {
        this.lastError = err instanceof Error ? err.message : String(err);
        this.deps.log?.('district outbox publish failed', { error: this.lastError });
        if (err instanceof OutboxBehindStream) {
          this.stopped = true;
          break;
        }
        synced = false;
        await this.idle(backoff);
        backoff = Math.min(backoff * 2, 10_000);
      }
    }
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }
}
