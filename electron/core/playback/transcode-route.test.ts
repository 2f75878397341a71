// The H.264 transcode route against real ffmpeg 5.1 and real H.265 footage the
// recorder wrote from the RTSP rig's H.265 mount: the answer is playable H.264
// fMP4 that starts on the source's keyframe at or before the requested point,
// keeps the source's frame times, and its ffmpeg dies with the request.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { request, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type Rig } from '../../../e2e/rig/rig';
import { transcodeUrl } from '../../contract/recording-urls';
import type { Database } from '../db/database';
import { MediaServer } from '../media-server/media-server';
import { RecordingService } from '../recording/recording-service';
import {
  collectingEmit,
  ffmpegChildren,
  FFMPEG,
  FFPROBE,
  openRecordingDb,
  sleep,
  tempDir,
  waitFor,
} from '../recording/testing/recording-test-kit';
import { registerRecordingRoutes } from './recording-routes';
import { FootageIndexRows } from '../recording/testing/footage-index-rows';
import { TranscodeSlots } from './transcode-slots';

const run = promisify(execFile);
const SESSION = 'session-ok';

interface Packet {
  sec: number;
  key: boolean;
}

async function packets(file: string): Promise<{ codec: string; list: Packet[] }> {
  const { stdout } = await run(FFPROBE, [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream=codec_name:packet=pts_time,flags',
    '-of',
    'json',
    file,
  ]);
  const info = JSON.parse(stdout) as {
    streams: { codec_name: string }[];
    packets: { pts_time: string; flags: string }[];
  };
  const list = info.packets
    .map((p) => ({ sec: Number(p.pts_time), key: p.flags.startsWith('K') }))
    .sort((a, b) => a.sec - b.sec);
  return { codec: info.streams[0]?.codec_name ?? '', list };
}

interface Reply {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

function get(url: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

describe('H.264 transcode route over H.265 footage recorded from the RTSP rig', () => {
  let rig: Rig;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let db: Database;
  let recording: RecordingService;
  const server = new MediaServer();
  const slots = new TranscodeSlots(1);
  let segment: { id: number; startMs: number; endMs: number; path: string };
  let base: { mediaBaseUrl: string; mediaToken: string; session: string | null };

  beforeAll(async () => {
    rig = await startRig({ h265: ['cam5'] });
    tmp = await tempDir('transcode-route');
    db = await openRecordingDb(join(tmp.dir, 'station.db'));
    recording = new RecordingService({
      db,
      storageDir: join(tmp.dir, 'footage'),
      ffmpegPath: FFMPEG,
      resolveInput: async (cameraId) => ({
        kind: 'rtsp',
        url: rig.url(cameraId),
        safeLabel: cameraId,
      }),
      emit: collectingEmit().emit,
      segmentSeconds: 5,
      quota: { reserveBytes: 0 },
    });
    await recording.start();
    await recording.syncCameras(['cam5']);
    await waitFor('recording', () => recording.status('cam5').recording, 15_000);
    // Records 12 s of footage (the wait is the point).
    await sleep(12_000);
    await recording.dispose();
    const rows = (await recording.timeline('cam5', 0, Date.now() + 60_000)).recordings;
    // The longest closed segment: it holds several GOPs of the rig's 1 s.
    const row = [...rows].sort((a, b) => b.endMs - b.startMs - (a.endMs - a.startMs))[0];
    expect(row && row.endMs - row.startMs, 'a segment of at least 3.5 s').toBeGreaterThan(3500);
    const path = await recording.recordingFile(row!.id);
    expect(path).not.toBeNull();
    segment = { id: row!.id, startMs: row!.startMs, endMs: row!.endMs, path: path! };

    registerRecordingRoutes(server, {
      recordingFile: (id) => recording.recordingFile(id),
      canView: (s) => s === SESSION,
      granted: (s) => s === SESSION,
      transcode: { ffmpegPath: async () => FFMPEG, slots, slotWaitMs: 500 },
    });
    const { baseUrl } = await server.start();
    base = { mediaBaseUrl: baseUrl, mediaToken: server.token, session: SESSION };
  }, 60_000);

  afterAll(async () => {
    await server.dispose();
    await recording?.dispose();
    await db?.close();
    await rig?.stop();
    await tmp?.cleanup();
  });

  it('answers playable H.264 fMP4 from the keyframe at or before `from`, with the source frame times', async () => {
    const source = await packets(segment.path);
    expect(source.codec).toBe('hevc');
    const fromMs = 2500;
    const startSec = source.list[0]!.sec;
    const keyBefore = source.list.filter((p) => p.key && p.sec <= startSec + fromMs / 1000 + 1e-3);
    const expectedFirst = keyBefore[keyBefore.length - 1]!.sec;
    // The seek is real: it lands past the segment's first GOP.
    expect(expectedFirst).toBeGreaterThan(startSec + 0.5);

    const r = await get(transcodeUrl(base, segment.id, fromMs));
    expect(r.status, r.body.toString().slice(0, 200)).toBe(200);
    expect(r.headers['content-type']).toBe('video/mp4');
    expect(r.headers['cache-control']).toBe('no-store');
    // Streamed as encoded: no length known up front.
    expect(r.headers['transfer-encoding']).toBe('chunked');
    expect(r.body.subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect(r.body.includes(Buffer.from('moof'))).toBe(true);

    const out = join(tmp.dir, 'transcoded.mp4');
    await writeFile(out, r.body);
    // Passthrough timing: camera timestamps jitter, and snapping them is the check's error, not the file's.
    const { stderr } = await run(FFMPEG, [
      '-v',
      'error',
      '-i',
      out,
      '-vsync',
      'passthrough',
      '-enc_time_base:v',
      '-1',
      '-f',
      'null',
      '-',
    ]);
    expect(stderr.trim()).toBe('');
    const got = await packets(out);
    expect(got.codec).toBe('h264');
    // Same frames at the same times as recorded, from that keyframe to the end of the file.
    const expected = source.list.filter((p) => p.sec >= expectedFirst - 1e-3).map((p) => p.sec);
    expect(got.list.length).toBe(expected.length);
    got.list.forEach((p, i) =>
      expect(Math.abs(p.sec - expected[i]!), `frame ${i}`).toBeLessThan(0.002),
    );
    // A keyframe about every second of media, so seeks in the transcoded media stay cheap.
    const keys = got.list.filter((p) => p.key).map((p) => p.sec);
    expect(keys[0]).toBeCloseTo(expectedFirst, 2);
    for (let i = 1; i < keys.length; i++) expect(keys[i]! - keys[i - 1]!).toBeLessThan(1.1);
    expect(await ffmpegChildren()).toEqual([]);
  }, 30_000);

  it('refuses without a session, for ids not in the index and for a malformed `from`', async () => {
    const noSession = { ...base, session: null };
    expect((await get(transcodeUrl(noSession, segment.id, 0))).status).toBe(403);
    expect((await get(transcodeUrl(base, 999_999, 0))).status).toBe(404);
    const url = (path: string) =>
      `${base.mediaBaseUrl}${path}?token=${base.mediaToken}&session=${SESSION}`;
    for (const path of [
      `/recordings/h264/0${segment.id}`,
      '/recordings/h264/../secret',
      `/recordings/h264/${segment.id}/x`,
    ])
      expect((await get(url(path))).status, path).toBe(404);
    for (const from of ['-1', '1.5', 'abc', '99999999999'])
      expect(
        (await get(`${url(`/recordings/h264/${segment.id}`)}&from=${from}`)).status,
        from,
      ).toBe(400);
    expect(await ffmpegChildren()).toEqual([]);
  });

  it('kills ffmpeg when the client goes away and frees its slot; a request beyond the limit is told busy', async () => {
    // A long indexed file (the recorded segment looped), so a paused client holds ffmpeg mid-file.
    const root = join(tmp.dir, 'long');
    await mkdir(join(root, 'cam5'), { recursive: true });
    await run(FFMPEG, [
      '-v',
      'error',
      '-stream_loop',
      '40',
      '-i',
      segment.path,
      '-c',
      'copy',
      '-f',
      'mp4',
      '-movflags',
      '+frag_keyframe+empty_moov+default_base_moof',
      join(root, 'cam5', '1.mp4'),
    ]);
    const long = await new FootageIndexRows(db, root).segment({
      cameraId: 'cam5',
      startMs: segment.endMs + 600_000,
      endMs: segment.endMs + 600_000 + 41 * (segment.endMs - segment.startMs),
    });
    const req = request(transcodeUrl(base, long.id, 0));
    const first = await new Promise<number>((resolve, reject) => {
      req.on('response', (res) => {
        res.once('data', (c: Buffer) => {
          res.pause();
          resolve(c.length);
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(first).toBeGreaterThan(0);
    expect(await ffmpegChildren()).toHaveLength(1);
    expect(slots.running).toBe(1);
    // The only slot is taken: the next caller waits its 500 ms, then hears busy.
    const busy = await get(transcodeUrl(base, long.id, 0));
    expect(busy.status).toBe(503);
    expect(busy.body.toString()).toBe('transcode_busy');

    req.destroy();
    for (let i = 0; i < 100 && ((await ffmpegChildren()).length > 0 || slots.running > 0); i++)
      await sleep(50);
    expect(await ffmpegChildren()).toEqual([]);
    expect(slots.running).toBe(0);
    expect((await get(transcodeUrl(base, segment.id, 0))).status).toBe(200);
  }, 30_000);
});
