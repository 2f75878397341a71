// Records what a camera hides while its stream stays up: a black, frozen, covered or
// turned picture (the tamper detector, or the camera's own events) and a clock that is
// off (clock readings). The sibling of the outage log: at most one open alarm per
// camera and kind, an officer acknowledges it once, the rows outlive the camera for the
// handover. Opens and closes are applied one at a time, in call order.
//
// A restart is not a new alarm: one still open stays open, and its source decides at
// the next start whether it goes on (it reports the kind again) or ends (it closes it).
import type {
  CameraAlarmEntry,
  CameraAlarmKind,
  CameraAlarmSource,
} from '../../contract/camera-alarms';
import type { Database, Queryable } from '../db/database';
import { silentLogger, type Logger } from '../logging/logger';
import type { Acknowledger } from './outage-log';

export type AlarmDetail = CameraAlarmEntry['detail'];

/** What the detector and the clock service need of the log. */
export interface CameraAlarmSink {
  /** Opens the camera's alarm of this kind unless one is open already. */
  open(
    cameraId: string,
    kind: CameraAlarmKind,
    source: CameraAlarmSource,
    detail: AlarmDetail,
  ): Promise<void>;
  /** Closes the camera's open alarm of this kind, if any. */
  close(cameraId: string, kind: CameraAlarmKind): Promise<void>;
}

export interface CameraAlarmLogDeps {
  db: Database;
  /** Whether the camera is still registered: a removed camera's late report opens nothing. */
  cameraExists: (cameraId: string) => Promise<boolean>;
  logger?: Logger;
  now?: () => number;
  /** Told of every alarm opened, acknowledged or closed (the alarm.changed event). */
  onChange?: (alarm: CameraAlarmEntry) => void;
}

interface AlarmRow {
  id: number;
  camera_id: string;
  kind: CameraAlarmKind;
  source: CameraAlarmSource;
  started_at: number;
  ended_at: number | null;
  detail: string;
  ack_officer_id: string | null;
  ack_officer_name: string | null;
  ack_at: number | null;
}

const SELECT = `SELECT a.*, k.officer_id AS ack_officer_id, k.officer_name AS ack_officer_name,
  k.at AS ack_at FROM camera_alarms a LEFT JOIN camera_alarm_acks k ON k.alarm_id = a.id`;

function parseDetail(json: string): AlarmDetail {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as AlarmDetail)
      : {};
  } catch {
    return {};
  }
}

function toEntry(row: AlarmRow): CameraAlarmEntry {
  const acknowledged =
    row.ack_officer_id !== null && row.ack_officer_name !== null && row.ack_at !== null
      ? { at: row.ack_at, officerId: row.ack_officer_id, officerName: row.ack_officer_name }
      : null;
  return {
    id: row.id,
    cameraId: row.camera_id,
    kind: row.kind,
    source: row.source,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    detail: parseDetail(row.detail),
    acknowledged,
  };
}

const key = (cameraId: string, kind: CameraAlarmKind): string => `${cameraId}\u0000${kind}`;

export class CameraAlarmLog implements CameraAlarmSink {
  /** camera+kind → id of its open alarm. */
  private readonly openIds = new Map<string, number>();
  private chain: Promise<unknown> = Promise.resolve();
  private readonly log: Logger;
  private readonly now: () => number;

  constructor(private readonly deps: CameraAlarmLogDeps) {
    this.log = deps.logger ?? silentLogger;
    this.now = deps.now ?? Date.now;
  }

  /** Takes over the alarms the previous run left open; closes those of cameras removed meanwhile. */
  start(): Promise<void> {
    return this.serial(async () => {
      const rows = await this.deps.db.all<{ id: number; camera_id: string; kind: CameraAlarmKind }>(
        'SELECT id, camera_id, kind FROM camera_alarms WHERE ended_at IS NULL ORDER BY started_at, id',
      );
      const at = this.now();
      for (const row of rows) {
        const k = key(row.camera_id, row.kind);
        const older = this.openIds.get(k);
        // One open alarm per camera and kind: an older one (an older build's) ends here.
        if (older !== undefined) await this.end(older, at);
        if (await this.deps.cameraExists(row.camera_id)) this.openIds.set(k, row.id);
        else await this.end(row.id, at);
      }
      if (this.openIds.size > 0)
        this.log.info('camera alarms left open by the previous run go on', {
          count: this.openIds.size,
        });
    });
  }

  open(
    cameraId: string,
    kind: CameraAlarmKind,
    source: CameraAlarmSource,
    detail: AlarmDetail,
  ): Promise<void> {
    return this.serial(async () => {
      const k = key(cameraId, kind);
      if (this.openIds.has(k)) return;
      if (!(await this.deps.cameraExists(cameraId))) return;
      const r = await this.deps.db.run(
        'INSERT INTO camera_alarms (camera_id, kind, source, started_at, ended_at, detail) VALUES (?, ?, ?, ?, NULL, ?)',
        [cameraId, kind, source, this.now(), JSON.stringify(detail)],
      );
      this.openIds.set(k, r.lastId);
      await this.changed(r.lastId);
    });
  }

  close(cameraId: string, kind: CameraAlarmKind): Promise<void> {
    return this.serial(async () => {
      const k = key(cameraId, kind);
      const id = this.openIds.get(k);
      if (id === undefined) return;
      this.openIds.delete(k);
      await this.end(id, this.now());
    });
  }

  /** The kinds open now for a camera (the detector resumes them after a restart). */
  openKinds(cameraId: string): CameraAlarmKind[] {
    const prefix = `${cameraId}\u0000`;
    return [...this.openIds.keys()]
      .filter((k) => k.startsWith(prefix))
      .map((k) => k.slice(prefix.length) as CameraAlarmKind);
  }

  /** Closes the open alarms of removed cameras now; their rows stay for the handover. */
  closeForRemoved(cameraIds: readonly string[]): Promise<void> {
    return this.serial(async () => {
      const at = this.now();
      for (const cameraId of cameraIds) {
        const rows = await this.deps.db.all<{ id: number; kind: CameraAlarmKind }>(
          'SELECT id, kind FROM camera_alarms WHERE camera_id = ? AND ended_at IS NULL',
          [cameraId],
        );
        for (const { id, kind } of rows) {
          this.openIds.delete(key(cameraId, kind));
          await this.end(id, at);
        }
      }
    });
  }

  /**
   * Silences alarm `id`. `fresh` is false when it was already acknowledged (the first
   * acknowledgement stands) or is unknown (`alarm` null).
   */
  async acknowledge(
    id: number,
    by: Acknowledger,
  ): Promise<{ alarm: CameraAlarmEntry | null; fresh: boolean }> {
    const result = await this.deps.db.run(
      `INSERT INTO camera_alarm_acks (alarm_id, officer_id, officer_name, at)
       SELECT id, ?, ?, ? FROM camera_alarms WHERE id = ?
       ON CONFLICT (alarm_id) DO NOTHING`,
      [by.id, by.name, this.now(), id],
    );
    const alarm = await this.entry(id);
    if (alarm && result.changes > 0) this.deps.onChange?.(alarm);
    return { alarm, fresh: result.changes > 0 };
  }

  /** The alarms still open, oldest first. */
  async openAlarms(): Promise<CameraAlarmEntry[]> {
    const rows = await this.deps.db.all<AlarmRow>(
      `${SELECT} WHERE a.ended_at IS NULL ORDER BY a.started_at, a.id`,
    );
    return rows.map(toEntry);
  }

  /** The log, newest first: a camera's or all, optionally those overlapping [fromMs, toMs]. */
  async list(opts: {
    cameraId?: string | undefined;
    fromMs?: number | undefined;
    toMs?: number | undefined;
    limit: number;
  }): Promise<CameraAlarmEntry[]> {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (opts.cameraId !== undefined) {
      where.push('a.camera_id = ?');
      args.push(opts.cameraId);
    }
    if (opts.toMs !== undefined) {
      where.push('a.started_at <= ?');
      args.push(opts.toMs);
    }
    if (opts.fromMs !== undefined) {
      where.push('(a.ended_at IS NULL OR a.ended_at >= ?)');
      args.push(opts.fromMs);
    }
    const rows = await this.deps.db.all<AlarmRow>(
      `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY a.started_at DESC, a.id DESC LIMIT ?`,
      [...args, opts.limit],
    );
    return rows.map(toEntry);
  }

  /**
   * Alarms that overlap [fromMs, toMs] (one still open overlaps whatever came after its
   * start), by camera then start; `q` reads inside the caller's transaction.
   */
  async overlapping(
    fromMs: number,
    toMs: number,
    limit: number,
    q: Queryable = this.deps.db,
  ): Promise<CameraAlarmEntry[]> {
    const rows = await q.all<AlarmRow>(
      `${SELECT} WHERE a.started_at <= ? AND (a.ended_at IS NULL OR a.ended_at >= ?)
       ORDER BY a.camera_id, a.started_at, a.id LIMIT ?`,
      [toMs, fromMs, limit],
    );
    return rows.map(toEntry);
  }

  /** Resolves once every open and close asked for so far is written. */
  async flush(): Promise<void> {
    await this.chain.catch(() => undefined);
  }

  /** Open alarms stay open: the next start goes on with them. */
  async dispose(): Promise<void> {
    await this.flush();
    this.openIds.clear();
  }

  private serial(step: () => Promise<void>): Promise<void> {
    const next = this.chain.catch(() => undefined).then(step);
    this.chain = next.catch((err: unknown) =>
      this.log.error('camera alarm log update failed', { err }),
    );
    return next;
  }

  private async end(id: number, at: number): Promise<void> {
    await this.deps.db.run(
      'UPDATE camera_alarms SET ended_at = ? WHERE id = ? AND ended_at IS NULL',
      [at, id],
    );
    await this.changed(id);
  }

  private async entry(id: number): Promise<CameraAlarmEntry | null> {
    const row = await this.deps.db.get<AlarmRow>(`${SELECT} WHERE a.id = ?`, [id]);
    return row ? toEntry(row) : null;
  }

  private async changed(id: number): Promise<void> {
    const listener = this.deps.onChange;
    if (!listener) return;
    const alarm = await this.entry(id);
    if (alarm) listener(alarm);
  }
}

/** A camera's alarms overlapping [fromMs, toMs] as playback marks them, oldest first (bounded). */
export async function alarmMarkers(
  q: Queryable,
  cameraId: string,
  fromMs: number,
  toMs: number,
  limit = 500,
): Promise<{ kind: CameraAlarmKind; startMs: number; endMs: number | null }[]> {
  const rows = await q.all<{ kind: CameraAlarmKind; started_at: number; ended_at: number | null }>(
    `SELECT kind, started_at, ended_at FROM camera_alarms
     WHERE camera_id = ? AND started_at <= ? AND (ended_at IS NULL OR ended_at >= ?)
     ORDER BY started_at, id LIMIT ?`,
    [cameraId, toMs, fromMs, limit],
  );
  return rows.map((r) => ({ kind: r.kind, startMs: r.started_at, endMs: r.ended_at }));
}
