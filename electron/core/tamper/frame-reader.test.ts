import { describe, expect, it } from 'vitest';
import { detectorArgs, detectorRtspInput, DETECTOR_FRAME_BYTES } from './detector-args';
import { FrameReader } from './frame-reader';
import type { Picture } from './picture-metrics';

describe('FrameReader', () => {
  it('cuts a stream of any chunking into whole pictures', () => {
    const got: Picture[] = [];
    const reader = new FrameReader(160, 90, (p) => got.push(p));
    const stream = Buffer.alloc(DETECTOR_FRAME_BYTES * 3);
    for (let f = 0; f < 3; f++)
      stream.fill(10 * (f + 1), f * DETECTOR_FRAME_BYTES, (f + 1) * DETECTOR_FRAME_BYTES);
    for (let at = 0; at < stream.length; at += 7001) reader.push(stream.subarray(at, at + 7001));
    expect(got.map((p) => [p.y.length, p.u?.length, p.v?.length, p.y[0], p.v?.[3599]])).toEqual([
      [14_400, 3600, 3600, 10, 10],
      [14_400, 3600, 3600, 20, 20],
      [14_400, 3600, 3600, 30, 30],
    ]);
  });

  it('drops a partial frame when ffmpeg restarts', () => {
    const got: Picture[] = [];
    const reader = new FrameReader(160, 90, (p) => got.push(p));
    reader.push(Buffer.alloc(1000, 99));
    reader.reset();
    reader.push(Buffer.alloc(DETECTOR_FRAME_BYTES, 5));
    expect(got.length).toBe(1);
    expect(got[0]!.y[0]).toBe(5);
  });
});

describe('detectorArgs', () => {
  it('decodes keyframes only, keeps their timing and spells it for the ffmpeg in use', () => {
    const args = detectorArgs(detectorRtspInput('rtsp://cam/sub'), { major: 5, minor: 1 }, 'linux');
    const i = args.indexOf('-i');
    expect(args.indexOf('-skip_frame')).toBeLessThan(i);
    expect(args[args.indexOf('-skip_frame') + 1]).toBe('nokey');
    expect(args.slice(args.indexOf('-fps_mode'), args.indexOf('-fps_mode') + 2)).toEqual([
      '-fps_mode',
      'passthrough',
    ]);
    expect(args.slice(-3)).toEqual(['-f', 'rawvideo', 'pipe:1']);
    const old = detectorArgs(
      detectorRtspInput('rtsp://cam/sub', { major: 4, minor: 1 }),
      { major: 4, minor: 1 },
      'win32',
    );
    expect(old).toContain('-vsync');
    expect(old).toContain('-stimeout');
    expect(old).not.toContain('-fps_mode');
  });
});
