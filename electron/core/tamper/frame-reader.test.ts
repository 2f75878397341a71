import { describe, expect, it } from 'vitest';
import { detectorArgs, detectorRtspInput, DETECTOR_FRAME_BYTES } from './detector-args';
import { FrameReader } from './frame-reader';
import type { Picture } from './picture-metrics';

const HEADER = 'YUV4MPEG2 W160 H90 F25:2 Ip A1:1 C420jpeg XYSCSS=420JPEG\n';

function y4m(levels: number[]): Buffer {
  return Buffer.concat([
    Buffer.from(HEADER),
    ...levels.flatMap((v) => [Buffer.from('FRAME\n'), Buffer.alloc(DETECTOR_FRAME_BYTES, v)]),
  ]);
}

describe('FrameReader', () => {
  it('cuts a Y4M stream of any chunking into whole pictures', () => {
    const got: Picture[] = [];
    const reader = new FrameReader(160, 90, (p) => got.push(p));
    const stream = y4m([10, 20, 30]);
    for (let at = 0; at < stream.length; at += 7001) reader.push(stream.subarray(at, at + 7001));
    expect(got.map((p) => [p.y.length, p.u?.length, p.v?.length, p.y[0], p.v?.[3599]])).toEqual([
      [14_400, 3600, 3600, 10, 10],
      [14_400, 3600, 3600, 20, 20],
      [14_400, 3600, 3600, 30, 30],
    ]);
  });

  it('starts over with the header of a restarted ffmpeg', () => {
    const got: Picture[] = [];
    const reader = new FrameReader(160, 90, (p) => got.push(p));
    reader.push(y4m([99]).subarray(0, 1000));
    reader.reset();
    reader.push(y4m([5]));
    expect(got.map((p) => p.y[0])).toEqual([5]);
  });

  it('refuses output that is not Y4M of the expected size', () => {
    expect(() => new FrameReader(160, 90, () => undefined).push(Buffer.alloc(400, 1))).toThrow(
      /Y4M/,
    );
    const wrong = Buffer.from('YUV4MPEG2 W320 H180 F25:1\n');
    expect(() => new FrameReader(160, 90, () => undefined).push(wrong)).toThrow(/320x180/);
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
    expect(args.slice(-3)).toEqual(['-f', 'yuv4mpegpipe', 'pipe:1']);
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
