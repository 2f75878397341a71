// Records when a camera was down. An outage opens when its watcher (recorder or
// probe, camera-health.ts) reports reconnecting / offline / auth_failed
// (startedAt = status.since) and closes when it is live again or idle; one open
// outage per camera, whichever stream the watcher reads. An officer may
// acknowledge an outage's alarm once; the acknowledgement belongs to that row,
// so the next outage of the camera rings again.
//
// A restart (update, crash, reboot) is not a new outage: an outage still open
// when the app stops stays open, and at the next start waits for its camera's
// first report. Still down: the same outage goes on, acknowledged or not. Up, or
// the camera gone: it closes at that start — we cannot know when it came back
// while nobody was watching.
import type { OutageAlarm } from '../../contract/outages';
import type {
  Outage,
  StreamErrorKind,
  StreamKind,
  StreamState,
  StreamStatus,
} from '../../contract/schemas';
import type { Database, Queryable } from '../db/database';
import { silentLogger, type Logger } from '../logging/logger';

const DOWN: ReadonlySet<StreamState> = new Set(['reconnecting', 'offline', 'auth_failed']);

export interface OutageLogDeps {
  db: Database;
  /** Whether the camera is still registered (CameraService.exists). */
  cameraExists: (cameraId: string) => Promise<boolean>;
  logger?: Logger;
  now?: () => number;
  /** Told of every outage opened, acknowledged or closed (the outage.changed event). */
  onChange?: (alarm: OutageAlarm) => void;
}

/** Who acknowledges: the signed-in officer. */
export interface Acknowledger {
  id: string;
  name: string;
}

interface OutageRow {
  id: number;
  camera_id: string;
  stream: StreamKind;
  started_at: number;
  ended_at: number | null;
  error_kind: StreamErrorKind | null;
}

interface AlarmRow extends OutageRow {
  ack_officer_id: string | null;
  ack_officer_name: string | null;
  ack_at: number | null;
}

const ALARM_SELECT = `SELECT o.*, a.officer_id AS ack_officer_id, a.officer_name AS ack_officer_name,
  a.at AS ack_at FROM camera_outages o LEFT JOIN camera_outage_acks a ON a.outage_id = o.id`;

function toAlarm(row: AlarmRow): OutageAlarm {
  const acknowledged =
    row.ack_officer_id !== null && row.ack_officer_name !== null && row.ack_at !== null
      ? { at: row.ack_at, officerId: row.ack_officer_id, officerName: row.ack_officer_name }
      : null;
  return { ...toOutage(row), acknowledged };
}

function toOutage(row: OutageRow): Outage {
  return {
    id: row.id,
    cameraId: row.camera_id,
    stream: row.stream,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    errorKind: row.error_kind,
  };
}

export class OutageLog {
  /** cameraId → id of its open outage. */
  private readonly open = new Map<string, number>();
  /** cameraId → its outage left open by the previous run, until the camera first reports. */
  private readonly pending = new Map<string, number>();
  private startedAt = 0;
  /** Status updates are applied one at a time, in arrival order. */
  private chain: Promise<void> = Promise.resolve();
  private readonly log: Logger;
  private readonly now: () => number;

  constructor(private readonly deps: OutageLogDeps) {
    this.log = deps.logger ?? silentLogger;
    this.now = deps.now ?? Date.now;
  }

  /** Takes over the outages the previous run left open (before any status is applied). */
  async start(): Promise<void> {
    const resumed = this.chain.then(() => this.resume());
    this.chain = resumed.catch(() => undefined);
    await resumed;
  }

  /** StatusListener: feed every StreamStatus here. Never throws. */
  onStatus = (status: StreamStatus): void => {
    this.chain = this.chain
      .then(() => this.apply(status))
      .catch((err: unknown) => this.log.error('outage log update failed', { err }));
  };

  /** Resolves once every status received so far has been written. */
  flush(): Promise<void> {
    return this.chain;
  }

  async list(opts: { cameraId?: string; limit: number }): Promise<Outage[]> {
    const rows = opts.cameraId
      ? await this.deps.db.all<OutageRow>(
          'SELECT * FROM camera_outages WHERE camera_id = ? ORDER BY started_at DESC, id DESC LIMIT ?',
          [opts.cameraId, opts.limit],
        )
      : await this.deps.db.all<OutageRow>(
          'SELECT * FROM camera_outages ORDER BY started_at DESC, id DESC LIMIT ?',
          [opts.limit],
        );
    return rows.map(toOutage);
  }

  /**
   * Outages that overlap [fromMs, toMs] (ends included; one still open overlaps
   * whatever came after its start), by camera then start, at most `limit`.
   * `q`: read inside the caller's transaction.
   */
  async overlapping(
    fromMs: number,
    toMs: number,
    limit: number,
    q: Queryable = this.deps.db,
  ): Promise<Outage[]> {
    const rows = await q.all<OutageRow>(
      `SELECT * FROM camera_outages
       WHERE started_at <= ? AND (ended_at IS NULL OR ended_at >= ?)
       ORDER BY camera_id, started_at, id LIMIT ?`,
      [toMs, fromMs, limit],
    );
    return rows.map(toOutage);
  }

  /** The outages still open, oldest first, with their acknowledgements. */
  async openAlarms(): Promise<OutageAlarm[]> {
    const rows = await this.deps.db.all<AlarmRow>(
      `${ALARM_SELECT} WHERE o.ended_at IS NULL ORDER BY o.started_at, o.id`,
    );
    return rows.map(toAlarm);
  }

  /**
   * Silences outage `id`'s alarm. `fresh` is false when it was already
   * acknowledged (the first acknowledgement stands) or unknown (`alarm` null).
   */
  async acknowledge(
    id: number,
    by: Acknowledger,
  ): Promise<{ alarm: OutageAlarm | null; fresh: boolean }> {
    const result = await this.deps.db.run(
      `INSERT INTO camera_outage_acks (outage_id, officer_id, officer_name, at)
       SELECT id, ?, ?, ? FROM camera_outages WHERE id = ?
       ON CONFLICT (outage_id) DO NOTHING`,
      [by.id, by.name, this.now(), id],
    );
    const alarm = await this.alarm(id);
    if (alarm && result.changes > 0) this.deps.onChange?.(alarm);
    return { alarm, fresh: result.changes > 0 };
  }

  /**
   * Closes the open outages of removed cameras now: their rows stay for the handover
   * and reports, and their alarms stop.
   */
  async closeForRemoved(cameraIds: readonly string[]): Promise<void> {
    await this.flush();
    const at = this.now();
    for (const cameraId of cameraIds) {
      const rows = await this.deps.db.all<{ id: number }>(
        'SELECT id FROM camera_outages WHERE camera_id = ? AND ended_at IS NULL',
        [cameraId],
      );
      this.open.delete(cameraId);
      this.pending.delete(cameraId);
      for (const { id } of rows) await this.close(id, at);
    }
  }

  /** Open outages stay open: the next start goes on with them or closes them. */
  async dispose(): Promise<void> {
    await this.flush();
    this.open.clear();
    this.pending.clear();
  }

  private async resume(): Promise<void> {
    this.startedAt = this.now();
    const rows = await this.deps.db.all<{ id: number; camera_id: string }>(
      'SELECT id, camera_id FROM camera_outages WHERE ended_at IS NULL ORDER BY started_at, id',
    );
    for (const { id, camera_id: cameraId } of rows) {
      // One open outage per camera: an older one (an older build's) ends here.
      const older = this.pending.get(cameraId);
      if (older !== undefined) await this.close(older, this.startedAt);
      if (await this.deps.cameraExists(cameraId)) this.pending.set(cameraId, id);
      else await this.close(id, this.startedAt);
    }
    if (rows.length > 0)
      this.log.info('outages left open by the previous run wait for their camera', {
        count: this.pending.size,
      });
  }

  private async apply(status: StreamStatus): Promise<void> {
    const key = status.cameraId;
    const pendingId = this.pending.get(key);
    if (pendingId !== undefined) {
      // The camera's first report since start decides whether its outage went on.
      if (DOWN.has(status.state)) {
        this.pending.delete(key);
        this.open.set(key, pendingId);
      } else if (status.state === 'live' || status.state === 'idle') {
        this.pending.delete(key);
        await this.close(pendingId, this.startedAt);
      }
    }
    const openId = this.open.get(key);
    if (DOWN.has(status.state)) {
      if (openId === undefined) {
        // A camera removed while its stream was still winding down.
        if (!(await this.deps.cameraExists(status.cameraId))) return;
        const r = await this.deps.db.run(
          'INSERT INTO camera_outages (camera_id, stream, started_at, ended_at, error_kind) VALUES (?, ?, ?, NULL, ?)',
          [status.cameraId, status.stream, status.since, status.errorKind],
        );
        this.open.set(key, r.lastId);
        await this.changed(r.lastId);
      } else if (status.errorKind !== null) {
        // Keep the most telling reason (e.g. reconnecting/unknown → offline/unreachable).
        await this.deps.db.run(
          'UPDATE camera_outages SET error_kind = ? WHERE id = ? AND (error_kind IS NOT ? )',
          [status.errorKind, openId, status.errorKind],
        );
      }
      return;
    }
    if (openId !== undefined && (status.state === 'live' || status.state === 'idle')) {
      this.open.delete(key);
      await this.close(openId, Math.max(status.since, 0));
    }
  }

  private async close(id: number, at: number): Promise<void> {
    await this.deps.db.run('UPDATE camera_outages SET ended_at = ? WHERE id = ?', [at, id]);
    await this.changed(id);
  }

  private async alarm(id: number): Promise<OutageAlarm | null> {
    const row = await this.deps.db.get<AlarmRow>(`${ALARM_SELECT} WHERE o.id = ?`, [id]);
    return row ? toAlarm(row) : null;
  }

  private async changed(id: number): Promise<void> {
    const listener = this.deps.onChange;
    if (!listener) return;
    const alarm = await this.alarm(id);
    if (alarm) listener(alarm);
  }
}
