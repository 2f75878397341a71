// The one place that writes recording_locks: footage kept against retention.
// Plain functions over a Queryable so a caller can lock inside its own
// transaction (an incident and its locks are written together or not at all).
import type { Queryable } from '../db/database';
import type { Lock, LockInput } from './recording-types';

interface LockRow {
  id: number;
  camera_id: string | null;
  start_ms: number;
  end_ms: number;
  reason: string;
  incident_id: string | null;
  created_at: number;
}

function toLock(r: LockRow): Lock {
  return {
    id: r.id,
    cameraId: r.camera_id,
    startMs: r.start_ms,
    endMs: r.end_ms,
    reason: r.reason,
    incidentId: r.incident_id,
    createdAt: r.created_at,
  };
}

export async function addFootageLock(
  q: Queryable,
  lock: LockInput,
  createdAt: number,
): Promise<Lock> {
  const res = await q.run(
    'INSERT INTO recording_locks (camera_id, start_ms, end_ms, reason, incident_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    [lock.cameraId, lock.startMs, lock.endMs, lock.reason, lock.incidentId, createdAt],
  );
  return { ...lock, id: res.lastId, createdAt };
}

export async function removeFootageLock(q: Queryable, id: number): Promise<boolean> {
  return (await q.run('DELETE FROM recording_locks WHERE id = ?', [id])).changes > 0;
}

/** Removes every lock of an incident; returns how many there were. */
export async function removeIncidentLocks(q: Queryable, incidentId: string): Promise<number> {
  return (await q.run('DELETE FROM recording_locks WHERE incident_id = ?', [incidentId])).changes;
}

export async function allFootageLocks(q: Queryable): Promise<Lock[]> {
  return (await q.all<LockRow>('SELECT * FROM recording_locks ORDER BY start_ms, id')).map(toLock);
}

export async function incidentLocks(q: Queryable, incidentId: string): Promise<Lock[]> {
  const rows = await q.all<LockRow>(
    'SELECT * FROM recording_locks WHERE incident_id = ? ORDER BY camera_id, start_ms, id',
    [incidentId],
  );
  return rows.map(toLock);
}

/** Which of the given incidents hold at least one lock (one query for a page of incidents). */
export async function incidentsWithLocks(
  q: Queryable,
  incidentIds: readonly string[],
): Promise<Set<string>> {
  if (incidentIds.length === 0) return new Set();
  const rows = await q.all<{ incident_id: string }>(
    `SELECT DISTINCT incident_id FROM recording_locks
     WHERE incident_id IN (${incidentIds.map(() => '?').join(', ')})`,
    incidentIds,
  );
  return new Set(rows.map((r) => r.incident_id));
}

/** Parts of [startMs, endMs) not covered by any of `held` (sorted, merged). */
export function uncoveredRanges(
  startMs: number,
  endMs: number,
  held: readonly { startMs: number; endMs: number }[],
): { startMs: number; endMs: number }[] {
  const sorted = [...held].sort((a, b) => a.startMs - b.startMs);
  const out: { startMs: number; endMs: number }[] = [];
  let cursor = startMs;
  for (const h of sorted) {
    if (h.endMs <= cursor) continue;
    if (h.startMs >= endMs) break;
    if (h.startMs > cursor) out.push({ startMs: cursor, endMs: h.startMs });
    cursor = Math.max(cursor, h.endMs);
    if (cursor >= endMs) break;
  }
  if (cursor < endMs) out.push({ startMs: cursor, endMs });
  return out;
}
