// The district channels through the contract, over the graph as the station composes
// it (with no transport yet: "nats not wired"): status, connecting (commander only,
// audited), the requests and a commander's answer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../contract/audit-schemas';
import { DistrictStatus, HealthEventData, type StationCredentials } from '../../contract/district';
import { ApiError } from '../../contract/errors';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { dispatch, type CallContext } from './dispatch';
import {
  buildTestServices,
  signInCommander,
  signInDutyOfficer,
  type TestServices,
} from './testing/test-services';

const CREDENTIALS: StationCredentials = {
  format: 'station-district-credentials/1',
  stationId: 'phuong-1',
  stationName: 'Công an phường 1',
  hubUrl: 'tls://127.0.0.1:7422',
  user: 'st-phuong-1',
  password: 'mat-khau-rat-dai-0123456789',
  caPem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
};

let dir: string;
let db: Database;
let graph: TestServices;
let commander: CallContext;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-district-handlers-'));
  db = await openStationDb(dir);
  graph = await buildTestServices({ db, dir });
  await graph.district.start();
  commander = await signInCommander(graph.endpoint);
});
afterEach(async () => {
  await graph.settle();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = (channel: string, req: unknown = {}, ctx = commander) =>
  dispatch(graph.endpoint, channel as never, req as never, ctx);

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(err)}`);
  return err;
}

describe('district channels', () => {
  it('connects a station for a commander only, audited, and says the transport is missing', async () => {
    const connect = { credentials: JSON.stringify(CREDENTIALS) };
    const bad = await rejection(call('district.connect', { credentials: 'xin chào' }));
    expect(bad.fields).toEqual({ credentials: 'credentials_format' });

    expect(await call('district.connect', connect)).toMatchObject({
      enabled: true,
      stationId: 'phuong-1',
      link: 'off',
      problem: 'nats not wired',
    });
    const page = (await call('audit.list')) as { items: AuditEntry[] };
    expect(page.items.filter((e) => e.action.startsWith('district.'))).toMatchObject([
      {
        action: 'district.connected',
        subject: 'phuong-1',
        details: { hubUrl: CREDENTIALS.hubUrl },
      },
    ]);
    expect(await call('district.disconnect')).toMatchObject({ enabled: false, link: 'off' });

    // A duty officer sees the status but cannot connect the station.
    const duty = await signInDutyOfficer(graph.endpoint, commander);
    expect(DistrictStatus.parse(await call('district.status', {}, duty.ctx))).toMatchObject({
      enabled: false,
      stationId: 'phuong-1',
      link: 'off',
    });
    expect((await rejection(call('district.connect', connect, duty.ctx))).code).toBe('forbidden');
  });

  it('lists requests and refuses an unknown one', async () => {
    expect(await call('district.requests', {})).toEqual([]);
    expect(
      (await rejection(call('district.decide', { requestId: 'rq-none-0001', decision: 'refused' })))
        .code,
    ).toBe('not_found');
  });

  it("sends the station's health from its cameras, and resolves a request's incident by its code", async () => {
    const camera = (await call('camera.add', {
      name: 'Cổng trước',
      mainUrl: 'rtsp://127.0.0.1:9/main',
    })) as { id: string };
    await call('district.connect', { credentials: JSON.stringify(CREDENTIALS) });
    const health = await db.get<{ payload: string }>(
      "SELECT payload FROM district_outbox WHERE kind = 'health'",
    );
    expect(HealthEventData.parse(JSON.parse(health?.payload ?? ''))).toEqual({
      cameras: 1,
      online: 0,
      recording: 0,
      openAlarms: 0,
      names: { [camera.id]: 'Cổng trước' },
    });

    const now = Date.now();
    const incident = (await call('incident.create', {
      category: 'theft',
      location: 'Cổng trước',
      description: 'Trộm xe máy',
      occurredAt: now - 60_000,
      startMs: now - 120_000,
      endMs: now - 30_000,
      cameraIds: [camera.id],
    })) as { code: string };
    const request = {
      requestId: 'rq-0000-0001',
      incidentCode: incident.code,
      fromMs: null,
      toMs: null,
      cameraIds: [],
      reason: 'Phục vụ điều tra',
      requestedBy: 'Đại úy Lê Văn Cường',
      requestedAt: now,
    };
    await graph.district.receive(request);
    // Found by its code, the incident's range has no footage: the export refuses, the
    // request stays pending for the commander to refuse instead.
    const refused = await rejection(
      call('district.decide', { requestId: request.requestId, decision: 'approved' }),
    );
    expect([refused.code, refused.message]).toEqual(['conflict', 'no_footage']);
    expect(await call('district.requests', { status: 'pending' })).toMatchObject([
      { requestId: request.requestId, status: 'pending' },
    ]);
    expect(
      await call('district.decide', {
        requestId: request.requestId,
        decision: 'refused',
        reason: 'Không có hình',
      }),
    ).toMatchObject({ status: 'refused', decisionReason: 'Không có hình' });
  });
});
