import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../app/dispatch';
import { AuditLog } from '../audit/audit-log';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { MediaServer } from '../media-server/media-server';
import { OfficerService } from '../officers/officer-service';
import { IncidentService } from './incident-service';
import { registerSnapshotRoutes } from './snapshot-routes';

const officer: Principal = {
  officerId: 'off-1',
  fullName: 'Lê Văn Cường',
  rank: 'Trung úy',
  role: 'duty',
  shiftId: 'shift-1',
  token: 'session-ok',
  locked: false,
};
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  randomBytes(200),
]);

describe('snapshot route', () => {
  let dir: string;
  let db: Database;
  let audit: AuditLog;
  const server = new MediaServer();
  let base: string;
  let snapshotId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'station-snapshot-route-'));
    db = await openStationDb(dir);
    await db.run(
      `INSERT INTO officers (id, full_name, rank, badge_number, role, password_hash, created_at, updated_at)
       VALUES ('off-1', 'Lê Văn Cường', 'Trung úy', '001', 'duty', 'x', 0, 0)`,
    );
    await db.run("INSERT INTO shifts (id, officer_id, started_at) VALUES ('shift-1', 'off-1', 0)");
    audit = new AuditLog({ db, key: randomBytes(32), headFile: join(dir, 'audit-head.json') });
    const incidents = new IncidentService({
      db,
      audit,
      officers: new OfficerService({ db, audit }),
      dataDir: dir,
      cameraNames: async (ids) => new Map(ids.map((id) => [id, `Camera ${id}`])),
      emit: () => undefined,
    });
    const inc = await incidents.create(
      {
        category: 'suspicious',
        severity: 'low',
        location: 'Cổng trường',
        description: 'Người lạ đứng lâu trước cổng',
        occurredAt: 2_000_000,
        startMs: 1_900_000,
        endMs: 2_100_000,
        cameraIds: ['cam-1'],
      },
      officer,
    );
    const withSnap = await incidents.addSnapshot(
      {
        incidentId: inc.id,
        cameraId: 'cam-1',
        takenAt: 2_000_000,
        mime: 'image/png',
        dataBase64: PNG.toString('base64'),
      },
      officer,
    );
    snapshotId = withSnap.snapshots[0]?.id ?? '';
    registerSnapshotRoutes(server, {
      incidents,
      canView: (session) => session === officer.token,
    });
    base = (await server.start()).baseUrl;
  });
  afterAll(async () => {
    await server.dispose();
    await audit.settled();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const url = (id: string, session: string | null = officer.token) =>
    `${base}/snapshots/${id}?token=${server.token}${session === null ? '' : `&session=${session}`}`;

  it('serves the image with its type and a private cache header', async () => {
    const res = await fetch(url(snapshotId));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('private, max-age=3600');
    expect(res.headers.get('content-length')).toBe(String(PNG.length));
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);
    const head = await fetch(url(snapshotId), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('image/png');
  });

  it('refuses a missing or wrong session with 403, before looking the id up', async () => {
    expect((await fetch(url(snapshotId, null))).status).toBe(403);
    expect((await fetch(url(snapshotId, 'stolen'))).status).toBe(403);
    expect((await fetch(url('unknown-id', 'stolen'))).status).toBe(403);
  });

  it('answers 404 for unknown or malformed ids and 401 without the launch token', async () => {
    expect((await fetch(url('unknown-id'))).status).toBe(404);
    expect((await fetch(url('..%2F..%2Fstation.db'))).status).toBe(404);
    expect((await fetch(url(''))).status).toBe(404);
    expect((await fetch(`${base}/snapshots/${snapshotId}?session=${officer.token}`)).status).toBe(
      401,
    );
    expect((await fetch(url(snapshotId), { method: 'POST' })).status).toBe(405);
  });
});
