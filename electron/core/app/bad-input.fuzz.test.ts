// The station's bad-input figure: generated malformed payloads for every channel of
// the contract, through the dispatcher and through the WebSocket transport of a
// running core. Each must come back as a typed error, the core must still answer
// afterwards, and no ffmpeg may be left behind. Only payloads the channel's own
// schema refuses are sent, so nothing generated can reach a camera or a network
// address (a valid camera.add could point ffmpeg anywhere).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startRig, type Rig } from '../../../e2e/rig/rig';
import { createApi } from '../../contract/api';
import { channels, type Channel } from '../../contract/channels';
import { ApiError, ApiErrorCode } from '../../contract/errors';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { silentLogger } from '../logging/logger';
import { createWsTransport, type WebSocketConstructor } from '../../contract/ws-client';
import { dispatch, type CallContext, type Endpoint } from './dispatch';
import { createStationCore, type StationCore } from './station-core';
import { buildTestServices, signInCommander } from './testing/test-services';

const RUNS = 1000;
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const CHANNELS = Object.keys(channels) as Channel[];

/** Strings that have broken parsers, file names, ffmpeg arguments and reports before. */
const nastyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    'cam\u0000x',
    'rtsp://h/cam\u0000x',
    '\u202Eevil',
    '../../etc/passwd',
    '/proc/self/mem',
    '%00',
    '__proto__',
    'constructor',
    ' '.repeat(5000),
    'A'.repeat(70_000),
    '{"$ne":null}',
    "'; DROP TABLE officers; --",
  ),
);
const nastyValue = fc.oneof(
  nastyString,
  fc.anything({ maxDepth: 3 }),
  fc.constantFrom(NaN, Infinity, -1, 2 ** 53, -0, 1e308, null, true, [], {}),
);

/** Field names the channel's request knows, so objects get past the first key check. */
function fieldsOf(channel: Channel): string[] {
  let schema: unknown = channels[channel].request;
  for (let i = 0; i < 4 && schema && typeof schema === 'object'; i++) {
    const def = (schema as { def?: { innerType?: unknown; in?: unknown; shape?: object } }).def;
    const shape = (schema as { shape?: object }).shape ?? def?.shape;
    if (shape) return Object.keys(shape);
    schema = def?.innerType ?? def?.in;
  }
  return [];
}

/** What a payload becomes on the wire (NaN → null, undefined fields dropped). */
function overJson(payload: unknown): unknown {
  const text = JSON.stringify(payload);
  return text === undefined ? undefined : JSON.parse(text);
}

/** A channel and a payload its request schema refuses (as sent, or after JSON for the wire). */
const malformedCall = (wire: boolean) =>
  fc
    .constantFrom(...CHANNELS)
    .chain((channel) => {
      const fields = fieldsOf(channel);
      const payload = fc.oneof(
        nastyValue,
        fields.length
          ? fc.dictionary(fc.constantFrom(...fields), nastyValue, { maxKeys: fields.length })
          : nastyValue,
        fc.dictionary(nastyString, nastyValue, { maxKeys: 4 }),
      );
      return fc.record({
        channel: fc.constant(channel),
        payload: wire ? payload.map(overJson) : payload,
      });
    })
    .filter(({ channel, payload }) => !channels[channel].request.safeParse(payload ?? {}).success);

const TYPED = new Set(ApiErrorCode.options);

function ffmpegChildren(): number[] {
  try {
    const out = execFileSync('pgrep', ['-P', String(process.pid), 'ffmpeg'], { encoding: 'utf8' });
    return out.split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

describe('bad input (fuzz)', () => {
  describe('through the dispatcher', () => {
    let dir: string;
    let db: Database;
    let endpoint: Endpoint;
    let ctx: CallContext;
    let settle: () => Promise<void>;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'station-fuzz-'));
      db = await openStationDb(dir);
      ({ endpoint, settle } = await buildTestServices({ db, dir }));
      ctx = await signInCommander(endpoint);
    });
    afterAll(async () => {
      await settle();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it(`answers ${RUNS} malformed calls across every channel with typed errors`, async () => {
      const counts = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(malformedCall(false), async ({ channel, payload }) => {
          const err = await dispatch(endpoint, channel, payload, ctx).then(
            () => null,
            (e: unknown) => e,
          );
          expect(err, channel).toBeInstanceOf(ApiError);
          const code = (err as ApiError).code;
          expect(code, channel).toBe('invalid_request');
          counts.set(code, (counts.get(code) ?? 0) + 1);
        }),
        { numRuns: RUNS, seed: SEED },
      );
      // Still serving, signed in as before.
      expect(await dispatch(endpoint, 'camera.list', undefined, ctx)).toEqual([]);
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      console.log(`fuzz dispatcher: ${total} malformed calls, ${JSON.stringify([...counts])}`);
      expect(total).toBe(RUNS);
    });
  });

  describe('through the WebSocket transport of a running core', () => {
    let dir: string;
    let rig: Rig;
    let core: StationCore;
    let rpcUrl: string;
    let session: string;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'station-fuzz-ws-'));
      rig = await startRig({ h264: ['cam1'] });
      core = await createStationCore({
        dataDir: dir,
        demo: 'off',
        version: '0.0.0-test',
        platform: process.platform,
        enableWsRpc: true,
        logger: silentLogger,
        recordingSegmentSeconds: 2,
      });
      const base = await core.start();
      rpcUrl = `ws://127.0.0.1:${base.port}/rpc?token=${base.mediaToken}`;
      const transport = createWsTransport(rpcUrl, {
        WebSocket: WebSocket as unknown as WebSocketConstructor,
      });
      const api = createApi(transport);
      session = (
        await api.auth.setup({
          fullName: 'Nguyễn Văn Quản',
          rank: 'Thiếu tá',
          badgeNumber: '100-001',
          password: 'mat-khau-thu-1',
        })
      ).token;
      // One real camera, so ffmpeg is running while the core is pelted.
      await api.cameras.add({ name: 'Cổng trường', mainUrl: rig.url('cam1') });
      transport.close();
    }, 60_000);
    afterAll(async () => {
      await rig?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it(`answers ${RUNS} malformed frames with typed errors, keeps serving, orphans no ffmpeg`, async () => {
      const ws = new WebSocket(rpcUrl);
      const replies = new Map<string, (frame: { ok: boolean; error?: { code: string } }) => void>();
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as {
          id?: string;
          ok?: boolean;
          error?: { code: string };
        };
        if (frame.id !== undefined && replies.has(frame.id)) {
          replies.get(frame.id)!({
            ok: frame.ok ?? false,
            ...(frame.error ? { error: frame.error } : {}),
          });
          replies.delete(frame.id);
        }
      });
      await new Promise<void>((resolve, reject) => ws.once('open', resolve).once('error', reject));
      let n = 0;
      const call = (channel: string, payload: unknown) =>
        new Promise<{ ok: boolean; error?: { code: string } }>((resolve, reject) => {
          const id = `c${++n}`;
          const timer = setTimeout(() => reject(new Error(`no reply to ${channel}`)), 10_000);
          replies.set(id, (f) => {
            clearTimeout(timer);
            resolve(f);
          });
          ws.send(JSON.stringify({ id, channel, payload }));
        });
      expect((await call('auth.resume', { token: session })).ok).toBe(true);
      const counts = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(malformedCall(true), async ({ channel, payload }) => {
          const reply = await call(channel, payload);
          expect(reply.ok, channel).toBe(false);
          expect(TYPED.has(reply.error!.code as ApiErrorCode), reply.error?.code).toBe(true);
          expect(reply.error!.code, channel).toBe('invalid_request');
          counts.set(reply.error!.code, (counts.get(reply.error!.code) ?? 0) + 1);
        }),
        { numRuns: RUNS, seed: SEED + 1 },
      );
      // Frames that are not calls at all: each gets a typed error or is dropped, never a crash.
      for (const raw of ['not json', '[]', '{"id":{}}', '{"id":"x","channel":42}', '\u0000']) {
        ws.send(raw);
      }
      expect((await call('system.info', undefined)).ok).toBe(true);
      expect((await call('camera.list', undefined)).ok).toBe(true);
      ws.close();
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      console.log(`fuzz websocket: ${total} malformed calls, ${JSON.stringify([...counts])}`);
      expect(total).toBe(RUNS);
      expect(ffmpegChildren().length).toBeGreaterThan(0); // the camera is still recording
      await core.dispose();
      expect(ffmpegChildren()).toEqual([]);
    }, 180_000);
  });
});
