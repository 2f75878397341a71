// The one renderer file that reaches into the core: it checks the player's fMP4 reader against the
// recorder's own scanner and splitter, on a file ffmpeg writes. Tests only, never bundled.
/* eslint-disable no-restricted-imports */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanFmp4 } from '../../../electron/core/recording/fmp4-scan';
import {
  FFMPEG,
  tempDir,
  writeSampleFmp4,
} from '../../../electron/core/recording/testing/recording-test-kit';
import { Fmp4Splitter, type InitSegment } from '../../../electron/core/streams/fmp4-splitter';
import { appendChunks, readFmp4Layout } from './fmp4-layout';

const run = promisify(execFile);

let tmp: Awaited<ReturnType<typeof tempDir>>;
let bytes: Uint8Array;
let file: string;

beforeAll(async () => {
  tmp = await tempDir('fmp4-layout');
  file = join(tmp.dir, 'segment.mp4');
  // The recorder's muxer settings: 25 fps, 1 s GOP, fragments ≤ 1 s, mfra trailer.
  await writeSampleFmp4(file, 3);
  bytes = new Uint8Array(await readFile(file));
});

afterAll(async () => {
  await tmp.cleanup();
});

describe('readFmp4Layout', () => {
  it('gives the same codec string as the live splitter, the timescale and the 25 fps frame', () => {
    const inits: InitSegment[] = [];
    const splitter = new Fmp4Splitter();
    splitter.on('init', (i) => inits.push(i));
    splitter.push(Buffer.from(bytes));
    const layout = readFmp4Layout(bytes);
    expect(inits[0]?.codec).toMatch(/^avc1\.[0-9a-f]{6}$/);
    expect(layout.codec).toBe(inits[0]?.codec);
    expect(layout.timescale).toBeGreaterThan(0);
    expect(layout.frameSec).toBeCloseTo(0.04, 6);
    expect(layout.firstDecodeSec).toBe(0);
  });

  it("takes the typical frame interval, not a live camera's one-tick first sample duration", async () => {
    // Jittery 25 fps (36/44 ms alternately) so the muxer writes a duration per sample.
    const jittery = join(tmp.dir, 'jittery.mp4');
    await run(FFMPEG, [
      ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=25', '-t', '2'],
      ...['-vf', 'settb=1/1000,setpts=PTS+4*mod(N\\,2)', '-fps_mode', 'passthrough'],
      ...['-enc_time_base:v', '1:1000'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-f', 'mp4'],
      ...['-movflags', '+frag_keyframe+empty_moov+default_base_moof', jittery],
    ]);
    const copy = new Uint8Array(await readFile(jittery));
    const v = new DataView(copy.buffer);
    const at = new TextDecoder('latin1').decode(copy).indexOf('trun') + 4;
    const flags = v.getUint32(at) & 0xffffff;
    expect(flags & 0x100, 'per-sample durations').toBeTruthy();
    // The recorder's files from a live camera: the first sample's duration is one tick.
    const first = at + 8 + (flags & 0x1 ? 4 : 0) + (flags & 0x4 ? 4 : 0);
    v.setUint32(first, 1);
    const frameSec = readFmp4Layout(copy).frameSec!;
    expect(frameSec).toBeGreaterThanOrEqual(0.035);
    expect(frameSec).toBeLessThanOrEqual(0.045);
  });

  it('ends the media at the last complete fragment, before the mfra trailer', async () => {
    const scan = await scanFmp4(file);
    const layout = readFmp4Layout(bytes);
    expect(scan.closedCleanly).toBe(true);
    expect(scan.fragmentCount).toBeGreaterThan(1);
    expect(layout.mediaEnd).toBeLessThan(bytes.byteLength);
    const tail = new TextDecoder('latin1').decode(
      bytes.subarray(layout.mediaEnd + 4, layout.mediaEnd + 8),
    );
    expect(tail).toBe('mfra');
    expect(layout.initEnd).toBeGreaterThan(0);
    expect(layout.initEnd).toBeLessThan(layout.mediaEnd);
  });

  it('stops at the last whole fragment of a torn file', () => {
    const whole = readFmp4Layout(bytes);
    const torn = readFmp4Layout(bytes.subarray(0, whole.mediaEnd - 100));
    expect(torn.mediaEnd).toBeGreaterThan(torn.initEnd);
    expect(torn.mediaEnd).toBeLessThan(whole.mediaEnd);
    expect(torn.codec).toBe(whole.codec);
  });

  it('reads nothing from a file cut inside its init segment or from foreign bytes', () => {
    const cut = readFmp4Layout(bytes.subarray(0, 40));
    expect(cut).toMatchObject({ codec: null, mediaEnd: 0, initEnd: 0, frameSec: null });
    const junk = readFmp4Layout(new Uint8Array([0, 0, 0, 1, 0x6d, 0x6f, 0x6f, 0x76, 0xff]));
    expect(junk.mediaEnd).toBe(0);
  });
});

describe('appendChunks', () => {
  it('covers the file in pieces cut after the init segment or a whole fragment', () => {
    const media = bytes.subarray(0, readFmp4Layout(bytes).mediaEnd);
    const pieces = appendChunks(media, 1);
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    expect(pieces[0]![0]).toBe(0);
    expect(pieces.at(-1)![1]).toBe(media.byteLength);
    for (let i = 1; i < pieces.length; i++) expect(pieces[i]![0]).toBe(pieces[i - 1]![1]);
    // Every piece after the first starts with a fragment: it appends on its own.
    for (const [from] of pieces.slice(1))
      expect(String.fromCharCode(...media.subarray(from + 4, from + 8))).toBe('moof');
    // A large target keeps the whole file in one piece.
    expect(appendChunks(media, 1 << 30)).toEqual([[0, media.byteLength]]);
  });
});
