// The page's API without a hub: validation, unknown stations, a request stored as failed
// when the hub is unreachable, the Host check and the static root. Real SQLite, no spawn.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../electron/core/db/database';
import { envelope, healthData, incidentData } from '../testing/sample-events';
import { openCentreDb } from './centre-db';
import { ExportRequests } from './export-requests';
import { startCentreHttp, type CentreHttp } from './http-server';
import { CentreQueries, startOfStationDay } from './queries';
import { ReadModel } from './read-model';

const NOW = Date.UTC(2026, 11, 7, 3, 0, 0); // 10:00 station time
let db: Database;
let http: CentreHttp;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'centre-http-'));
  db = await openCentreDb(path.join(dir, 'centre.db'));
  const model = new ReadModel(db, undefined, () => NOW);
  await model.ensureStation('ben-nghe', 'Công an phường Bến Nghé');
  await model.apply(
    envelope(
      'ben-nghe',
      1,
      'incident',
      NOW - 3_600_000,
      incidentData('i1', 'BN-1', NOW - 3_600_000, { cameras: ['c1', 'c2'] }),
    ),
  );
  // Yesterday (station time): not in today's log.
  await model.apply(
    envelope(
      'ben-nghe',
      2,
      'incident',
      NOW - 12 * 3_600_000,
      incidentData('i0', 'BN-0', NOW - 12 * 3_600_000),
    ),
  );
  await model.apply(
    envelope('ben-nghe', 3, 'health', NOW - 60_000, {
      ...healthData(2, 2, 2, 0),
      names: { c1: 'Cổng chợ Bến Thành' },
    }),
  );
  const staticDir = path.join(dir, 'page');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<p>trang</p>');
  writeFileSync(path.join(dir, 'secret.txt'), 'secret');
  http = await startCentreHttp({
    port: 0,
    staticDir,
    queries: new CentreQueries(db, () => NOW),
    exports: new ExportRequests(
      db,
      () => null,
      () => NOW,
    ),
    now: () => NOW,
    log: { warn: () => undefined },
  });
});

afterAll(async () => {
  await http.close();
  await db.close();
});

function raw(pathname: string, host: string): Promise<{ status: number; body: string }> {
  const url = new URL(http.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: url.port, path: pathname, headers: { host } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const post = (body: unknown, type = 'application/json') =>
  fetch(`${http.url}/api/export-requests`, {
    method: 'POST',
    headers: { 'content-type': type },
    body: JSON.stringify(body),
  });

describe('centre HTTP API', () => {
  it("lists today's incidents by station time, and a range on request", async () => {
    expect(startOfStationDay(NOW)).toBe(Date.UTC(2026, 11, 6, 17, 0, 0));
    const today = (await (await fetch(`${http.url}/api/stations/ben-nghe/incidents`)).json()) as {
      incidents: { code: string; cameraNames: string[] }[];
    };
    expect(today.incidents.map((i) => i.code)).toEqual(['BN-1']);
    // Cameras by the station's names; one the station never named by its id.
    expect(today.incidents[0]!.cameraNames).toEqual(['Cổng chợ Bến Thành', 'c2']);
    const from = NOW - 2 * 86_400_000;
    const range = (await (
      await fetch(`${http.url}/api/stations/ben-nghe/incidents?from=${from}&to=${NOW}`)
    ).json()) as { incidents: { code: string }[] };
    expect(range.incidents.map((i) => i.code)).toEqual(['BN-1', 'BN-0']);
    expect((await fetch(`${http.url}/api/stations/ben-nghe/incidents?from=5&to=1`)).status).toBe(
      400,
    );
  });

  it('validates export requests and stores one as failed while the hub is unreachable', async () => {
    const ok = {
      station: 'ben-nghe',
      incidentCode: 'BN-1',
      reason: 'Điều tra',
      requestedBy: 'Đại úy A',
    };
    const missing = await post({ ...ok, incidentCode: null });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: string }).error).toBe('invalid_request');
    expect((await post({ ...ok, station: 'khong-co' })).status).toBe(404);
    expect((await post(ok, 'text/plain')).status).toBe(415);
    const res = await post(ok);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      status: 'failed',
      sendError: 'hub_unreachable',
      incidentCode: 'BN-1',
    });
  });

  it('answers only to its own host name and serves nothing outside the page folder', async () => {
    expect((await raw('/api/stations', 'evil.example:80')).status).toBe(421);
    const traversal = await raw('/../secret.txt', '127.0.0.1');
    expect(traversal.body).not.toContain('secret');
    const encoded = await raw('/%2e%2e/secret.txt', 'localhost');
    expect(encoded.body).not.toContain('secret');
    expect((await raw('/', '127.0.0.1')).body).toContain('trang');
  });
});
