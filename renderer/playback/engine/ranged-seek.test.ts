// SegmentPlayer with ranged seeks over the station's default 60 s segments: a seek
// fetches the segment from the keyframe before its target (as GET /recordings/<id>?at=
// answers) and shows its frame once the fragments up to the target are in, while the
// rest of the reply is still on its way. Real fMP4 bytes (ffmpeg, the recorder's muxer
// flags, a 2 s GOP with a fragment every second); Media Source is the stand-in of
// testing/fake-media.ts, whose buffer takes each append's span from its fragments' times.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlaybackSegment } from '../../../electron/contract/playback-schemas';
import { readFmp4Layout } from './fmp4-layout';
import type { KeyframeReply } from './ranged-load';
import { SegmentPlayer, type SegmentSource } from './segment-player';
import { FakeVideo, installFakeMedia, type FakeMediaSource } from './testing/fake-media';
import { fragmentsOf, streamOf, type Fragment } from './testing/fmp4-fragments';
import { mediaSecOf, originFor } from './time-map';

const FFMPEG = process.env.FFMPEG_PATH ?? '/usr/bin/ffmpeg';
const SEG_MS = 60_000;

let dir = '';
let file: Uint8Array;
let timescale = 0;
let initEnd = 0;
let frags: Fragment[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ranged-seek-'));
  const path = join(dir, 'seg.mp4');
  execFileSync(FFMPEG, [
    ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=64x64:rate=12.5', '-t', '60'],
    ...['-c:v', 'libx264', '-g', '25', '-keyint_min', '25', '-sc_threshold', '0'],
    ...['-pix_fmt', 'yuv420p'],
    ...['-movflags', '+frag_keyframe+empty_moov+default_base_moof', '-frag_duration', '1000000'],
    path,
  ]);
  file = new Uint8Array(readFileSync(path));
  const layout = readFmp4Layout(file);
  timescale = layout.timescale;
  initEnd = layout.initEnd;
  frags = fragmentsOf(file, timescale);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

let undo: (() => void) | null = null;
/** Disposed after each test: a player left loading would append into the next test's fakes. */
const players: SegmentPlayer[] = [];
afterEach(() => {
  for (const p of players.splice(0)) p.dispose();
  undo?.();
  undo = null;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const unused = () => Promise.reject(new Error('not asked in these tests'));

interface Asked {
  id: number;
  atMs: number;
}

/**
 * The core's ranged reply for `atMs`, over the file's first `limit` bytes: init with the
 * keyframe's fragment, then a part per fragment; parts from `holdFrom` on wait for `gate`.
 */
function replyFor(atMs: number, limit: number, gate?: Promise<void>, holdFrom = 3): KeyframeReply {
  const first = frags[0]!.startSec;
  const within = frags.filter((f) => f.end <= limit);
  const kf = [...within].reverse().find((f) => f.sync && (f.startSec - first) * 1000 <= atMs)!;
  const rest = within.filter((f) => f.offset > kf.offset);
  const parts = [
    new Uint8Array([...file.subarray(0, initEnd), ...file.subarray(kf.offset, kf.end)]),
    ...rest.map((f) => file.subarray(f.offset, f.end)),
  ];
  const gates = parts.map((_, i) => (i >= holdFrom ? gate : undefined));
  return {
    body: streamOf(parts, gates),
    mediaOffset: kf.offset,
    firstDecodeTime: Math.round(first * timescale),
  };
}

function setup(segments: PlaybackSegment[], gate?: Promise<void>) {
  const video = new FakeVideo();
  const origin = originFor(segments[0]!.startMs);
  undo = installFakeMedia(video, (_offset, bytes) => {
    const inBytes = fragmentsOf(bytes, timescale);
    return inBytes.length === 0 ? 0 : [inBytes[0]!.startSec, inBytes.at(-1)!.endSec];
  });
  const asked: Asked[] = [];
  const ranges: number[] = [];
  const source: SegmentSource = {
    list: (cameraId, fromMs, toMs) =>
      Promise.resolve({ cameraId, fromMs, toMs, segments, gaps: [] }),
    bytes: (_id, _signal, from = 0) => {
      ranges.push(from);
      return Promise.resolve(file.slice(from).buffer);
    },
    fromKeyframe: (id, atMs) => {
      asked.push({ id, atMs });
      return Promise.resolve(replyFor(atMs, file.byteLength, gate));
    },
    head: unused,
    transcoded: unused,
  };
  const player = new SegmentPlayer('cam', source);
  players.push(player);
  player.attach(video as unknown as HTMLVideoElement);
  const sb = () =>
    (globalThis as unknown as { MediaSource: typeof FakeMediaSource }).MediaSource.last!.sb!;
  return { player, video, origin, asked, ranges, sb };
}

function minuteSegments(t0: number, count: number): PlaybackSegment[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    startMs: t0 + i * SEG_MS,
    endMs: t0 + (i + 1) * SEG_MS,
    bytes: file.byteLength,
    codec: 'avc1',
  }));
}

function bufferedAt(video: FakeVideo, sec: number): boolean {
  const r = video.buffered;
  for (let i = 0; i < r.length; i++) if (sec >= r.start(i) && sec < r.end(i)) return true;
  return false;
}

describe('SegmentPlayer ranged seeks in 60 s segments', () => {
  it('seeks into the second half from the keyframe before it, showing the frame before the rest arrives', async () => {
    expect(frags.filter((f) => f.sync).length).toBe(30); // a keyframe every 2 s
    expect(frags.length).toBeGreaterThan(30); // and fragments between them
    const t0 = Date.now() - 3_600_000;
    let open = () => undefined as void;
    const gate = new Promise<void>((r) => (open = r));
    const { player, video, origin, asked, sb } = setup(minuteSegments(t0, 2), gate);
    const target = t0 + 45_500;
    // Resolves with the frame on screen while fragments past the target are still held back.
    await player.seek(target);
    expect(asked).toEqual([{ id: 1, atMs: 45_500 }]);
    expect(video.currentTime).toBeCloseTo(mediaSecOf(target, origin), 3);
    expect(bufferedAt(video, mediaSecOf(target, origin))).toBe(true);
    // Nothing before the keyframe at 44 s was appended: not the whole minute.
    expect(sb().ranges[0]![0]).toBeCloseTo(mediaSecOf(t0 + 44_000, origin), 3);
    expect(bufferedAt(video, mediaSecOf(t0 + 50_000, origin))).toBe(false);
    expect(player.stats(target, () => target).state).toBe('ready');
    open();
    for (let i = 0; i < 100 && !bufferedAt(video, mediaSecOf(t0 + 59_500, origin)); i++)
      await sleep(2);
    expect(bufferedAt(video, mediaSecOf(t0 + 59_500, origin))).toBe(true);
  });

  it('seeks back before the first keyframe it fetched: fetched again from the earlier keyframe', async () => {
    const t0 = Date.now() - 3_600_000;
    const { player, video, origin, asked } = setup(minuteSegments(t0, 2));
    await player.seek(t0 + 45_500);
    await player.seek(t0 + 10_900);
    // (The pump loads the next segment from its start meanwhile.)
    const ofFirst = () => asked.filter((a) => a.id === 1).map((a) => a.atMs);
    expect(ofFirst()).toEqual([45_500, 10_900]);
    expect(video.currentTime).toBeCloseTo(mediaSecOf(t0 + 10_900, origin), 3);
    expect(bufferedAt(video, mediaSecOf(t0 + 10_000, origin))).toBe(true);
    expect(player.stats(t0 + 10_900, () => t0 + 10_900).state).not.toBe('error');
    // Once the rest has arrived, a seek within what is appended fetches nothing.
    for (let i = 0; i < 100 && !bufferedAt(video, mediaSecOf(t0 + 59_500, origin)); i++)
      await sleep(2);
    await player.seek(t0 + 50_000);
    expect(ofFirst()).toHaveLength(2);
  });

  it('plays on from a ranged seek into the next segment without a stall', async () => {
    const t0 = Date.now() - 3_600_000;
    const { player, video, origin, asked } = setup(minuteSegments(t0, 2));
    // Less than 10 s before the boundary: the next segment's load is not paced (this test's
    // steps run far faster than real time, pacing waits in real time).
    await player.seek(t0 + 52_500);
    const states = new Set<string>();
    // 1× playback in 250 ms steps over the segment boundary (bounded: 20 s of footage).
    for (let wall = t0 + 52_500; wall < t0 + 72_500; wall += 250) {
      video.currentTime = mediaSecOf(wall, origin);
      player.follow(wall, true, 1);
      states.add(player.stats(wall, () => wall).state);
      await sleep(1);
    }
    expect(asked).toEqual([
      { id: 1, atMs: 52_500 },
      { id: 2, atMs: 0 },
    ]);
    expect([...states]).toEqual(['playing']);
  });

  it('extends a ranged load of the segment being written from the file offset it reached', async () => {
    let now = Date.now();
    const t0 = now - 30_000;
    const G = 2 ** 52;
    // Written up to 30 s: fragments complete within the first `limit` bytes.
    const limit = frags.find((f) => f.startSec >= 30)!.offset;
    let listed: PlaybackSegment[] = [
      { id: G, startMs: t0, endMs: t0 + 30_000, bytes: limit, codec: 'avc1', growing: true },
    ];
    const video = new FakeVideo();
    const origin = originFor(t0);
    undo = installFakeMedia(video, (_o, bytes) => {
      const f = fragmentsOf(bytes, timescale);
      return f.length === 0 ? 0 : [f[0]!.startSec, f.at(-1)!.endSec];
    });
    const ranges: number[] = [];
    let served = limit;
    const source: SegmentSource = {
      list: (cameraId, fromMs, toMs) =>
        Promise.resolve({ cameraId, fromMs, toMs, segments: listed, gaps: [] }),
      bytes: (_id, _signal, from = 0) => {
        ranges.push(from);
        return Promise.resolve(file.slice(from, served).buffer);
      },
      fromKeyframe: (_id, atMs) => Promise.resolve(replyFor(atMs, served)),
      head: unused,
      transcoded: unused,
    };
    const player = new SegmentPlayer('cam', source, () => now);
    players.push(player);
    player.attach(video as unknown as HTMLVideoElement);
    await player.seek(t0 + 25_000);
    // The seek resolves with its frame; the rest of the reply follows (bounded wait).
    for (let i = 0; i < 100 && !bufferedAt(video, mediaSecOf(t0 + 29_500, origin)); i++)
      await sleep(2);
    expect(bufferedAt(video, mediaSecOf(t0 + 29_500, origin))).toBe(true);
    // Written on to 40 s: only the new fragments are asked, from where the reply ended.
    served = frags.find((f) => f.startSec >= 40)!.offset;
    listed = [{ ...listed[0]!, endMs: t0 + 40_000, bytes: served }];
    // Playing on at 1× (bounded: 10 s of footage) until the new fragments are in.
    for (let i = 0; i < 10 && !bufferedAt(video, mediaSecOf(t0 + 39_500, origin)); i++) {
      now += 1000;
      video.currentTime = mediaSecOf(t0 + 26_000 + i * 1000, origin);
      player.follow(t0 + 26_000 + i * 1000, true, 1);
      for (let k = 0; k < 20; k++) await sleep(2);
    }
    expect(ranges).toEqual([limit]);
    expect(bufferedAt(video, mediaSecOf(t0 + 39_500, origin))).toBe(true);
  });
});
