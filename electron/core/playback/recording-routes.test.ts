import {
  mkdirSync,
  readlinkSync,
  readdirSync,
  readFileSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { MediaServer } from '../media-server/media-server';
import { RecordingService } from '../recording/recording-service';
import { sleep, writeSampleFmp4 } from '../recording/testing/recording-test-kit';
import { APP_PAGE_ORIGIN, registerRecordingRoutes } from './recording-routes';
import { FootageIndexRows } from '../recording/testing/footage-index-rows';
import { TEST_FFMPEG } from '../streams/testing/ffmpeg-bin';

const SESSION = 'session-ok';
const UNLISTED_ID = 424_242;
const T0 = Date.UTC(2026, 4, 1, 8, 0, 0);

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

describe('recording route', () => {
  let dir: string;
  let root: string;
  let db: Database;
  const server = new MediaServer({ trustedOrigins: [APP_PAGE_ORIGIN] });
  let port: number;
  let sample: Buffer;
  let sampleId: number;
  let bigId: number;
  let bigFile: string;
  let missingId: number;
  let goneId: number;

  /** A raw request: the path goes on the wire exactly as written (no URL normalising). */
  const send = (
    path: string,
    opts: {
      method?: string;
      headers?: Record<string, string>;
      token?: string | null;
      session?: string | null;
    } = {},
  ): Promise<Reply> => {
    const q = new URLSearchParams();
    if (opts.token !== null) q.set('token', opts.token ?? server.token);
    if (opts.session !== null) q.set('session', opts.session ?? SESSION);
    const sep = path.includes('?') ? '&' : '?';
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: opts.method ?? 'GET',
          path: `${path}${sep}${q}`,
          headers: opts.headers ?? {},
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end();
    });
  };

  /** Descriptors of this process open on a file (the server runs in this process). */
  const openDescriptors = (file: string): number =>
    readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === file;
      } catch {
        return false; // closed while listing
      }
    }).length;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'station-recording-route-'));
    root = join(dir, 'recordings');
    mkdirSync(join(root, 'cam-a'), { recursive: true });
    db = await openStationDb(dir);
    const rows = new FootageIndexRows(db, root);
    // FootageIndexRows names files <camera>/<n>.mp4 in insertion order.
    await writeSampleFmp4(join(root, 'cam-a', '1.mp4'), 3);
    sample = readFileSync(join(root, 'cam-a', '1.mp4'));
    sampleId = (await rows.segment({ cameraId: 'cam-a', startMs: T0, endMs: T0 + 3000 })).id;
    // A large (sparse) file, so a transfer is still running when the client leaves.
    bigFile = join(root, 'cam-a', '2.mp4');
    writeFileSync(bigFile, '');
    truncateSync(bigFile, 64 * 1024 * 1024);
    bigId = (await rows.segment({ cameraId: 'cam-a', startMs: T0 + 3000, endMs: T0 + 63_000 })).id;
    writeFileSync(join(root, 'cam-a', '3.mp4'), 'quarantined bytes');
    missingId = (
      await rows.segment({
        cameraId: 'cam-a',
        startMs: T0 + 63_000,
        endMs: T0 + 66_000,
        status: 'quarantined',
      })
    ).id;
    goneId = (await rows.segment({ cameraId: 'cam-a', startMs: T0 + 66_000, endMs: T0 + 69_000 }))
      .id; // no file 4.mp4
    writeFileSync(join(dir, 'secret.txt'), 'not footage');

    // The production lookup: the index row's root + relative path, playable rows only.
    const recording = new RecordingService({
      db,
      storageDir: root,
      ffmpegPath: TEST_FFMPEG,
      resolveInput: () => Promise.reject(new Error('no recorder runs in this test')),
      emit: () => undefined,
    });
    registerRecordingRoutes(server, {
      recordingFile: (id) => recording.recordingFile(id),
      canView: (session) => session === SESSION,
      // Every id is listed for this session but one: the grant is what that one tests.
      granted: (session, id) => session === SESSION && id !== UNLISTED_ID,
    });
    port = (await server.start()).port;
  }, 60_000);

  afterAll(async () => {
    await server.dispose();
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves a whole segment as video/mp4 with byte ranges advertised', async () => {
    const r = await send(`/recordings/${sampleId}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('video/mp4');
    expect(r.headers['accept-ranges']).toBe('bytes');
    expect(r.headers['content-length']).toBe(String(sample.length));
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.body.equals(sample)).toBe(true);
    // It is the fragmented MP4 the recorder writes: ftyp first.
    expect(r.body.subarray(4, 8).toString('latin1')).toBe('ftyp');
  });

  it('answers HEAD with the headers only', async () => {
    const r = await send(`/recordings/${sampleId}`, { method: 'HEAD' });
    expect(r.status).toBe(200);
    expect(r.headers['content-length']).toBe(String(sample.length));
    expect(r.body.length).toBe(0);
  });

  it('serves single byte ranges with 206 and Content-Range', async () => {
    const size = sample.length;
    const cases: [string, number, number][] = [
      ['bytes=0-99', 0, 99],
      ['bytes=100-', 100, size - 1],
      ['bytes=-50', size - 50, size - 1],
      [`bytes=10-${size + 1000}`, 10, size - 1], // end past the file: clipped
    ];
    for (const [range, start, end] of cases) {
      const r = await send(`/recordings/${sampleId}`, { headers: { range } });
      expect(r.status, range).toBe(206);
      expect(r.headers['content-range'], range).toBe(`bytes ${start}-${end}/${size}`);
      expect(r.headers['content-length'], range).toBe(String(end - start + 1));
      expect(r.body.equals(sample.subarray(start, end + 1)), range).toBe(true);
    }
  });

  it('refuses unsatisfiable ranges with 416 and ignores ones it does not serve', async () => {
    const size = sample.length;
    const r = await send(`/recordings/${sampleId}`, { headers: { range: `bytes=${size}-` } });
    expect(r.status).toBe(416);
    expect(r.headers['content-range']).toBe(`bytes */${size}`);
    // Several ranges, a malformed header, another unit: the whole file, as RFC 9110 allows.
    for (const range of ['bytes=0-9,100-199', 'bytes=abc', 'items=0-1']) {
      const whole = await send(`/recordings/${sampleId}`, { headers: { range } });
      expect(whole.status, range).toBe(200);
      expect(whole.body.equals(sample), range).toBe(true);
    }
  });

  it('refuses a caller without a live session with 403 before looking anything up', async () => {
    for (const session of [null, '', 'session-ended']) {
      expect((await send(`/recordings/${sampleId}`, { session })).status).toBe(403);
      expect((await send('/recordings/999999', { session })).status).toBe(403);
      expect((await send('/recordings/../secret.txt', { session })).status).not.toBe(200);
    }
    // Without the launch token the media server refuses first.
    expect((await send(`/recordings/${sampleId}`, { token: null })).status).toBe(401);
  });

  it('serves no segment this session did not list through playback.segments (audited)', async () => {
    const reply = await send(`/recordings/${UNLISTED_ID}`);
    expect(reply.status).toBe(403);
    expect(reply.body.toString()).toBe('not_listed');
  });

  it('answers 404 for ids not in the index, unplayable rows and files gone from the disk', async () => {
    for (const id of [999_999, missingId, goneId])
      expect((await send(`/recordings/${id}`)).status, String(id)).toBe(404);
  });

  it('never lets a path reach the file system: only a decimal id is looked up', async () => {
    const tries = [
      '/recordings/',
      '/recordings/0',
      '/recordings/-1',
      `/recordings/0${sampleId}`,
      `/recordings/${sampleId}.0`,
      `/recordings/${sampleId}/`,
      `/recordings/${sampleId}%00`,
      `/recordings/+${sampleId}`,
      '/recordings/1e3',
      '/recordings/99999999999999999999',
      '/recordings/..%2Fsecret.txt',
      '/recordings/%2e%2e%2fsecret.txt',
      '/recordings/..%5csecret.txt',
      '/recordings/cam-a%2F1.mp4',
      '/recordings/cam-a/1.mp4',
      `/recordings/${root}/cam-a/1.mp4`,
      '/recordings/../secret.txt',
      '/recordings/../../etc/passwd',
      '/recordings/%252e%252e%252fsecret.txt',
    ];
    for (const path of tries) {
      const r = await send(path);
      expect(r.status, path).toBe(404);
      expect(r.body.toString(), path).not.toContain('not footage');
    }
  });

  it('lets the Electron page fetch segments cross-origin, and no other origin', async () => {
    const ok = await send(`/recordings/${sampleId}`, {
      headers: { origin: APP_PAGE_ORIGIN, range: 'bytes=0-9' },
    });
    expect(ok.headers['access-control-allow-origin']).toBe(APP_PAGE_ORIGIN);
    expect(ok.headers['access-control-expose-headers']).toContain('Content-Range');
    const preflight = await send(`/recordings/${sampleId}`, {
      method: 'OPTIONS',
      headers: { origin: APP_PAGE_ORIGIN },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toBe('Range');
    const other = await send(`/recordings/${sampleId}`, {
      headers: { origin: 'http://evil.example' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    expect((await send(`/recordings/${sampleId}`, { method: 'POST' })).status).toBe(405);
  });

  it('closes the file when the client goes away mid-transfer', async () => {
    const baseline = openDescriptors(bigFile);
    expect(baseline).toBe(0);
    const q = new URLSearchParams({ token: server.token, session: SESSION });
    const req = request({ host: '127.0.0.1', port, path: `/recordings/${bigId}?${q}` });
    const firstChunk = await new Promise<number>((resolve, reject) => {
      req.on('response', (res) => {
        expect(res.statusCode).toBe(200);
        res.once('data', (c: Buffer) => {
          res.pause(); // stop reading: the server stays mid-file with the file open
          resolve(c.length);
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(firstChunk).toBeGreaterThan(0);
    expect(openDescriptors(bigFile)).toBe(1);
    req.destroy();
    for (let i = 0; i < 100 && openDescriptors(bigFile) > 0; i++) await sleep(20);
    expect(openDescriptors(bigFile)).toBe(0);
  });
});
