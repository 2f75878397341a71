// GET /recordings/<id>?at=<ms>: the init segment and the file from the keyframe at or
// before `at`, on a real ffmpeg-made 10 s fMP4 with the recorder's muxer flags and a 2 s
// GOP (fragments every second, so half of them start without a keyframe). ffprobe
// decodes each reply on its own: it must start at that keyframe's time with a keyframe.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIRST_DECODE_HEADER,
  KEYFRAME_MS_HEADER,
  MEDIA_OFFSET_HEADER,
} from '../../contract/recording-urls';
import { MediaServer } from '../media-server/media-server';
import type { KeyframeIndex } from '../recording/keyframe-index';
import { SeekPoints } from '../recording/seek-points';
import { TEST_FFMPEG, TEST_FFPROBE } from '../streams/testing/ffmpeg-bin';
import { APP_PAGE_ORIGIN, registerRecordingRoutes } from './recording-routes';

const run = promisify(execFile);
const SESSION = 'session-ok';
const FILED = 11;
const NO_INDEX = 12;
const JUNK = 13;
const OPEN = 2 ** 52 + 1;

/** Top-level boxes of a file: [type, offset, size]. */
function topBoxes(bytes: Buffer): [string, number, number][] {
  const out: [string, number, number][] = [];
  for (let at = 0; at + 8 <= bytes.length;) {
    const size = bytes.readUInt32BE(at);
    out.push([bytes.toString('latin1', at + 4, at + 8), at, size]);
    at += size;
  }
  return out;
}

/** ffprobe of a reply body: its first frame's time (s) and whether it is a keyframe. */
async function firstFrame(file: string): Promise<{ pts: number; key: boolean; frames: number }> {
  const { stdout } = await run(TEST_FFPROBE, [
    ...['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'frame=pts_time,key_frame'],
    ...['-of', 'csv=p=0', file],
  ]);
  const rows = stdout.trim().split('\n');
  // ffprobe prints the fields in its own order: key_frame, then pts_time.
  const [key, pts] = rows[0]!.split(',');
  return { pts: Number(pts), key: key === '1', frames: rows.length };
}

describe('recording route with at=<ms>', () => {
  let dir: string;
  let file: string;
  let bytes: Buffer;
  let moofs: number[];
  let initEnd: number;
  const server = new MediaServer({ trustedOrigins: [APP_PAGE_ORIGIN] });
  let port: number;
  let openBytes = 0;
  const storedAsked: number[] = [];
  let stored: KeyframeIndex | null = null;

  const get = async (id: number, query: string, headers: Record<string, string> = {}) => {
    const url = `http://127.0.0.1:${port}/recordings/${id}?token=${server.token}&session=${SESSION}${query}`;
    const res = await fetch(url, { headers });
    return { res, body: Buffer.from(await res.arrayBuffer()) };
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'station-ranged-route-'));
    file = join(dir, 'seg.mp4');
    await run(TEST_FFMPEG, [
      ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25', '-t', '10'],
      // No B-frames: keyframe times are then whole seconds (a B-frame stream's first picture
      // comes a few frames after its first decode time).
      ...['-c:v', 'libx264', '-bf', '0', '-g', '50', '-keyint_min', '50', '-sc_threshold', '0'],
      ...['-pix_fmt', 'yuv420p', '-f', 'mp4'],
      ...['-movflags', '+frag_keyframe+empty_moov+default_base_moof', '-frag_duration', '1000000'],
      file,
    ]);
    writeFileSync(join(dir, 'junk.mp4'), 'not an mp4 at all');
    bytes = readFileSync(file);
    const boxes = topBoxes(bytes);
    moofs = boxes.filter(([t]) => t === 'moof').map(([, at]) => at);
    const moov = boxes.find(([t]) => t === 'moov')!;
    initEnd = moov[1] + moov[2];
    // As the composer wires it: the index stored at filing first, else a scan.
    const points = new SeekPoints((id) => {
      storedAsked.push(id);
      return Promise.resolve(id === FILED ? stored : null);
    });
    registerRecordingRoutes(server, {
      recordingFile: (id) =>
        Promise.resolve(
          id === FILED || id === NO_INDEX ? file : id === JUNK ? join(dir, 'junk.mp4') : null,
        ),
      openSegmentFile: (id) =>
        Promise.resolve(id === OPEN ? { path: file, bytes: openBytes } : null),
      seekPoint: (id, found, atMs) => points.find(id, found, atMs),
      canView: (s) => s === SESSION,
      granted: (s) => s === SESSION,
    });
    port = (await server.start()).port;
  }, 60_000);

  afterAll(async () => {
    await server.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('streams the init and the file from the keyframe before `at`, found by a scan', async () => {
    expect(moofs.length).toBeGreaterThanOrEqual(9); // a fragment a second
    const { res, body } = await get(NO_INDEX, '&at=5500');
    expect(res.status).toBe(200);
    const offset = Number(res.headers.get(MEDIA_OFFSET_HEADER));
    // The keyframes are at 0, 2, 4, 6, 8 s: 5.5 s starts from the one at 4 s, a moof of the file.
    expect(Number(res.headers.get(KEYFRAME_MS_HEADER))).toBe(4000);
    expect(moofs).toContain(offset);
    expect(res.headers.get(FIRST_DECODE_HEADER)).toBe('0');
    expect(Number(res.headers.get('content-length'))).toBe(initEnd + bytes.length - offset);
    expect(body.equals(Buffer.concat([bytes.subarray(0, initEnd), bytes.subarray(offset)]))).toBe(
      true,
    );
    const reply = join(dir, 'reply.mp4');
    writeFileSync(reply, body);
    const first = await firstFrame(reply);
    expect(first.key).toBe(true);
    expect(first.pts).toBeCloseTo(4, 2);
    expect(first.frames).toBe(150); // 6 s of 25 fps: nothing lost after the keyframe
  });

  it('starts at the first keyframe for at=0 and at the last one past the end', async () => {
    const a = await get(NO_INDEX, '&at=0');
    expect(Number(a.res.headers.get(MEDIA_OFFSET_HEADER))).toBe(moofs[0]);
    expect(a.body.equals(bytes)).toBe(true);
    const b = await get(NO_INDEX, '&at=86400000');
    expect(Number(b.res.headers.get(KEYFRAME_MS_HEADER))).toBe(8000);
  });

  it('uses the index stored at filing when there is one, without scanning', async () => {
    // An index naming only the fragment at 2 s: a scan would have found the one at 4 s.
    stored = {
      initEnd,
      keyframes: [
        { ms: 80, offset: moofs[0]! },
        { ms: 2080, offset: moofs[2]! },
      ],
    };
    const { res } = await get(FILED, '&at=5000');
    expect(storedAsked).toContain(FILED);
    expect(Number(res.headers.get(KEYFRAME_MS_HEADER))).toBe(2080);
    expect(Number(res.headers.get(MEDIA_OFFSET_HEADER))).toBe(moofs[2]);
    // Before the first keyframe's picture: from that keyframe.
    const early = await get(FILED, '&at=40');
    expect(Number(early.res.headers.get(MEDIA_OFFSET_HEADER))).toBe(moofs[0]);
  });

  it('serves a growing segment up to its complete fragments, scanned as it is now', async () => {
    openBytes = moofs[7]!; // fragments 0–6 complete: 7 s
    const before = storedAsked.length;
    const { res, body } = await get(OPEN, '&at=9000');
    // Only the keyframes within the complete bytes: the one at 6 s, not 8 s.
    expect(Number(res.headers.get(KEYFRAME_MS_HEADER))).toBe(6000);
    const offset = Number(res.headers.get(MEDIA_OFFSET_HEADER));
    expect(body.length).toBe(initEnd + openBytes - offset);
    expect(storedAsked.length).toBe(before); // an open segment has no stored index
    openBytes = moofs[9]!; // grown: the scan is not stale
    expect(Number((await get(OPEN, '&at=9000')).res.headers.get(KEYFRAME_MS_HEADER))).toBe(8000);
  });

  it('serves the whole file without the headers when it has no keyframe to start from', async () => {
    const { res, body } = await get(JUNK, '&at=1000');
    expect(res.status).toBe(200);
    expect(res.headers.get(MEDIA_OFFSET_HEADER)).toBeNull();
    expect(body.toString()).toBe('not an mp4 at all');
  });

  it('refuses an `at` that is not a number of ms', async () => {
    for (const at of ['-1', '1.5', 'abc', '999999999'])
      expect((await get(NO_INDEX, `&at=${at}`)).res.status, at).toBe(400);
  });

  it('lets the Electron page read the seek headers', async () => {
    const { res } = await get(NO_INDEX, '&at=3000', { origin: APP_PAGE_ORIGIN });
    const exposed = (res.headers.get('access-control-expose-headers') ?? '').toLowerCase();
    for (const h of [MEDIA_OFFSET_HEADER, KEYFRAME_MS_HEADER, FIRST_DECODE_HEADER])
      expect(exposed).toContain(h);
  });
});
