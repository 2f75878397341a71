// SegmentPlayer's buffer bookkeeping with the station's default 60 s segments: playing
// through minutes must fetch and append each segment once, never re-append media
// under the playhead and never fall back to "loading" inside buffered footage.
// Real fMP4 bytes (made by ffmpeg with the recorder's muxer flags); Media Source is
// the stand-in of testing/fake-media.ts, since Node has no decoder.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlaybackSegment } from '../../../electron/contract/playback-schemas';
import { SegmentPlayer, type SegmentSource } from './segment-player';
import { FakeVideo, installFakeMedia, type FakeMediaSource } from './testing/fake-media';
import { mediaSecOf, originFor } from './time-map';

const FFMPEG = process.env.FFMPEG_PATH ?? '/usr/bin/ffmpeg';
const SEG_MS = 60_000;

let dir = '';
let fileBytes: Uint8Array;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'segment-player-'));
  const file = join(dir, 'seg.mp4');
  // A short real segment: the player reads its layout (codec, fragments); the fake
  // buffer gives it the span the index says it has.
  execFileSync(FFMPEG, [
    ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=64x64:rate=12.5', '-t', '2'],
    ...['-c:v', 'libx264', '-g', '50', '-pix_fmt', 'yuv420p'],
    ...['-movflags', '+frag_keyframe+empty_moov+default_base_moof', '-frag_duration', '1000000'],
    file,
  ]);
  fileBytes = new Uint8Array(readFileSync(file));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

let undo: (() => void) | null = null;
afterEach(() => {
  undo?.();
  undo = null;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** These tests' footage is H.264, which the fake media decodes: no transcode is asked. */
const decodableOnly: Pick<SegmentSource, 'head' | 'transcoded'> = {
  head: () => Promise.resolve(fileBytes.slice(0, 131_072).buffer),
  transcoded: () => Promise.reject(new Error('no transcode in these tests')),
};

function setup(segments: PlaybackSegment[]) {
  const video = new FakeVideo();
  const origin = originFor(segments[0]!.startMs);
  undo = installFakeMedia(video, (offset) => {
    const wall = origin + offset * 1000;
    const seg = segments.find((s) => Math.abs(s.startMs - wall) < 1);
    return seg ? (seg.endMs - seg.startMs) / 1000 : 0;
  });
  const fetches = new Map<number, number>();
  const source: SegmentSource = {
    list: (cameraId, fromMs, toMs) =>
      Promise.resolve({ cameraId, fromMs, toMs, segments, gaps: [] }),
    bytes: (id) => {
      fetches.set(id, (fetches.get(id) ?? 0) + 1);
      return Promise.resolve(fileBytes.slice().buffer);
    },
    ...decodableOnly,
  };
  const player = new SegmentPlayer('cam', source);
  player.attach(video as unknown as HTMLVideoElement);
  return { player, video, origin, fetches };
}

/** `count` back-to-back 60 s segments from `t0`, ids from 1 (the index's view of them). */
function minuteSegments(t0: number, count: number): PlaybackSegment[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    startMs: t0 + i * SEG_MS,
    endMs: t0 + (i + 1) * SEG_MS,
    bytes: 1,
    codec: 'avc1',
  }));
}

describe('SegmentPlayer with 60 s segments', () => {
  it('plays three minutes fetching each segment once, never re-appending under the playhead', async () => {
    const t0 = Date.now() - 3_600_000;
    const segments: PlaybackSegment[] = [0, 1, 2].map((i) => ({
      id: i + 1,
      startMs: t0 + i * SEG_MS,
      endMs: t0 + (i + 1) * SEG_MS,
      bytes: fileBytes.byteLength,
      codec: 'avc1',
    }));
    const { player, video, origin, fetches } = setup(segments);
    await player.seek(t0 + 1000);
    const states = new Set<string>();
    // 1× playback in 250 ms steps (bounded: 3 minutes of footage).
    for (let wall = t0 + 1000; wall < t0 + 3 * SEG_MS - 5000; wall += 250) {
      video.currentTime = mediaSecOf(wall, origin);
      player.follow(wall, true, 1);
      states.add(player.stats(wall, () => wall).state);
      await sleep(1);
    }
    const sb = (globalThis as unknown as { MediaSource: typeof FakeMediaSource }).MediaSource.last!
      .sb!;
    expect(Object.fromEntries(fetches)).toEqual({ 1: 1, 2: 1, 3: 1 });
    const underPlayhead = sb.appends.filter((a) => a.atSec >= a.startSec && a.atSec < a.endSec);
    // Only the first append (made for the seek, before the element played from it).
    expect(underPlayhead.length).toBeLessThanOrEqual(1);
    expect([...states]).toEqual(['playing']);
    // Media far behind the playhead was evicted all the same.
    expect(sb.ranges[0]![0]).toBeGreaterThan(mediaSecOf(t0 + 2 * SEG_MS, origin));
  });

  it('appends a partly evicted segment again when a seek goes back into its evicted part', async () => {
    const t0 = Date.now() - 3_600_000;
    const segments: PlaybackSegment[] = [
      { id: 7, startMs: t0, endMs: t0 + SEG_MS, bytes: 1, codec: 'avc1' },
    ];
    const { player, video, origin, fetches } = setup(segments);
    await player.seek(t0 + 1000);
    for (let wall = t0 + 1000; wall < t0 + 50_000; wall += 500) {
      video.currentTime = mediaSecOf(wall, origin);
      player.follow(wall, true, 1);
      await sleep(1);
    }
    expect(fetches.get(7)).toBe(1);
    await player.seek(t0 + 2000);
    expect(fetches.get(7)).toBe(2);
    expect(player.stats(t0 + 2000, () => t0 + 2000).state).not.toBe('error');
  });
});

/** Top-level box ends of a real fMP4: where a growing file may be cut (after an mdat). */
function fragmentEnds(bytes: Uint8Array): number[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ends: number[] = [];
  for (let at = 0; at + 8 <= bytes.byteLength;) {
    const size = v.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    at += size;
    if (type === 'mdat') ends.push(at);
  }
  return ends;
}

describe('SegmentPlayer after a seek back', () => {
  it('appends a partly evicted segment again before the playhead reaches its evicted part', async () => {
    const t0 = Date.now() - 3_600_000;
    const segments = minuteSegments(t0, 2);
    const { player, video, origin, fetches } = setup(segments);
    const play = async (from: number, to: number, states?: Set<string>) => {
      for (let wall = from; wall < to; wall += 250) {
        video.currentTime = mediaSecOf(wall, origin);
        player.follow(wall, true, 1);
        states?.add(player.stats(wall, () => wall).state);
        await sleep(1);
      }
    };
    await player.seek(t0 + 1000);
    // Far into the second minute: the head of segment 2 is evicted, segment 1 entirely.
    await play(t0 + 1000, t0 + 110_000);
    expect(Object.fromEntries(fetches)).toEqual({ 1: 1, 2: 1 });
    await player.seek(t0 + 50_000);
    const states = new Set<string>();
    await play(t0 + 50_000, t0 + 70_000, states);
    expect(Object.fromEntries(fetches)).toEqual({ 1: 2, 2: 2 });
    expect([...states]).toEqual(['playing']);
  });
});

describe('SegmentPlayer with the segment being written', () => {
  it('appends only the new fragments as it grows, then carries on under its filed row', async () => {
    const ends = fragmentEnds(fileBytes);
    expect(ends.length).toBeGreaterThanOrEqual(2);
    let now = Date.now();
    // Written until a second ago: live footage.
    const t0 = now - 2000;
    const G = 2 ** 52;
    const R = 41;
    let listed: PlaybackSegment[] = [
      { id: G, startMs: t0, endMs: t0 + 1000, bytes: ends[0]!, codec: 'avc1', growing: true },
    ];
    let served = ends[0]!;
    const video = new FakeVideo();
    const origin = originFor(t0);
    undo = installFakeMedia(video, () => 2);
    const fetches: string[] = [];
    const source: SegmentSource = {
      list: (cameraId, fromMs, toMs) =>
        Promise.resolve({ cameraId, fromMs, toMs, segments: listed, gaps: [] }),
      bytes: (id, _signal, from = 0) => {
        fetches.push(`${id === G ? 'G' : 'R'}:${from}`);
        const end = id === G ? served : fileBytes.byteLength;
        return Promise.resolve(fileBytes.slice(from, end).buffer);
      },
      ...decodableOnly,
    };
    const player = new SegmentPlayer('cam', source, () => now);
    player.attach(video as unknown as HTMLVideoElement);
    await player.seek(t0 + 200);
    // At the end of what is written the clock must wait, not run into "no footage".
    expect(player.atLiveEdge(t0 + 950)).toBe(true);
    expect(player.atLiveEdge(t0 + 500)).toBe(false);

    const play = async (wall: number) => {
      now += 1100;
      video.currentTime = mediaSecOf(wall, origin);
      player.follow(wall, true, 1);
      for (let i = 0; i < 20; i++) await sleep(2);
    };
    // Written further: one more fragment, listed with its new end.
    served = ends[1]!;
    listed = [{ ...listed[0]!, endMs: t0 + 2000, bytes: served }];
    await play(t0 + 700);
    await play(t0 + 800);
    // Closed and filed: the row names the id it grew under.
    listed = [
      {
        id: R,
        startMs: t0,
        endMs: t0 + 4000,
        bytes: fileBytes.byteLength,
        codec: 'avc1',
        openId: G,
      },
    ];
    await play(t0 + 900);
    await play(t0 + 1000);
    expect(fetches).toEqual([`G:0`, `G:${ends[0]}`, `R:${ends[1]}`]);
    expect(player.stats(t0 + 1000, () => t0 + 1000).state).toBe('playing');
    expect(player.atLiveEdge(t0 + 1000)).toBe(false);
  });
});

describe('SegmentPlayer with a decoder that falls behind', () => {
  it('is waited for (no seek skipping frames) and caught up, then follows the clock again', async () => {
    const t0 = Date.now() - 3_600_000;
    const segments: PlaybackSegment[] = [
      { id: 1, startMs: t0, endMs: t0 + SEG_MS, bytes: 1, codec: 'avc1' },
    ];
    const { player, video, origin } = setup(segments);
    await player.seek(t0 + 1000);
    player.follow(t0 + 1000, true, 1);
    expect(video.paused).toBe(false);
    // The clock ran 600 ms ahead of what the element managed to show.
    const shown = mediaSecOf(t0 + 1400, origin);
    video.currentTime = shown;
    player.follow(t0 + 2000, true, 1);
    expect(video.currentTime).toBe(shown);
    expect(player.lagging).toBe(true);
    // The engine holds the clock at t0 + 2000; the element plays on and catches up.
    video.currentTime = mediaSecOf(t0 + 1990, origin);
    player.follow(t0 + 2000, false, 1, true);
    expect(player.lagging).toBe(false);
    expect(video.paused).toBe(true);
    player.follow(t0 + 2000, true, 1);
    expect(video.paused).toBe(false);
    // A large drift the normal way is still a seek.
    video.currentTime = mediaSecOf(t0 + 9000, origin);
    player.follow(t0 + 2100, true, 1);
    expect(video.currentTime).toBeCloseTo(mediaSecOf(t0 + 2100, origin), 3);
  });
});

describe('SegmentPlayer seeking while the next segment loads in the background', () => {
  it('does not join the load it aborted: the seek loads the segment itself and shows it', async () => {
    const t0 = Date.now() - 3_600_000;
    const segments = minuteSegments(t0, 2);
    const video = new FakeVideo();
    const origin = originFor(t0);
    undo = installFakeMedia(video, () => SEG_MS / 1000);
    // Segment 2's first fetch hangs until aborted (a slow disk); later ones answer at once.
    const fetched: number[] = [];
    const source: SegmentSource = {
      list: (cameraId, fromMs, toMs) =>
        Promise.resolve({ cameraId, fromMs, toMs, segments, gaps: [] }),
      bytes: (id, signal) => {
        fetched.push(id);
        if (id === 2 && fetched.filter((f) => f === 2).length === 1) {
          return new Promise((_, reject) =>
            signal.addEventListener('abort', () => reject(new Error('aborted'))),
          );
        }
        return Promise.resolve(fileBytes.slice().buffer);
      },
      ...decodableOnly,
    };
    const player = new SegmentPlayer('cam', source);
    player.attach(video as unknown as HTMLVideoElement);
    await player.seek(t0 + 1000);
    // Playing: the pump starts loading segment 2 in the background.
    video.currentTime = mediaSecOf(t0 + 1000, origin);
    player.follow(t0 + 1000, true, 1);
    for (let i = 0; i < 20 && !fetched.includes(2); i++) await sleep(2);
    expect(fetched).toContain(2);
    // The officer clicks into segment 2: the seek aborts the background fetch and must
    // still append segment 2 and put the element there (before the fix it gave up).
    await player.seek(t0 + SEG_MS + 5000);
    expect(fetched.filter((f) => f === 2)).toHaveLength(2);
    expect(video.currentTime).toBeCloseTo(mediaSecOf(t0 + SEG_MS + 5000, origin), 3);
    expect(player.stats(t0 + SEG_MS + 5000, () => t0 + SEG_MS + 5000).state).not.toBe('loading');
  });
});
