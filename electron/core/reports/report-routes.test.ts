import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../audit/audit-log';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { MediaServer } from '../media-server/media-server';
import { ShiftService } from '../shifts/shift-service';
import { insertOfficer, principalOf } from '../shifts/testing/duty-fixtures';
import { realHandoverSources } from '../shifts/testing/real-handover-sources';
import {
  SHIFT_END,
  T0,
  THEFT_DESCRIPTION,
  scriptShiftRecords,
} from '../shifts/testing/scripted-shift';
import { registerReportRoutes } from './report-routes';

describe('report routes', () => {
  let dir: string;
  let db: Database;
  let audit: AuditLog;
  let handoverId: string;
  const server = new MediaServer();
  let base: string;
  const VALID_SESSION = 'session-of-binh';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'station-report-'));
    db = await openStationDb(dir);
    let clock = T0;
    audit = new AuditLog({
      db,
      key: randomBytes(32),
      headFile: join(dir, 'head.json'),
      now: () => clock,
    });
    const shifts = new ShiftService({
      db,
      audit,
      sources: realHandoverSources(db, audit, dir),
      now: () => clock,
    });
    const an = await insertOfficer(db, {
      id: 'off-a',
      fullName: 'Nguyễn Văn An',
      rank: 'Thiếu úy',
      badge: '1',
    });
    const { shift } = await shifts.openFor(an);
    await scriptShiftRecords(db, an.id);
    clock = SHIFT_END;
    handoverId = (await shifts.end(shift.id, 'Không có gì thêm', principalOf(an, shift.id))).id;

    registerReportRoutes(server, {
      shifts,
      stationName: async () => 'Công an phường Bến Thành',
      canView: (token) => token === VALID_SESSION,
      now: () => SHIFT_END + 60_000,
    });
    base = (await server.start()).baseUrl;
  });
  afterAll(async () => {
    await server.dispose();
    await audit.settled();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const url = (params: Record<string, string>) =>
    `${base}/reports/handover.pdf?${new URLSearchParams({ token: server.token, ...params })}`;

  it('serves the handover as an inline PDF', async () => {
    const res = await fetch(url({ id: handoverId, session: VALID_SESSION }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    // The shift ended at 15:00 on 10/03/2026, station time.
    expect(res.headers.get('content-disposition')).toBe(
      'inline; filename="ban-giao-ca-2026-03-10.pdf"',
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    const file = join(dir, 'served.pdf');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('CÔNG AN PHƯỜNG BẾN THÀNH');
    expect(text).toContain('2026-0012');
    expect(text).toContain(THEFT_DESCRIPTION);
    expect(text).toContain('Chưa nhận bàn giao');
  });

  it('refuses without a viewing session, and answers 404 for unknown ids and paths', async () => {
    expect((await fetch(url({ id: handoverId }))).status).toBe(403);
    expect((await fetch(url({ id: handoverId, session: 'expired' }))).status).toBe(403);
    expect((await fetch(url({ id: 'nope', session: VALID_SESSION }))).status).toBe(404);
    expect((await fetch(url({ session: VALID_SESSION }))).status).toBe(400);
    const other = `${base}/reports/other.pdf?token=${server.token}&session=${VALID_SESSION}`;
    expect((await fetch(other)).status).toBe(404);
    // The media server's own launch token still comes first.
    const noToken = `${base}/reports/handover.pdf?id=${handoverId}&session=${VALID_SESSION}`;
    expect((await fetch(noToken)).status).toBe(401);
  });
});
