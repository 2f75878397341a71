// Incidents (vụ việc): create, edit, lock and unlock their footage, snapshots,
// the searchable log. Every write is one transaction with its history row, its
// search row, its footage locks and its audit rows, so nothing is half-written.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { AuditAction, AuditDetails } from '../../contract/audit-schemas';
import { ApiError } from '../../contract/errors';
import {
  MAX_INCIDENT_RANGE_MS,
  type Incident,
  type IncidentChange,
  type IncidentDetail,
  type IncidentFilter,
  type IncidentInput,
  type IncidentPage,
  type IncidentUpdate,
  type SnapshotInput,
} from '../../contract/incident-schemas';
import { STATION_UTC_OFFSET_MINUTES } from '../../contract/station-time';
import type { Principal } from '../app/dispatch';
import type { Database, Queryable, SqlValue } from '../db/database';
import {
  addFootageLock,
  incidentLocks,
  removeIncidentLocks,
  uncoveredRanges,
} from '../recording/footage-locks';
import { nextIncidentCode, stationDate } from './incident-code';
import {
  incidentRow,
  readDigests,
  readHistory,
  readIncident,
  readIncidents,
  type IncidentDigest,
  type OfficerDirectory,
} from './incident-rows';
import {
  readIncidentCodes,
  readIncidentEvidence,
  type IncidentEvidence,
} from './incident-evidence';
import { matchExpression, writeSearchRow } from './incident-search';
import { decodeSnapshot, sha256Hex, snapshotExtension, writeFileDurably } from './snapshot-files';

/** What this service needs of the audit log (electron/core/audit/audit-log.ts). */
export interface AuditSink {
  append(
    input: {
      action: AuditAction;
      actor: { officerId: string; fullName: string } | null;
      subject?: string;
      details?: AuditDetails;
    },
    tx?: Queryable,
  ): Promise<unknown>;
}

export interface IncidentServiceDeps {
  db: Database;
  audit: AuditSink;
  /** Who created and changed incidents (OfficerService). */
  officers: OfficerDirectory;
  /** Snapshots are written under <dataDir>/snapshots/. */
  dataDir: string;
  /** Names of the registered cameras among `ids`; an id missing from the map is unknown. */
  cameraNames: (ids: string[]) => Promise<Map<string, string>>;
  emit: (event: 'incident.changed', incident: Incident) => void;
  now?: () => number;
  /** Station time for yearly codes and snapshot folders; default UTC+7. */
  utcOffsetMinutes?: number;
  newId?: () => string;
}

type FieldChange = IncidentChange['changes'][number];

/** Fields of an incident an update may change, in the order history lists them. */
const EDITABLE = [
  'category',
  'severity',
  'status',
  'location',
  'description',
  'startMs',
  'endMs',
] as const;

const COLUMN: Record<(typeof EDITABLE)[number], string> = {
  category: 'category',
  severity: 'severity',
  status: 'status',
  location: 'location',
  description: 'description',
  startMs: 'start_ms',
  endMs: 'end_ms',
};

function checkRange(startMs: number, endMs: number): void {
  if (endMs <= startMs)
    throw new ApiError('invalid_request', 'range_end_before_start', {
      endMs: 'range_end_before_start',
    });
  if (endMs - startMs > MAX_INCIDENT_RANGE_MS)
    throw new ApiError('invalid_request', 'range_too_long', { endMs: 'range_too_long' });
}

/** Incidents re-indexed per transaction at start, so a large log never blocks writes for long. */
const REINDEX_BATCH = 200;

const notFound = () => new ApiError('not_found', 'incident_not_found');

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

export class IncidentService {
  private readonly db: Database;
  private readonly audit: AuditSink;
  private readonly dataDir: string;
  private readonly now: () => number;
  private readonly utcOffset: number;
  private readonly newId: () => string;

  constructor(private readonly deps: IncidentServiceDeps) {
    this.db = deps.db;
    this.audit = deps.audit;
    this.dataDir = path.resolve(deps.dataDir);
    this.now = deps.now ?? Date.now;
    this.utcOffset = deps.utcOffsetMinutes ?? STATION_UTC_OFFSET_MINUTES;
    this.newId = deps.newId ?? randomUUID;
  }

  /**
   * Writes the search row of every incident that has none: a migration empties
   * the index when what it covers changes, and the rows are rebuilt here.
   */
  async start(): Promise<void> {
    for (;;) {
      const ids = await this.db.all<{ id: string }>(
        `SELECT id FROM incidents WHERE id NOT IN (SELECT incident_id FROM incident_search)
         LIMIT ${REINDEX_BATCH}`,
      );
      if (ids.length === 0) return;
      const written = await this.db.transaction(async (tx) => {
        const page = await readIncidents(
          tx,
          this.deps.officers,
          ids.map((r) => r.id),
        );
        for (const i of page) {
          await writeSearchRow(tx, i.id, {
            ...i,
            cameraNames: i.cameras.map((c) => c.name),
            officerNames: [i.createdBy.fullName],
          });
        }
        return page.length;
      });
      // Rows that cannot be read back would be asked for again forever.
      if (written === 0) return;
    }
  }

  async create(input: IncidentInput, actor: Principal): Promise<Incident> {
    // Checked again here, not only by the contract: this is what guards the locks.
    checkRange(input.startMs, input.endMs);
    const names = await this.knownCameras(input.cameraIds);
    const id = this.newId();
    const now = this.now();
    const incident = await this.db.transaction(async (tx) => {
      const code = await nextIncidentCode(tx, now, this.utcOffset);
      await tx.run(
        `INSERT INTO incidents (id, code, category, severity, status, location, description,
           occurred_at, start_ms, end_ms, created_by, shift_id, created_at, updated_at, version)
         VALUES (?, ?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
        [
          id,
          code,
          input.category,
          input.severity,
          input.location,
          input.description,
          input.occurredAt,
          input.startMs,
          input.endMs,
          actor.officerId,
          actor.shiftId,
          now,
          now,
        ],
      );
      for (const cameraId of input.cameraIds) {
        await tx.run(
          'INSERT INTO incident_cameras (incident_id, camera_id, camera_name) VALUES (?, ?, ?)',
          [id, cameraId, names.get(cameraId) ?? cameraId],
        );
      }
      await this.addHistory(tx, id, now, actor, 'created', [], null);
      await writeSearchRow(tx, id, {
        code,
        category: input.category,
        location: input.location,
        description: input.description,
        cameraNames: input.cameraIds.map((c) => names.get(c) ?? c),
        officerNames: [actor.fullName],
      });
      const lockRanges = input.cameraIds.map((cameraId) => ({
        cameraId,
        startMs: input.startMs,
        endMs: input.endMs,
      }));
      await this.lockRanges(tx, id, code, lockRanges, now);
      await this.appendAudit(tx, 'incident.created', actor, id, {
        code,
        category: input.category,
        cameras: input.cameraIds.join(','),
      });
      await this.appendAudit(tx, 'footage.locked', actor, id, lockDetails(code, lockRanges));
      return this.mustRead(tx, id);
    });
    this.deps.emit('incident.changed', incident);
    return incident;
  }

  async update(patch: IncidentUpdate, actor: Principal): Promise<Incident> {
    const before = await readIncident(this.db, this.deps.officers, patch.id);
    if (!before) throw notFound();
    if (before.version !== patch.version) throw new ApiError('conflict', 'stale_version');
    const startMs = patch.startMs ?? before.startMs;
    const endMs = patch.endMs ?? before.endMs;
    checkRange(startMs, endMs);
    const beforeCameras = before.cameras.map((c) => c.id);
    const cameraIds = patch.cameraIds ?? beforeCameras;
    const added = cameraIds.filter((c) => !beforeCameras.includes(c));
    const removed = beforeCameras.filter((c) => !cameraIds.includes(c));
    // Only new cameras must still be registered: a removed camera's incidents stay editable.
    const newNames = added.length > 0 ? await this.knownCameras(added) : new Map<string, string>();

    const next = { ...before, ...definedFields(patch), startMs, endMs };
    const changes: FieldChange[] = EDITABLE.filter((f) => next[f] !== before[f]).map((f) => ({
      field: f,
      from: before[f],
      to: next[f],
    }));
    if (!sameSet(beforeCameras, cameraIds))
      changes.push({ field: 'cameraIds', from: beforeCameras, to: cameraIds });
    if (changes.length === 0) return before;

    const now = this.now();
    const incident = await this.db.transaction(async (tx) => {
      // The version seen above may have moved on while the camera names were looked up.
      const row = await incidentRow(tx, patch.id);
      if (!row) throw notFound();
      if (row.version !== patch.version) throw new ApiError('conflict', 'stale_version');
      const sets = changes
        .filter((c): c is FieldChange & { field: (typeof EDITABLE)[number] } =>
          (EDITABLE as readonly string[]).includes(c.field),
        )
        .map((c) => ({ column: COLUMN[c.field], value: c.to as SqlValue }));
      await tx.run(
        `UPDATE incidents SET ${sets.map((s) => `${s.column} = ?, `).join('')}
           version = version + 1, updated_at = ? WHERE id = ?`,
        [...sets.map((s) => s.value), now, patch.id],
      );
      for (const cameraId of removed) {
        await tx.run('DELETE FROM incident_cameras WHERE incident_id = ? AND camera_id = ?', [
          patch.id,
          cameraId,
        ]);
      }
      for (const cameraId of added) {
        await tx.run(
          'INSERT INTO incident_cameras (incident_id, camera_id, camera_name) VALUES (?, ?, ?)',
          [patch.id, cameraId, newNames.get(cameraId) ?? cameraId],
        );
      }
      await this.addHistory(tx, patch.id, now, actor, 'updated', changes, null);
      const keptNames = new Map(before.cameras.map((c) => [c.id, c.name]));
      await writeSearchRow(tx, patch.id, {
        code: before.code,
        category: next.category,
        location: next.location,
        description: next.description,
        cameraNames: cameraIds.map((c) => keptNames.get(c) ?? newNames.get(c) ?? c),
        officerNames: [before.createdBy.fullName],
      });
      await this.appendAudit(tx, 'incident.updated', actor, patch.id, {
        code: before.code,
        fields: changes.map((c) => c.field).join(','),
      });
      // Locked footage grows with the incident and never shrinks on an edit.
      const held = await incidentLocks(tx, patch.id);
      if (held.length > 0) {
        const extra = cameraIds.flatMap((cameraId) =>
          uncoveredRanges(
            startMs,
            endMs,
            held.filter((l) => l.cameraId === cameraId),
          ).map((r) => ({ cameraId, ...r })),
        );
        if (extra.length > 0) {
          await this.lockRanges(tx, patch.id, before.code, extra, now);
          await this.appendAudit(
            tx,
            'footage.locked',
            actor,
            patch.id,
            lockDetails(before.code, extra),
          );
        }
      }
      return this.mustRead(tx, patch.id);
    });
    this.deps.emit('incident.changed', incident);
    return incident;
  }

  /** Locks the footage of every camera of the incident over its range again. */
  async lock(id: string, actor: Principal): Promise<Incident> {
    const now = this.now();
    const incident = await this.db.transaction(async (tx) => {
      const row = await incidentRow(tx, id);
      if (!row) throw notFound();
      if ((await incidentLocks(tx, id)).length > 0)
        throw new ApiError('conflict', 'already_locked');
      const cameras = await tx.all<{ camera_id: string }>(
        'SELECT camera_id FROM incident_cameras WHERE incident_id = ? ORDER BY rowid',
        [id],
      );
      const ranges = cameras.map((c) => ({
        cameraId: c.camera_id,
        startMs: row.start_ms,
        endMs: row.end_ms,
      }));
      await this.lockRanges(tx, id, row.code, ranges, now);
      await tx.run('UPDATE incidents SET updated_at = ? WHERE id = ?', [now, id]);
      await this.addHistory(tx, id, now, actor, 'locked', [], null);
      await this.appendAudit(tx, 'footage.locked', actor, id, lockDetails(row.code, ranges));
      return this.mustRead(tx, id);
    });
    this.deps.emit('incident.changed', incident);
    return incident;
  }

  /** Commanders only: releases the incident's footage to retention, with a reason. */
  async unlock(id: string, reason: string, actor: Principal): Promise<Incident> {
    // The channel is commander-only too; this keeps the rule if another caller appears.
    if (actor.role !== 'commander') throw new ApiError('forbidden', 'commander_only');
    const why = reason.trim();
    if (why.length === 0)
      throw new ApiError('invalid_request', 'reason_required', { reason: 'reason_required' });
    const now = this.now();
    const incident = await this.db.transaction(async (tx) => {
      const row = await incidentRow(tx, id);
      if (!row) throw notFound();
      const removed = await removeIncidentLocks(tx, id);
      if (removed === 0) throw new ApiError('conflict', 'not_locked');
      await tx.run('UPDATE incidents SET updated_at = ? WHERE id = ?', [now, id]);
      await this.addHistory(tx, id, now, actor, 'unlocked', [], why);
      await this.appendAudit(tx, 'footage.unlocked', actor, id, {
        code: row.code,
        reason: why,
        locks: removed,
      });
      return this.mustRead(tx, id);
    });
    this.deps.emit('incident.changed', incident);
    return incident;
  }

  async get(id: string): Promise<IncidentDetail> {
    const incident = await readIncident(this.db, this.deps.officers, id);
    if (!incident) throw notFound();
    return { incident, history: await readHistory(this.db, this.deps.officers, id) };
  }

  /** The incident's facts, cameras and snapshot files (export); null when there is no such incident. */
  evidence(id: string): Promise<IncidentEvidence | null> {
    return readIncidentEvidence(this.db, this.dataDir, id);
  }

  /** The code of each incident among `ids`; unknown ids are left out. */
  codesOf(ids: readonly string[]): Promise<Map<string, string>> {
    return readIncidentCodes(this.db, ids);
  }

  /** Newest occurredAt first; every given filter applies (AND). */
  async list(filter: IncidentFilter): Promise<IncidentPage> {
    const where: string[] = [];
    const params: SqlValue[] = [];
    const add = (sql: string, value: SqlValue) => {
      where.push(sql);
      params.push(value);
    };
    if (filter.from !== undefined) add('i.occurred_at >= ?', filter.from);
    if (filter.to !== undefined) add('i.occurred_at <= ?', filter.to);
    if (filter.category !== undefined) add('i.category = ?', filter.category);
    if (filter.status !== undefined) add('i.status = ?', filter.status);
    if (filter.officerId !== undefined) add('i.created_by = ?', filter.officerId);
    if (filter.cameraId !== undefined)
      add(
        'EXISTS (SELECT 1 FROM incident_cameras c WHERE c.incident_id = i.id AND c.camera_id = ?)',
        filter.cameraId,
      );
    const match = filter.text === undefined ? null : matchExpression(filter.text);
    if (match !== null)
      add('i.id IN (SELECT incident_id FROM incident_search WHERE incident_search MATCH ?)', match);
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const count = await this.db.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM incidents i ${clause}`,
      params,
    );
    const rows = await this.db.all<{ id: string }>(
      `SELECT i.id FROM incidents i ${clause}
       ORDER BY i.occurred_at DESC, i.created_at DESC, i.id DESC LIMIT ? OFFSET ?`,
      [...params, filter.limit, filter.offset],
    );
    return {
      items: await readIncidents(
        this.db,
        this.deps.officers,
        rows.map((r) => r.id),
      ),
      total: count?.n ?? 0,
    };
  }

  async addSnapshot(input: SnapshotInput, actor: Principal): Promise<Incident> {
    const data = decodeSnapshot(input.dataBase64, input.mime);
    if (!(await incidentRow(this.db, input.incidentId))) throw notFound();
    const id = this.newId();
    const now = this.now();
    const { year, month } = stationDate(now, this.utcOffset);
    const rel = path.posix.join(
      'snapshots',
      `${year}-${String(month).padStart(2, '0')}`,
      `${id}.${snapshotExtension(input.mime)}`,
    );
    const file = path.join(this.dataDir, rel);
    const sha256 = sha256Hex(data);
    await writeFileDurably(file, data);
    let incident: Incident;
    try {
      incident = await this.db.transaction(async (tx) => {
        const row = await incidentRow(tx, input.incidentId);
        if (!row) throw notFound();
        await tx.run(
          `INSERT INTO incident_snapshots (id, incident_id, camera_id, taken_at, file, mime, bytes, sha256, created_by, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            id,
            input.incidentId,
            input.cameraId,
            input.takenAt,
            rel,
            input.mime,
            data.length,
            sha256,
            actor.officerId,
            now,
          ],
        );
        await tx.run('UPDATE incidents SET updated_at = ? WHERE id = ?', [now, input.incidentId]);
        await this.addHistory(
          tx,
          input.incidentId,
          now,
          actor,
          'snapshot_added',
          [{ field: 'snapshots', from: null, to: id }],
          null,
        );
        await this.appendAudit(tx, 'incident.snapshot_added', actor, input.incidentId, {
          code: row.code,
          snapshotId: id,
          sha256,
          bytes: data.length,
        });
        return this.mustRead(tx, input.incidentId);
      });
    } catch (err) {
      // No row points at the file: remove it so the folder holds only logged evidence.
      await rm(file, { force: true });
      throw err;
    }
    this.deps.emit('incident.changed', incident);
    return incident;
  }

  /** The file of a snapshot, or null when there is no such snapshot. */
  async snapshotFile(id: string): Promise<{ path: string; mime: string } | null> {
    const row = await this.db.get<{ file: string; mime: string }>(
      'SELECT file, mime FROM incident_snapshots WHERE id = ?',
      [id],
    );
    if (!row) return null;
    const file = path.resolve(this.dataDir, row.file);
    // Rows are written by this service only; still never serve outside the data folder.
    if (!file.startsWith(this.dataDir + path.sep)) return null;
    return { path: file, mime: row.mime };
  }

  // Digests for the handover summary. Ranges include both ends; `q` reads inside
  // the caller's transaction.

  /** Created in [fromMs, toMs]. */
  createdBetween(
    fromMs: number,
    toMs: number,
    limit: number,
    q: Queryable = this.db,
  ): Promise<IncidentDigest[]> {
    return readDigests(q, 'i.created_at BETWEEN ? AND ?', [fromMs, toMs], limit);
  }

  /** Created before fromMs and with a history row in [fromMs, toMs]. */
  changedBetween(
    fromMs: number,
    toMs: number,
    limit: number,
    q: Queryable = this.db,
  ): Promise<IncidentDigest[]> {
    return readDigests(
      q,
      `i.created_at < ? AND EXISTS (SELECT 1 FROM incident_history h
         WHERE h.incident_id = i.id AND h.at BETWEEN ? AND ?)`,
      [fromMs, fromMs, toMs],
      limit,
    );
  }

  /** Not closed now, created by toMs. */
  openAt(toMs: number, limit: number, q: Queryable = this.db): Promise<IncidentDigest[]> {
    return readDigests(q, "i.status <> 'closed' AND i.created_at <= ?", [toMs], limit);
  }

  private async knownCameras(ids: string[]): Promise<Map<string, string>> {
    const names = await this.deps.cameraNames(ids);
    if (ids.some((id) => !names.has(id)))
      throw new ApiError('invalid_request', 'unknown_camera', { cameraIds: 'unknown_camera' });
    return names;
  }

  private async lockRanges(
    tx: Queryable,
    incidentId: string,
    code: string,
    ranges: readonly { cameraId: string; startMs: number; endMs: number }[],
    now: number,
  ): Promise<void> {
    for (const r of ranges) {
      await addFootageLock(tx, { ...r, reason: `incident ${code}`, incidentId }, now);
    }
  }

  private async addHistory(
    tx: Queryable,
    incidentId: string,
    at: number,
    actor: Principal,
    action: IncidentChange['action'],
    changes: FieldChange[],
    reason: string | null,
  ): Promise<void> {
    await tx.run(
      'INSERT INTO incident_history (incident_id, at, officer_id, action, changes_json, reason) VALUES (?, ?, ?, ?, ?, ?)',
      [incidentId, at, actor.officerId, action, JSON.stringify(changes), reason],
    );
  }

  private async appendAudit(
    tx: Queryable,
    action: AuditAction,
    actor: Principal,
    subject: string,
    details: AuditDetails,
  ): Promise<void> {
    await this.audit.append(
      { action, actor: { officerId: actor.officerId, fullName: actor.fullName }, subject, details },
      tx,
    );
  }

  private async mustRead(tx: Queryable, id: string): Promise<Incident> {
    const incident = await readIncident(tx, this.deps.officers, id);
    if (!incident) throw notFound();
    return incident;
  }
}

/** The fields a patch sets (zod leaves absent optional keys undefined). */
function definedFields(patch: IncidentUpdate): Partial<Pick<Incident, (typeof EDITABLE)[number]>> {
  const out: Partial<Record<(typeof EDITABLE)[number], unknown>> = {};
  for (const f of EDITABLE) if (patch[f] !== undefined) out[f] = patch[f];
  return out as Partial<Pick<Incident, (typeof EDITABLE)[number]>>;
}

function lockDetails(
  code: string,
  ranges: readonly { cameraId: string; startMs: number; endMs: number }[],
): AuditDetails {
  const bound = (pick: (xs: number[]) => number, xs: number[]) => (xs.length > 0 ? pick(xs) : null);
  return {
    code,
    cameras: [...new Set(ranges.map((r) => r.cameraId))].join(','),
    startMs: bound(
      (xs) => Math.min(...xs),
      ranges.map((r) => r.startMs),
    ),
    endMs: bound(
      (xs) => Math.max(...xs),
      ranges.map((r) => r.endMs),
    ),
    locks: ranges.length,
  };
}
