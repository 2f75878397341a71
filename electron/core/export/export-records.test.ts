// The exports table on a real SQLite file, read back with names from fakes of the
// officer and incident services: one call each per page of rows, whatever its size.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OfficerBrief } from '../../contract/officer-schemas';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { ExportRecords, type NewExportRow } from './export-records';

const T0 = Date.UTC(2026, 10, 27, 13, 0, 0);
const OFFICERS: OfficerBrief[] = [
  { id: 'off-1', fullName: 'Nguyễn Văn An', rank: 'Trung úy', role: 'duty' },
  { id: 'off-2', fullName: 'Trần Thị Bình', rank: 'Thiếu tá', role: 'commander' },
];

let dir: string;
let db: Database;
let asked: { officers: string[][]; incidents: string[][] };
let records: ExportRecords;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'export-records-'));
  db = await openStationDb(dir);
  for (const o of OFFICERS)
    await db.run(
      `INSERT INTO officers (id, full_name, rank, badge_number, role, password_hash, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'x', 0, 0)`,
      [o.id, o.fullName, o.rank, o.id, o.role],
    );
  await db.run(
    `INSERT INTO incidents (id, code, category, severity, status, location, description, occurred_at,
       start_ms, end_ms, created_by, created_at, updated_at)
     VALUES ('inc-1', 'VV-2026-0007', 'theft', 'medium', 'new', '', '', 0, 0, 1, 'off-1', 0, 0)`,
  );
  asked = { officers: [], incidents: [] };
  records = new ExportRecords(db, {
    officers: {
      briefs: async (ids) => {
        asked.officers.push([...ids]);
        return new Map(OFFICERS.filter((o) => ids.includes(o.id)).map((o) => [o.id, o]));
      },
      get: async () => ({ badgeNumber: '' }),
    },
    incidents: {
      evidence: async () => null,
      codesOf: async (ids) => {
        asked.incidents.push([...ids]);
        return new Map(ids.includes('inc-1') ? [['inc-1', 'VV-2026-0007']] : []);
      },
    },
  });
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

function row(n: number, over: Partial<NewExportRow> = {}): NewExportRow {
  return {
    id: `exp-${n}`,
    incidentId: null,
    caseNumber: '',
    cameras: [{ id: 'cam-a', name: 'Cổng trường' }],
    fromMs: T0,
    toMs: T0 + 60_000,
    destination: '/media/usb',
    folderName: `xuat-${n}`,
    officerId: 'off-1',
    shiftId: null,
    startedAt: T0 + n * 1000,
    ...over,
  };
}

describe('ExportRecords', () => {
  it('lists newest first with officer names and incident codes asked once per page', async () => {
    for (let n = 1; n <= 6; n++)
      await records.insert(
        row(n, {
          officerId: n % 2 ? 'off-1' : 'off-2',
          incidentId: n <= 2 ? 'inc-1' : null,
        }),
      );

    const all = await records.list({});

    expect(all.map((r) => r.id)).toEqual(['exp-6', 'exp-5', 'exp-4', 'exp-3', 'exp-2', 'exp-1']);
    expect(asked.officers).toEqual([['off-2', 'off-1']]);
    expect(asked.incidents).toEqual([['inc-1']]);
    expect(all[4]).toEqual({
      id: 'exp-2',
      status: 'running',
      incidentId: 'inc-1',
      incidentCode: 'VV-2026-0007',
      caseNumber: '',
      cameras: [{ id: 'cam-a', name: 'Cổng trường' }],
      fromMs: T0,
      toMs: T0 + 60_000,
      destination: '/media/usb',
      folderName: 'xuat-2',
      officer: OFFICERS[1],
      startedAt: T0 + 2000,
      finishedAt: null,
      bytes: 0,
      files: [],
      manifestSha256: null,
      errorCode: null,
    });
    expect(all[0]?.incidentCode).toBeNull();
    expect((await records.list({ incidentId: 'inc-1', limit: 1 })).map((r) => r.id)).toEqual([
      'exp-2',
    ]);
  });

  it('ends a row inside the caller transaction, and lists only the running ones as running', async () => {
    await records.insert(row(1));
    await records.insert(row(2));
    const file = {
      name: 'a.mp4',
      bytes: 5,
      sha256: 'ab',
      kind: 'video' as const,
      cameraId: 'cam-a',
    };
    await db.transaction((tx) =>
      records.end(tx, 'exp-1', {
        status: 'complete',
        finishedAt: T0 + 9000,
        bytes: 5,
        files: [file],
        manifestSha256: 'cd',
        errorCode: null,
      }),
    );
    expect(await records.get('exp-1')).toMatchObject({
      status: 'complete',
      finishedAt: T0 + 9000,
      bytes: 5,
      files: [file],
      manifestSha256: 'cd',
    });
    expect((await records.running()).map((r) => r.id)).toEqual(['exp-2']);
    await expect(records.get('nope')).rejects.toMatchObject({
      code: 'not_found',
      message: 'export_not_found',
    });
  });
});
