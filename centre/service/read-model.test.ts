import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../electron/core/db/database';
import { envelope, healthData, incidentData } from '../testing/sample-events';
import { openCentreDb } from './centre-db';
import { ReadModel } from './read-model';

const T0 = Date.UTC(2026, 11, 7, 2, 0, 0);
let db: Database;
let model: ReadModel;
const warnings: string[] = [];

beforeEach(async () => {
  db = await openCentreDb(path.join(mkdtempSync(path.join(tmpdir(), 'centre-rm-')), 'centre.db'));
  warnings.length = 0;
  model = new ReadModel(db, { warn: (m) => warnings.push(m) }, () => T0 + 3_600_000);
});
afterEach(async () => {
  await db.close();
});

const send = (env: ReturnType<typeof envelope>) =>
  model.receive(`dc.${env.station}.ev.${env.kind}`, JSON.stringify(env));

describe('read model', () => {
  it('applies each event exactly once and in order, per station', async () => {
    const e1 = envelope('p01', 1, 'incident', T0, incidentData('inc-1', 'VV-001', T0));
    const e2 = envelope('p01', 2, 'health', T0 + 60_000, healthData(16, 15, 14, 1));
    const other = envelope('p02x', 1, 'health', T0, healthData(4, 4, 4, 0));
    expect(await send(e1)).toBe('applied');
    expect(await send(e2)).toBe('applied');
    expect(await send(other)).toBe('applied');
    // Redelivery (consumer restart, stream re-sourced) and an old one arriving late.
    expect(await send(e2)).toBe('duplicate');
    expect(await send(e1)).toBe('duplicate');
    const counts = await model.counts();
    expect(counts.events).toEqual({ p01: 2, p02x: 1 });
    expect(counts.duplicates).toEqual({ p01: 2, p02x: 0 });
    expect(counts.gaps).toBe(0);
    const st = await db.get<Record<string, number>>('SELECT * FROM stations WHERE id = ?', ['p01']);
    expect(st).toMatchObject({
      last_seq: 2,
      cameras: 16,
      online: 15,
      recording: 14,
      open_alarms: 1,
    });
    expect(st?.last_seen).toBe(T0 + 60_000);
  });

  it('records a gap in seq and still applies what arrived', async () => {
    await send(envelope('p01', 1, 'audit-head', T0, { seq: 1, hash: 'h', at: T0 }));
    await send(envelope('p01', 5, 'audit-head', T0, { seq: 2, hash: 'h', at: T0 }));
    // The missing ones arriving after the jump are below the mark: refused, not re-applied out of order.
    expect(await send(envelope('p01', 3, 'audit-head', T0, { seq: 3, hash: 'h', at: T0 }))).toBe(
      'duplicate',
    );
    const gaps = await db.all('SELECT station, from_seq, to_seq FROM seq_gaps');
    expect(gaps).toEqual([{ station: 'p01', from_seq: 2, to_seq: 4 }]);
    expect((await model.counts()).events).toEqual({ p01: 2 });
  });

  it('keeps the newest incident version even when an older one applies later', async () => {
    await send(
      envelope(
        'p01',
        1,
        'incident',
        T0,
        incidentData('inc-1', 'VV-001', T0, { version: 2, status: 'closed' }),
      ),
    );
    await send(
      envelope(
        'p01',
        2,
        'incident',
        T0,
        incidentData('inc-1', 'VV-001', T0, { version: 1, status: 'new' }),
      ),
    );
    const rows = await db.all<{ status: string; version: number }>(
      'SELECT status, version FROM incidents',
    );
    expect(rows).toEqual([{ status: 'closed', version: 2 }]);
  });

  it('opens and closes alarms and outages, and takes export decisions', async () => {
    await send(
      envelope('p01', 1, 'alarm', T0, {
        alarmId: 7,
        cameraId: 'cam-01',
        kind: 'tamper',
        source: 'picture',
        startedAt: T0,
        endedAt: null,
      }),
    );
    await send(
      envelope('p01', 2, 'outage', T0, {
        outageId: 3,
        cameraId: 'cam-02',
        stream: 'main',
        startedAt: T0,
        endedAt: null,
        errorKind: 'timeout',
      }),
    );
    expect(await db.all('SELECT kind, item_id FROM open_items ORDER BY kind')).toEqual([
      { kind: 'alarm', item_id: 7 },
      { kind: 'outage', item_id: 3 },
    ]);
    await send(
      envelope('p01', 3, 'alarm', T0, {
        alarmId: 7,
        cameraId: 'cam-01',
        kind: 'tamper',
        source: 'picture',
        startedAt: T0,
        endedAt: T0 + 5,
      }),
    );
    expect(await db.all('SELECT kind FROM open_items')).toEqual([{ kind: 'outage' }]);

    await db.run(
      `INSERT INTO export_requests (request_id, station, incident_code, from_ms, to_ms, camera_ids, reason,
         requested_by, requested_at, status, updated_at) VALUES ('req-00000001', 'p01', 'VV-001', NULL, NULL, '[]', 'r', 'o', 1, 'sent', 1)`,
    );
    await send(
      envelope('p01', 4, 'export-decision', T0, {
        requestId: 'req-00000001',
        decision: 'refused',
        decidedAt: T0,
        officerName: 'Trưởng Công an Phường',
        reason: 'Không liên quan',
      }),
    );
    // Another station cannot answer p01's request.
    await send(
      envelope('p02x', 1, 'export-decision', T0, {
        requestId: 'req-00000001',
        decision: 'approved',
        decidedAt: T0,
        officerName: 'x',
        reason: '',
      }),
    );
    expect(await db.get('SELECT status, decided_by FROM export_requests')).toEqual({
      status: 'refused',
      decided_by: 'Trưởng Công an Phường',
    });
  });

  it('logs and stores bad messages without stopping, and does not move the mark for them', async () => {
    expect(await model.receive('dc.p01.ev.health', 'not json{')).toBe('rejected');
    expect(await model.receive('dc.p01.ev.health', JSON.stringify({ v: 2, station: 'p01' }))).toBe(
      'rejected',
    );
    // An envelope naming another station than its subject's.
    const forged = envelope('p02x', 1, 'health', T0, healthData(1, 1, 1, 0));
    expect(await model.receive('dc.p01.ev.health', JSON.stringify(forged))).toBe('rejected');
    // A valid envelope whose data is wrong: stored and counted, its effect skipped, a reject row kept.
    expect(await send(envelope('p01', 1, 'health', T0, { cameras: 'many' }))).toBe('applied');
    expect(await send(envelope('p01', 2, 'health', T0, healthData(2, 2, 2, 0)))).toBe('applied');
    const counts = await model.counts();
    expect(counts.rejects).toBe(4);
    expect(counts.events).toEqual({ p01: 2 });
    expect(warnings.length).toBe(4);
    const reasons = await db.all<{ reason: string }>('SELECT reason FROM rejects ORDER BY id');
    expect(reasons.map((r) => r.reason)).toEqual([
      'not_json',
      expect.stringMatching(/^envelope:/),
      'station_mismatch',
      'data: health data invalid',
    ]);
  });
});
