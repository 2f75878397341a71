import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../contract/audit-schemas';
import { channels, type Channel } from '../../contract/channels';
import { ApiError } from '../../contract/errors';
import type { Camera } from '../../contract/schemas';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import {
  dispatch,
  dispatchToOutcome,
  type CallContext,
  type Endpoint,
  type Handlers,
} from './dispatch';
import { buildTestServices, signInCommander, TEST_PASSWORD } from './testing/test-services';

let ctx: CallContext;
let endpoint: Endpoint;
let settle: () => Promise<void>;
let dir: string;
let db: Database;
let handlers: Handlers;
let internalErrors: unknown[];

const addCamera = async (name: string, mainUrl: string) =>
  (await dispatch(endpoint, 'camera.add', { name, mainUrl }, ctx)) as Camera;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-dispatch-'));
  db = await openStationDb(dir);
  ({ handlers, endpoint, settle } = await buildTestServices({
    db,
    dir,
    systemInfo: async () => ({
      version: '0.0.0',
      mediaBaseUrl: 'http://127.0.0.1:1',
      mediaToken: 't',
      demoMode: false,
      dataDir: dir,
      ffmpegPath: null,
      platform: 'linux',
    }),
  }));
  internalErrors = [];
  ctx = await signInCommander(endpoint);
});
afterEach(async () => {
  await settle();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

describe('dispatch', () => {
  it('has a handler for every channel', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(channels).sort());
  });

  it('rejects an unknown channel', async () => {
    expect((await rejection(dispatch(endpoint, 'camera.drop', {}, ctx))).code).toBe(
      'unknown_channel',
    );
    expect((await rejection(dispatch(endpoint, 42, {}, ctx))).code).toBe('unknown_channel');
    expect((await rejection(dispatch(endpoint, 'toString', {}, ctx))).code).toBe('unknown_channel');
  });

  it('rejects a bad payload with field errors', async () => {
    const err = await rejection(
      dispatch(endpoint, 'camera.add', { name: '', mainUrl: 'http://x' }, ctx),
    );
    expect(err.code).toBe('invalid_request');
    expect(err.fields).toMatchObject({ name: expect.any(String), mainUrl: 'invalid_rtsp_url' });
    expect((await rejection(dispatch(endpoint, 'camera.add', 'not an object', ctx))).code).toBe(
      'invalid_request',
    );
  });

  it('refuses control and bidi characters in every text that reaches ffmpeg, a file or a report', async () => {
    // A NUL in a camera URL once crashed the core at spawn, and at every restart after.
    const cases: [string, unknown, string][] = [
      ['camera.add', { name: 'A', mainUrl: 'rtsp://h/cam\u0000x' }, 'mainUrl'],
      ['camera.add', { name: 'Cam\u0000', mainUrl: 'rtsp://h/x' }, 'name'],
      ['camera.add', { name: 'A', location: 'Ng\u202Eõ 12', mainUrl: 'rtsp://h/x' }, 'location'],
      ['camera.add', { name: 'A', mainUrl: 'rtsp://h/x', password: 'p\u0000' }, 'password'],
      [
        'camera.addRecorder',
        {
          vendor: 'generic',
          host: '10.0.0.2',
          channels: 1,
          mainPath: '/ch{ch}\u0000',
          name: 'NVR',
        },
        'mainPath',
      ],
      ['storage.setFolder', { path: '/tmp/a\u0000b' }, 'path'],
    ];
    for (const [channel, payload, field] of cases) {
      const err = await rejection(dispatch(endpoint, channel, payload, ctx));
      expect(err.code, channel).toBe('invalid_request');
      expect(err.fields?.[field], `${channel} ${field}`).toBe('invalid_characters');
    }
    expect(await db.all('SELECT id FROM cameras')).toEqual([]);
  });

  it('a new sign-in on a connection ends the session it had', async () => {
    const first = ctx.binding.token!;
    const me = (await dispatch(endpoint, 'auth.state', {}, ctx)) as {
      officers: { id: string }[];
    };
    await dispatch(
      endpoint,
      'auth.signIn',
      { officerId: me.officers[0]!.id, password: TEST_PASSWORD },
      ctx,
    );
    expect(ctx.binding.token).not.toBe(first);
    const stale = { ...ctx, binding: { token: first } };
    expect((await rejection(dispatch(endpoint, 'camera.list', undefined, stale))).code).toBe(
      'unauthenticated',
    );
    expect(await dispatch(endpoint, 'camera.list', undefined, ctx)).toEqual([]);
  });

  it('rejects extra fields (strict requests)', async () => {
    const err = await rejection(
      dispatch(endpoint, 'camera.add', { name: 'A', mainUrl: 'rtsp://h/x', isAdmin: true }, ctx),
    );
    expect(err.code).toBe('invalid_request');
    expect((await rejection(dispatch(endpoint, 'camera.list', { extra: 1 }, ctx))).code).toBe(
      'invalid_request',
    );
    expect(await db.all('SELECT id FROM cameras')).toEqual([]);
  });

  it('runs a valid call, with a missing payload meaning no arguments', async () => {
    const cam = await addCamera('A', 'rtsp://u:pw@h/x');
    expect(cam).toMatchObject({ name: 'A', username: 'u', hasPassword: true });
    expect(cam).not.toHaveProperty('password');
    expect(await dispatch(endpoint, 'camera.list', undefined, ctx)).toEqual([cam]);
    expect((await rejection(dispatch(endpoint, 'camera.remove', { id: 'nope' }, ctx))).code).toBe(
      'not_found',
    );
  });

  it('audits a removed camera with the name it had, which its id alone would not tell', async () => {
    const cam = await addCamera('Cổng sau', 'rtsp://h/x');
    await dispatch(endpoint, 'camera.remove', { id: cam.id }, ctx);
    const page = (await dispatch(endpoint, 'audit.list', { action: 'camera.removed' }, ctx)) as {
      items: AuditEntry[];
    };
    expect(page.items.map((e) => [e.subject, e.details])).toEqual([[cam.id, { name: 'Cổng sau' }]]);
    // Footage and events of the removed camera are still named by it.
    expect(await dispatch(endpoint, 'camera.names', { ids: [cam.id, 'never'] }, ctx)).toEqual([
      { id: cam.id, name: 'Cổng sau' },
    ]);
  });

  it('validates responses and hides internal errors', async () => {
    const broken: Handlers = {
      ...handlers,
      'camera.list': async () => [{ id: 'x' }] as unknown as Camera[],
      'layout.list': async () => {
        throw new Error('SQLITE_CORRUPT: details that stay in main');
      },
    };
    const opts = { onInternalError: (_c: string, e: unknown) => internalErrors.push(e) };
    const bad = await rejection(
      dispatch({ handlers: broken, authorize: endpoint.authorize }, 'camera.list', {}, ctx, opts),
    );
    expect(bad.toBody()).toEqual({ code: 'internal', message: 'internal_error' });
    const hidden = await dispatchToOutcome(
      { handlers: broken, authorize: endpoint.authorize },
      'layout.list',
      {},
      ctx,
      opts,
    );
    expect(hidden).toEqual({ ok: false, error: { code: 'internal', message: 'internal_error' } });
    expect(internalErrors).toHaveLength(2);
    expect(String(internalErrors[1])).toContain('SQLITE_CORRUPT');
  });

  it('strips fields a handler should not have returned', async () => {
    const leaky: Handlers = {
      ...handlers,
      'settings.get': async () =>
        ({
          ...(await handlers['settings.get']({}, { ...ctx, actor: null })),
          secret: 'x',
        }) as never,
    };
    const out = await dispatch(
      { handlers: leaky, authorize: endpoint.authorize },
      'settings.get' satisfies Channel,
      {},
      ctx,
    );
    expect(out).not.toHaveProperty('secret');
  });

  it('recording and storage channels: validation, not_found, quota round trip', async () => {
    const cam = (await dispatch(
      endpoint,
      'camera.add',
      { name: 'A', mainUrl: 'rtsp://h/x' },
      ctx,
    )) as Camera;
    const hour = 3_600_000;
    const bad = async (channel: Channel, payload: unknown) =>
      (await rejection(dispatch(endpoint, channel, payload, ctx))).code;

    expect(
      await bad('recording.timeline', { cameraId: cam.id, from: 10 * hour, to: 10 * hour }),
    ).toBe('invalid_request');
    expect(await bad('recording.timeline', { cameraId: cam.id, from: 0, to: 32 * 24 * hour })).toBe(
      'invalid_request',
    );
    expect(
      await dispatch(endpoint, 'recording.timeline', { cameraId: cam.id, from: 0, to: hour }, ctx),
    ).toMatchObject({ cameraId: cam.id, recordings: [], gaps: [] });

    expect(await bad('recording.setCamera', { cameraId: 'nope', enabled: false })).toBe(
      'not_found',
    );
    expect(await bad('recording.setCamera', { cameraId: cam.id, maxAgeDays: 0 })).toBe(
      'invalid_request',
    );
    expect(
      await dispatch(
        endpoint,
        'recording.setCamera',
        { cameraId: cam.id, stream: 'sub', maxAgeDays: 30 },
        ctx,
      ),
    ).toEqual({ cameraId: cam.id, enabled: true, stream: 'sub', maxAgeDays: 30 });
    expect(await dispatch(endpoint, 'recording.cameras', {}, ctx)).toEqual([
      { cameraId: cam.id, enabled: true, stream: 'sub', maxAgeDays: 30 },
    ]);

    expect(await bad('storage.setQuota', { kind: 'percent', value: 120 })).toBe('invalid_request');
    expect(await bad('storage.setQuota', { kind: 'tb', value: 1 })).toBe('invalid_request');
    expect(await bad('storage.events', { limit: 0 })).toBe('invalid_request');
    expect(
      await dispatch(endpoint, 'storage.setQuota', { kind: 'gb', value: 500 }, ctx),
    ).toMatchObject({
      quota: { kind: 'gb', value: 500 },
    });
    expect(await dispatch(endpoint, 'storage.settings', {}, ctx)).toMatchObject({
      quota: { kind: 'gb', value: 500 },
      storageDir: join(dir, 'recordings'),
    });
    expect(await dispatch(endpoint, 'storage.events', { limit: 10 }, ctx)).toEqual([]);
  });
});
