// SQL access to the recording index: segments, gaps, locks, the event log and
// per-camera recording settings. No policy here — the service, reconciler and
// retention decide; this class only reads and writes rows.
import type { StreamKind } from '../../contract/schemas';
import type { Database, Queryable, SqlValue } from '../db/database';
import { decodeKeyframes, encodeKeyframes, type KeyframeIndex } from './keyframe-index';
import { addFootageLock, allFootageLocks, removeFootageLock } from './footage-locks';
import { decodeSecondBytes, encodeSecondBytes } from './second-bytes';
import type {
  Gap,
  GapReason,
  Lock,
  LockInput,
  NewRecording,
  Recording,
  RecordingEvent,
  RecordingEventKind,
  RecordingStatus,
  StorageRoot,
  Timeline,
} from './recording-types';
import type { StreamErrorKind } from '../../contract/schemas';

/** No recording is longer than this; lets the timeline bound start_ms on both sides. */
export const MAX_RECORDING_MS = 15 * 60_000;

interface RecordingRow {
  id: number;
  camera_id: string;
  stream: StreamKind;
  start_ms: number;
  end_ms: number;
  bytes: number;
  path: string;
  status: RecordingStatus;
  codec: string | null;
  root_id: number | null;
}

export interface GapRow {
  id: number;
  camera_id: string;
  stream: StreamKind;
  start_ms: number;
  end_ms: number | null;
  reason: GapReason;
  error_kind: StreamErrorKind | null;
}

interface EventRow {
  id: number;
  at_ms: number;
  kind: RecordingEventKind;
  camera_id: string | null;
  stream: StreamKind | null;
  detail_json: string;
}

export interface CameraRecordingSettings {
  cameraId: string;
  enabled: boolean;
  stream: StreamKind;
  maxAgeDays: number | null;
}

const REC_COLS = 'id, camera_id, stream, start_ms, end_ms, bytes, path, status, codec, root_id';

function toRecording(r: RecordingRow): Recording {
  return {
    id: r.id,
    cameraId: r.camera_id,
    stream: r.stream,
    startMs: r.start_ms,
    endMs: r.end_ms,
    bytes: r.bytes,
    path: r.path,
    status: r.status,
    codec: r.codec,
    rootId: r.root_id,
  };
}

export function toGap(r: GapRow): Gap {
  return {
    id: r.id,
    cameraId: r.camera_id,
    stream: r.stream,
    startMs: r.start_ms,
    endMs: r.end_ms,
    reason: r.reason,
    errorKind: r.error_kind,
  };
}

/** A lock covering any part of recording r (alias r) keeps it from retention. */
const LOCKED = `EXISTS (SELECT 1 FROM recording_locks l
  WHERE (l.camera_id IS NULL OR l.camera_id = r.camera_id) AND l.start_ms < r.end_ms AND l.end_ms > r.start_ms)`;

export class RecordingIndex {
  constructor(private readonly db: Queryable) {}

  // ---- recordings ----------------------------------------------------------

  /**
   * Inserts a filed segment's row, and its keyframe index in the same transaction so a
   * row never exists half-indexed (playback would fetch whole files for it forever).
   */
  async insertRecording(rec: NewRecording, indexedAt: number): Promise<Recording> {
    const keyframes = rec.keyframes;
    if (!keyframes) return this.insertRow(this.db, rec, indexedAt);
    return this.inTransaction(async (tx) => {
      const recording = await this.insertRow(tx, rec, indexedAt);
      await writeKeyframes(tx, recording.id, keyframes);
      return recording;
    });
  }

  private async insertRow(db: Queryable, rec: NewRecording, indexedAt: number): Promise<Recording> {
    const res = await db.run(
      `INSERT INTO recordings (camera_id, stream, start_ms, end_ms, bytes, path, status, codec, run_id, seq, second_bytes, indexed_at, root_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        rec.cameraId,
        rec.stream,
        rec.startMs,
        rec.endMs,
        rec.bytes,
        rec.path,
        rec.status,
        rec.codec,
        rec.runId,
        rec.seq,
        encodeSecondBytes(rec.secondBytes),
        indexedAt,
        rec.rootId,
      ],
    );
    return { ...pickRecording(rec), id: res.lastId };
  }

  /** Runs `fn` in a transaction, or directly when this index already works inside one. */
  private inTransaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const db = this.db as Queryable & Partial<Pick<Database, 'transaction'>>;
    return db.transaction ? db.transaction(fn) : fn(this.db);
  }

  /** A segment's keyframe index; null when it has none (or the stored one is unreadable). */
  async keyframeIndex(recordingId: number): Promise<KeyframeIndex | null> {
    const row = await this.db.get<{ init_end: number; entries: Buffer }>(
      'SELECT init_end, entries FROM recording_keyframes WHERE recording_id = ?',
      [recordingId],
    );
    if (!row) return null;
    try {
      return decodeKeyframes(row.init_end, row.entries);
    } catch {
      return null; // a damaged blob costs a whole-file load, never a wrong offset
    }
  }

  /** Stores the index of an already indexed segment (backfill); nothing when the row is gone. */
  async setKeyframeIndex(recordingId: number, index: KeyframeIndex): Promise<void> {
    await writeKeyframes(this.db, recordingId, index);
  }

  /**
   * Playable rows with ids in (afterId, throughId] that have no keyframe index, in id
   * order: the backfill walks the table in windows of ids so a pass stays bounded.
   */
  async recordingsWithoutKeyframes(
    afterId: number,
    throughId: number,
    limit: number,
  ): Promise<Recording[]> {
    const rows = await this.db.all<RecordingRow>(
      `SELECT ${REC_COLS} FROM recordings r
       WHERE id > ? AND id <= ? AND status IN ('complete', 'recovered') AND root_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM recording_keyframes k WHERE k.recording_id = r.id)
       ORDER BY id LIMIT ?`,
      [afterId, throughId, limit],
    );
    return rows.map(toRecording);
  }

  async maxRecordingId(): Promise<number> {
    const row = await this.db.get<{ id: number | null }>('SELECT MAX(id) AS id FROM recordings');
    return row?.id ?? 0;
  }

  async recordingByPath(path: string): Promise<Recording | undefined> {
    const row = await this.db.get<RecordingRow>(
      `SELECT ${REC_COLS} FROM recordings WHERE path = ?`,
      [path],
    );
    return row ? toRecording(row) : undefined;
  }

  async recordingById(id: number): Promise<Recording | undefined> {
    const row = await this.db.get<RecordingRow>(`SELECT ${REC_COLS} FROM recordings WHERE id = ?`, [
      id,
    ]);
    return row ? toRecording(row) : undefined;
  }

  /** Latest end of indexed footage of a camera (any status but quarantined). */
  async lastEnd(cameraId: string): Promise<number | null> {
    // Bounded: the row that ends last started at most MAX_RECORDING_MS before the last start.
    const row = await this.db.get<{ end_ms: number | null }>(
      `SELECT MAX(end_ms) AS end_ms FROM recordings
       WHERE camera_id = ? AND status != 'quarantined'
         AND start_ms >= (SELECT MAX(start_ms) FROM recordings WHERE camera_id = ?) - ?`,
      [cameraId, cameraId, MAX_RECORDING_MS],
    );
    return row?.end_ms ?? null;
  }

  /** Start of a camera's first indexed footage at or after `ms` (any status but quarantined). */
  async firstStartFrom(cameraId: string, ms: number): Promise<number | null> {
    const row = await this.db.get<{ start_ms: number | null }>(
      `SELECT MIN(start_ms) AS start_ms FROM recordings
       WHERE camera_id = ? AND start_ms >= ? AND status != 'quarantined'`,
      [cameraId, ms],
    );
    return row?.start_ms ?? null;
  }

  async setStatus(id: number, status: RecordingStatus): Promise<void> {
    await this.db.run('UPDATE recordings SET status = ? WHERE id = ?', [status, id]);
  }

  async deleteRecording(id: number): Promise<void> {
    await this.db.run('DELETE FROM recordings WHERE id = ?', [id]);
  }

  /** Camera-hours (UTC, hours since epoch) of a root that hold live footage, for reconciliation. */
  async hourBuckets(rootId: number): Promise<{ cameraId: string; hour: number }[]> {
    const rows = await this.db.all<{ camera_id: string; hour: number }>(
      `SELECT DISTINCT camera_id, start_ms / 3600000 AS hour FROM recordings
       WHERE root_id = ? AND status IN ('complete', 'recovered') ORDER BY camera_id, hour`,
      [rootId],
    );
    return rows.map((r) => ({ cameraId: r.camera_id, hour: r.hour }));
  }

  /** Recordings of a camera in one root starting in [fromMs, toMs), any status. */
  async startingIn(
    cameraId: string,
    fromMs: number,
    toMs: number,
    rootId: number,
  ): Promise<Recording[]> {
    const rows = await this.db.all<RecordingRow>(
      `SELECT ${REC_COLS} FROM recordings WHERE camera_id = ? AND start_ms >= ? AND start_ms < ? AND root_id = ? ORDER BY start_ms, id`,
      [cameraId, fromMs, toMs, rootId],
    );
    return rows.map(toRecording);
  }

  async activity(
    cameraId: string,
    fromMs: number,
    toMs: number,
  ): Promise<{ startMs: number; secondBytes: number[] }[]> {
    const rows = await this.db.all<{ start_ms: number; second_bytes: Buffer }>(
      `SELECT start_ms, second_bytes FROM recordings
       WHERE camera_id = ? AND start_ms > ? AND start_ms < ? AND end_ms > ? ORDER BY start_ms, id`,
      [cameraId, fromMs - MAX_RECORDING_MS, toMs, fromMs],
    );
    return rows.map((r) => ({
      startMs: r.start_ms,
      secondBytes: decodeSecondBytes(r.second_bytes),
    }));
  }

  // ---- timeline ------------------------------------------------------------

  async timeline(cameraId: string, fromMs: number, toMs: number): Promise<Timeline> {
    const recs = await this.db.all<RecordingRow>(
      `SELECT ${REC_COLS} FROM recordings
       WHERE camera_id = ? AND start_ms > ? AND start_ms < ? AND end_ms > ?
       ORDER BY start_ms, id`,
      [cameraId, fromMs - MAX_RECORDING_MS, toMs, fromMs],
    );
    const gaps = await this.db.all<GapRow>(
      `SELECT * FROM recording_gaps
       WHERE camera_id = ? AND start_ms < ? AND (end_ms IS NULL OR end_ms > ?)
       ORDER BY start_ms, id`,
      [cameraId, toMs, fromMs],
    );
    return { cameraId, fromMs, toMs, recordings: recs.map(toRecording), gaps: gaps.map(toGap) };
  }

  // ---- gaps ----------------------------------------------------------------

  async openGap(
    cameraId: string,
    stream: StreamKind,
    startMs: number,
    reason: GapReason,
    errorKind: StreamErrorKind | null = null,
  ): Promise<Gap> {
    const res = await this.db.run(
      'INSERT INTO recording_gaps (camera_id, stream, start_ms, end_ms, reason, error_kind) VALUES (?, ?, ?, NULL, ?, ?)',
      [cameraId, stream, startMs, reason, errorKind],
    );
    return { id: res.lastId, cameraId, stream, startMs, endMs: null, reason, errorKind };
  }

  async addClosedGap(
    cameraId: string,
    stream: StreamKind,
    startMs: number,
    endMs: number,
    reason: GapReason,
  ): Promise<Gap> {
    const res = await this.db.run(
      'INSERT INTO recording_gaps (camera_id, stream, start_ms, end_ms, reason, error_kind) VALUES (?, ?, ?, ?, ?, NULL)',
      [cameraId, stream, startMs, endMs, reason],
    );
    return { id: res.lastId, cameraId, stream, startMs, endMs, reason, errorKind: null };
  }

  async openGaps(cameraId?: string): Promise<Gap[]> {
    const rows = cameraId
      ? await this.db.all<GapRow>(
          'SELECT * FROM recording_gaps WHERE end_ms IS NULL AND camera_id = ?',
          [cameraId],
        )
      : await this.db.all<GapRow>('SELECT * FROM recording_gaps WHERE end_ms IS NULL');
    return rows.map(toGap);
  }

  /** Closes every open gap of a camera at endMs (never before its start). */
  async closeGaps(cameraId: string, endMs: number): Promise<Gap[]> {
    const open = await this.openGaps(cameraId);
    for (const g of open) {
      const end = Math.max(endMs, g.startMs);
      await this.db.run('UPDATE recording_gaps SET end_ms = ? WHERE id = ?', [end, g.id]);
      g.endMs = end;
    }
    return open;
  }

  async gaps(cameraId: string): Promise<Gap[]> {
    const rows = await this.db.all<GapRow>(
      'SELECT * FROM recording_gaps WHERE camera_id = ? ORDER BY start_ms, id',
      [cameraId],
    );
    return rows.map(toGap);
  }

  /**
   * Gaps of every camera that overlap [fromMs, toMs] (ends included; an open one
   * overlaps whatever came after its start), by start then camera, at most `limit`.
   */
  async gapsOverlapping(
    fromMs: number,
    toMs: number,
    limit: number,
    q: Queryable = this.db,
  ): Promise<Gap[]> {
    const rows = await q.all<GapRow>(
      `SELECT * FROM recording_gaps
       WHERE start_ms <= ? AND (end_ms IS NULL OR end_ms >= ?)
       ORDER BY start_ms, camera_id, id LIMIT ?`,
      [toMs, fromMs, limit],
    );
    return rows.map(toGap);
  }

  // ---- locks ---------------------------------------------------------------

  async addLock(lock: LockInput, createdAt: number): Promise<Lock> {
    return addFootageLock(this.db, lock, createdAt);
  }

  removeLock(id: number): Promise<boolean> {
    return removeFootageLock(this.db, id);
  }

  locks(): Promise<Lock[]> {
    return allFootageLocks(this.db);
  }

  // ---- retention -----------------------------------------------------------

  /** Oldest unlocked footage (of every camera, or one), oldest first. */
  async oldestUnlocked(
    limit: number,
    cameraId?: string,
    beforeMs?: number,
    rootId?: number,
  ): Promise<Recording[]> {
    const where = ["r.status IN ('complete', 'recovered')", `NOT ${LOCKED}`];
    const params: SqlValue[] = [];
    if (rootId !== undefined) {
      where.push('r.root_id = ?');
      params.push(rootId);
    }
    if (cameraId !== undefined) {
      where.push('r.camera_id = ?');
      params.push(cameraId);
    }
    if (beforeMs !== undefined) {
      where.push('r.end_ms <= ?');
      params.push(beforeMs);
    }
    params.push(limit);
    const rows = await this.db.all<RecordingRow>(
      `SELECT ${REC_COLS.split(', ')
        .map((c) => `r.${c}`)
        .join(
          ', ',
        )} FROM recordings r WHERE ${where.join(' AND ')} ORDER BY r.start_ms, r.id LIMIT ?`,
      params,
    );
    return rows.map(toRecording);
  }

  async totals(): Promise<{ bytes: number; lockedBytes: number }> {
    const row = await this.db.get<{ bytes: number | null }>(
      'SELECT SUM(bytes) AS bytes FROM recording_usage',
    );
    return { bytes: row?.bytes ?? 0, lockedBytes: await this.lockedBytes() };
  }

  /** Bytes of live footage under any lock: one bounded range query per lock (locks are few). */
  async lockedBytes(): Promise<number> {
    const seen = new Map<number, number>();
    for (const l of await this.locks()) {
      const params: SqlValue[] = [l.startMs - MAX_RECORDING_MS, l.endMs, l.startMs];
      const camera = l.cameraId === null ? '' : 'camera_id = ? AND ';
      if (l.cameraId !== null) params.unshift(l.cameraId);
      const rows = await this.db.all<{ id: number; bytes: number }>(
        `SELECT id, bytes FROM recordings
         WHERE ${camera}start_ms > ? AND start_ms < ? AND end_ms > ? AND status IN ('complete', 'recovered')`,
        params,
      );
      for (const r of rows) seen.set(r.id, r.bytes);
    }
    let total = 0;
    for (const b of seen.values()) total += b;
    return total;
  }

  /** Storage per camera: totals from recording_usage, the rest from bounded index lookups. */
  async perCamera(sinceMs: number): Promise<
    {
      cameraId: string;
      bytes: number;
      recordings: number;
      oldestMs: number | null;
      newestMs: number | null;
      recentBytes: number;
      recentFirstMs: number | null;
    }[]
  > {
    const usage = await this.db.all<{ camera_id: string; bytes: number; recordings: number }>(
      'SELECT camera_id, bytes, recordings FROM recording_usage WHERE recordings > 0 ORDER BY camera_id',
    );
    const out = [];
    for (const u of usage) {
      const live = "camera_id = ? AND status IN ('complete', 'recovered')";
      const oldest = await this.db.get<{ v: number | null }>(
        `SELECT start_ms AS v FROM recordings WHERE ${live} ORDER BY start_ms LIMIT 1`,
        [u.camera_id],
      );
      const newest = await this.db.get<{ v: number | null }>(
        `SELECT MAX(end_ms) AS v FROM recordings WHERE ${live}
         AND start_ms >= (SELECT MAX(start_ms) FROM recordings WHERE camera_id = ?) - ?`,
        [u.camera_id, u.camera_id, MAX_RECORDING_MS],
      );
      const recent = await this.db.get<{ bytes: number | null; first: number | null }>(
        `SELECT SUM(bytes) AS bytes, MIN(start_ms) AS first FROM recordings WHERE ${live} AND start_ms >= ?`,
        [u.camera_id, sinceMs],
      );
      out.push({
        cameraId: u.camera_id,
        bytes: u.bytes,
        recordings: u.recordings,
        oldestMs: oldest?.v ?? null,
        newestMs: newest?.v ?? null,
        recentBytes: recent?.bytes ?? 0,
        recentFirstMs: recent?.first ?? null,
      });
    }
    return out;
  }

  // ---- storage roots -------------------------------------------------------

  async roots(): Promise<StorageRoot[]> {
    const rows = await this.db.all<{
      id: number;
      path: string;
      active: number;
      added_at: number;
      bytes: number | null;
      recordings: number | null;
    }>(
      `SELECT s.id, s.path, s.active, s.added_at, u.bytes, u.recordings
       FROM storage_roots s LEFT JOIN storage_root_usage u ON u.root_id = s.id ORDER BY s.id`,
    );
    return rows.map((r) => ({
      id: r.id,
      path: r.path,
      active: r.active === 1,
      addedAt: r.added_at,
      bytes: r.bytes ?? 0,
      recordings: r.recordings ?? 0,
    }));
  }

  /** The root's id, registering the folder the first time it is seen. */
  async ensureRoot(path: string, at: number): Promise<number> {
    await this.db.run(
      'INSERT INTO storage_roots (path, added_at, active) VALUES (?, ?, 0) ON CONFLICT (path) DO NOTHING',
      [path, at],
    );
    const row = await this.db.get<{ id: number }>('SELECT id FROM storage_roots WHERE path = ?', [
      path,
    ]);
    if (!row) throw new Error('storage root not registered');
    return row.id;
  }

  /**
   * Makes one root the one written to. Two statements because SQLite checks the
   * one-active index per row; a crash between them leaves no active root, which
   * the next start repairs (it activates the root it starts with).
   */
  async activateRoot(id: number): Promise<void> {
    await this.db.run('UPDATE storage_roots SET active = 0 WHERE active = 1 AND id != ?', [id]);
    await this.db.run('UPDATE storage_roots SET active = 1 WHERE id = ?', [id]);
  }

  /** Rows indexed before storage roots existed belong to the root the service starts with. */
  async adoptUnrootedRecordings(rootId: number): Promise<number> {
    return (await this.db.run('UPDATE recordings SET root_id = ? WHERE root_id IS NULL', [rootId]))
      .changes;
  }

  /** A root whose folder is gone (unplugged disk): its live rows become missing, none deleted. */
  async markRootMissing(rootId: number): Promise<number> {
    return (
      await this.db.run(
        `UPDATE recordings SET status = 'missing' WHERE root_id = ? AND status IN ('complete', 'recovered')`,
        [rootId],
      )
    ).changes;
  }

  async rootHasRows(rootId: number): Promise<boolean> {
    return (
      (await this.db.get<{ one: number }>(
        'SELECT 1 AS one FROM recordings WHERE root_id = ? LIMIT 1',
        [rootId],
      )) !== undefined
    );
  }

  /** Inactive roots no row refers to any more are forgotten. */
  async forgetEmptyRoots(): Promise<number> {
    const res = await this.db.run(
      `DELETE FROM storage_roots WHERE active = 0
       AND NOT EXISTS (SELECT 1 FROM recordings r WHERE r.root_id = storage_roots.id)`,
    );
    await this.db.run(
      'DELETE FROM storage_root_usage WHERE root_id NOT IN (SELECT id FROM storage_roots)',
    );
    return res.changes;
  }

  // ---- camera settings -----------------------------------------------------

  async cameraSettings(): Promise<CameraRecordingSettings[]> {
    const rows = await this.db.all<{
      camera_id: string;
      enabled: number;
      stream: StreamKind;
      max_age_days: number | null;
    }>('SELECT camera_id, enabled, stream, max_age_days FROM recording_cameras ORDER BY camera_id');
    return rows.map((r) => ({
      cameraId: r.camera_id,
      enabled: r.enabled === 1,
      stream: r.stream,
      maxAgeDays: r.max_age_days,
    }));
  }

  async saveCameraSettings(s: CameraRecordingSettings, at: number): Promise<void> {
    await this.db.run(
      `INSERT INTO recording_cameras (camera_id, enabled, stream, max_age_days, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (camera_id) DO UPDATE SET enabled = excluded.enabled, stream = excluded.stream,
         max_age_days = excluded.max_age_days, updated_at = excluded.updated_at`,
      [s.cameraId, s.enabled ? 1 : 0, s.stream, s.maxAgeDays, at],
    );
  }

  async removeCameraSettings(cameraId: string): Promise<void> {
    await this.db.run('DELETE FROM recording_cameras WHERE camera_id = ?', [cameraId]);
  }

  // ---- event log -----------------------------------------------------------

  async logEvent(
    atMs: number,
    kind: RecordingEventKind,
    cameraId: string | null,
    stream: StreamKind | null,
    detail: RecordingEvent['detail'] = {},
  ): Promise<RecordingEvent> {
    const res = await this.db.run(
      'INSERT INTO recording_events (at_ms, kind, camera_id, stream, detail_json) VALUES (?, ?, ?, ?, ?)',
      [atMs, kind, cameraId, stream, JSON.stringify(detail)],
    );
    return { id: res.lastId, atMs, kind, cameraId, stream, detail };
  }

  async events(limit: number, cameraId?: string): Promise<RecordingEvent[]> {
    const rows = cameraId
      ? await this.db.all<EventRow>(
          'SELECT * FROM recording_events WHERE camera_id = ? ORDER BY id DESC LIMIT ?',
          [cameraId, limit],
        )
      : await this.db.all<EventRow>('SELECT * FROM recording_events ORDER BY id DESC LIMIT ?', [
          limit,
        ]);
    return rows.map(toEvent);
  }

  /**
   * Storage alarms raised (disk_alarm, locked_over_quota) and cleared (disk_ok) in
   * [fromMs, toMs], oldest first, at most `limit`.
   */
  async storageAlarmEvents(
    fromMs: number,
    toMs: number,
    limit: number,
    q: Queryable = this.db,
  ): Promise<RecordingEvent[]> {
    const rows = await q.all<EventRow>(
      `SELECT * FROM recording_events
       WHERE kind IN ('disk_alarm', 'disk_ok', 'locked_over_quota') AND at_ms BETWEEN ? AND ?
       ORDER BY at_ms, id LIMIT ?`,
      [fromMs, toMs, limit],
    );
    return rows.map(toEvent);
  }
}

function toEvent(r: EventRow): RecordingEvent {
  return {
    id: r.id,
    atMs: r.at_ms,
    kind: r.kind,
    cameraId: r.camera_id,
    stream: r.stream,
    detail: JSON.parse(r.detail_json) as RecordingEvent['detail'],
  };
}

async function writeKeyframes(
  db: Queryable,
  recordingId: number,
  index: KeyframeIndex,
): Promise<void> {
  // Through a SELECT on recordings: a row deleted meanwhile gets no orphan index.
  await db.run(
    `INSERT OR REPLACE INTO recording_keyframes (recording_id, init_end, entries)
     SELECT id, ?, ? FROM recordings WHERE id = ?`,
    [index.initEnd, encodeKeyframes(index), recordingId],
  );
}

function pickRecording(rec: NewRecording): Omit<Recording, 'id'> {
  return {
    cameraId: rec.cameraId,
    stream: rec.stream,
    startMs: rec.startMs,
    endMs: rec.endMs,
    bytes: rec.bytes,
    path: rec.path,
    status: rec.status,
    codec: rec.codec,
    rootId: rec.rootId,
  };
}
