// Pins what a handover records, byte for byte: the stored summary, the sealed
// record with its content hash, the read-back list and the printed PDF, for a
// shift ended by handover and one ended by replacement. The golden file was
// written by this test from the code before the summary moved onto the owning
// services' read methods; regenerate it (UPDATE_HANDOVER_GOLDEN=1) only for an
// intended change of what a handover says.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { AuditLog } from '../audit/audit-log';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { renderHandoverPdf } from '../reports/handover-pdf';
import { ShiftService } from './shift-service';
import {
  addHistory,
  insertExport,
  insertGap,
  insertOfficer,
  principalOf,
} from './testing/duty-fixtures';
import { realHandoverSources } from './testing/real-handover-sources';
import { H, M, SHIFT_END, T0, scriptShiftRecords } from './testing/scripted-shift';

const GOLDEN = join(__dirname, 'testing', 'handover-golden.json');

interface Golden {
  handoverRows: Array<{
    id: string;
    summary_json: string;
    content_hash: string | null;
    sealed_json: string | null;
  }>;
  listJson: string;
  currentJson: string;
  pdfSha256: string[];
}

let dir: string;
let db: Database;
let audit: AuditLog;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-golden-'));
  db = await openStationDb(dir);
});
afterEach(async () => {
  await audit.settled();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function scriptTwoShifts(): Promise<Golden> {
  let clock = T0;
  let ids = 0;
  audit = new AuditLog({
    db,
    key: Buffer.alloc(32, 7),
    headFile: join(dir, 'audit-head.json'),
    now: () => clock,
  });
  const shifts = new ShiftService({
    db,
    audit,
    sources: realHandoverSources(db, audit, dir),
    now: () => clock,
    newId: () => `id-${++ids}`,
  });
  const an = await insertOfficer(db, {
    id: 'off-a',
    fullName: 'Nguyễn Văn An',
    rank: 'Thiếu úy',
    badge: '101',
  });
  const binh = await insertOfficer(db, {
    id: 'off-b',
    fullName: 'Trần Thị Bình',
    rank: 'Trung úy',
    badge: '102',
    role: 'commander',
  });

  // An's shift ends by handover; Bình acknowledges it.
  const first = (await shifts.openFor(an)).shift;
  await scriptShiftRecords(db, an.id);
  // Exports ended in the shift whatever their outcome; a running one and one before it left out.
  for (const [id, status, folderName, finishedAt] of [
    ['exp-1', 'complete', 'VV-2026-0012_a', T0 + 2 * H + 5 * M],
    ['exp-2', 'failed', 'VV-2026-0012_b', T0 + 3 * H],
    ['exp-3', 'cancelled', '2026-03-10_0900', T0 + 3 * H],
    ['exp-4', 'running', 'VV-2026-0013_c', null],
    ['exp-5', 'complete', 'truoc-ca', T0 - M],
  ] as const)
    await insertExport(db, {
      id,
      status,
      folderName,
      finishedAt,
      officerId: an.id,
      startedAt: T0 + 2 * H,
    });
  clock = SHIFT_END;
  const ended = await shifts.end(
    first.id,
    'Camera Ngã tư Lê Lợi vẫn mất kết nối',
    principalOf(an, first.id),
  );
  clock = SHIFT_END + 5 * M;
  const second = (await shifts.openFor(binh)).shift;
  clock = SHIFT_END + 6 * M;
  await shifts.acknowledge(ended.id, 'Đã nhận đủ', principalOf(binh, second.id));

  // Bình's shift is ended by An signing in again (replaced), then An acknowledges it.
  await addHistory(db, 'inc-2', SHIFT_END + H, binh.id, 'updated', 'in_progress');
  await insertGap(db, 'cam-2', SHIFT_END + H, SHIFT_END + H + 10 * M, 'camera_offline');
  await insertExport(db, {
    id: 'exp-6',
    status: 'complete',
    folderName: 'VV-2026-0012_d',
    officerId: an.id,
    startedAt: SHIFT_END + H,
    finishedAt: SHIFT_END + 2 * H,
  });
  clock = SHIFT_END + 3 * H;
  const current = await shifts.current(second.id);
  const { shift: third, replaced } = await shifts.openFor(an);
  clock = SHIFT_END + 3 * H + M;
  if (!replaced) throw new Error('Bình’s shift was not replaced');
  await shifts.acknowledge(replaced.id, '', principalOf(an, third.id));

  const handoverRows = await db.all<Golden['handoverRows'][number]>(
    'SELECT id, summary_json, content_hash, sealed_json FROM handovers ORDER BY created_at',
  );
  const list = await shifts.list({ limit: 10 });
  const pdfSha256: string[] = [];
  for (const h of list) {
    const pdf = await renderHandoverPdf(await shifts.getHandover(h.id), {
      stationName: 'Công an phường Bến Thành',
      generatedAt: SHIFT_END + 4 * H,
    });
    pdfSha256.push(createHash('sha256').update(pdf).digest('hex'));
  }
  return {
    handoverRows,
    listJson: JSON.stringify(list),
    currentJson: JSON.stringify(current),
    pdfSha256,
  };
}

it('records and prints handovers exactly as the golden file says', async () => {
  const actual = await scriptTwoShifts();
  if (process.env.UPDATE_HANDOVER_GOLDEN === '1')
    writeFileSync(GOLDEN, `${JSON.stringify(actual, null, 2)}\n`);
  const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Golden;
  expect(actual.handoverRows).toHaveLength(2);
  expect(actual.handoverRows.every((r) => r.content_hash !== null)).toBe(true);
  expect(actual).toEqual(golden);
});
