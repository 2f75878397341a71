import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { ExportHistory } from './export-history';

let dir: string;
let db: Database;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-export-history-'));
  db = await openStationDb(dir);
  await db.run(
    `INSERT INTO officers (id, full_name, rank, badge_number, role, password_hash, created_at, updated_at)
     VALUES ('off-a', 'Nguyễn Văn An', 'Thiếu úy', '1', 'duty', 'not-a-real-hash', 0, 0)`,
  );
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function insertExport(id: string, status: string, finishedAt: number | null) {
  await db.run(
    `INSERT INTO exports (id, status, cameras_json, from_ms, to_ms, destination, folder_name,
       officer_id, started_at, finished_at)
     VALUES (?, ?, '[]', 0, 1, '/media/usb', ?, 'off-a', 50, ?)`,
    [id, status, `VV-2026-0012_${id}`, finishedAt],
  );
}

describe('ExportHistory', () => {
  it('reads the exports that ended in a range, whatever their outcome, oldest first, capped', async () => {
    await insertExport('e-before', 'complete', 99);
    await insertExport('e-b', 'failed', 300);
    await insertExport('e-a', 'complete', 100);
    await insertExport('e-running', 'running', null);
    await insertExport('e-c', 'cancelled', 300);
    await insertExport('e-after', 'complete', 301);
    const history = new ExportHistory({ db });
    const expected = [
      { id: 'e-a', finishedAt: 100, folderName: 'VV-2026-0012_e-a', status: 'complete' },
      { id: 'e-b', finishedAt: 300, folderName: 'VV-2026-0012_e-b', status: 'failed' },
      { id: 'e-c', finishedAt: 300, folderName: 'VV-2026-0012_e-c', status: 'cancelled' },
    ];
    expect(await history.finishedBetween(100, 300, 10)).toEqual(expected);
    expect(await db.transaction((tx) => history.finishedBetween(100, 300, 10, tx))).toEqual(
      expected,
    );
    expect(await history.finishedBetween(100, 300, 2)).toEqual(expected.slice(0, 2));
  });
});
