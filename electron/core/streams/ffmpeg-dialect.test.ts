import { describe, expect, it } from 'vitest';
import { probeInputArgs } from '../cameras/probe';
import { transcodeArgs } from '../playback/transcode-args';
import { buildSegmentArgs } from '../recording/segment-args';
import {
  DEFAULT_FFMPEG_VERSION,
  ffmpegVersionOf,
  parseFfmpegVersion,
  type FfmpegVersion,
} from './ffmpeg-version';
import { buildLiveArgs } from './live-args';
import { TEST_FFMPEG } from './testing/ffmpeg-bin';

const V41: FfmpegVersion = { major: 4, minor: 1 };
const V51: FfmpegVersion = { major: 5, minor: 1 };
const rtsp = { kind: 'rtsp' as const, url: 'rtsp://127.0.0.1:8554/cam1', safeLabel: 'cam1' };

/** `-version` output of a git snapshot build: no release in its first line. */
const snapshot = (lavf: string) =>
  `ffmpeg version N-47683-g0e8eb07980-static https://johnvansickle.com/ffmpeg/  Copyright (c) 2000-2018\n` +
  `built with gcc 6.3.0\nlibavutil      56. 24.101 / 56. 24.101\nlibavformat    ${lavf} / ${lavf}\n`;

describe('ffmpeg version', () => {
  it('reads the release from the first line', () => {
    expect(parseFfmpegVersion('ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026')).toEqual(
      V51,
    );
    expect(parseFfmpegVersion('ffmpeg version n4.4.2 Copyright')).toEqual({ major: 4, minor: 4 });
    expect(parseFfmpegVersion('ffprobe version 7.1-essentials_build-www.gyan.dev')).toEqual({
      major: 7,
      minor: 1,
    });
  });

  it('places a snapshot build (the npm registry’s) by its libavformat', () => {
    // @ffmpeg-installer/linux-x64 4.1.0 and @ffprobe-installer/linux-x64 5.1.0, as they print it.
    expect(parseFfmpegVersion(snapshot('58. 24.100'))).toEqual(V41);
    expect(parseFfmpegVersion(snapshot('59. 30.101'))).toEqual(V51);
    // Between 4.4 and 5.0 (libavformat 59 already): a 5.x before 5.0's options, counted 5.0.
    expect(parseFfmpegVersion(snapshot('59.  5.100'))).toEqual({ major: 5, minor: 0 });
    expect(parseFfmpegVersion(snapshot('63.  1.100'))).toEqual({ major: 9, minor: 0 });
    expect(parseFfmpegVersion('not ffmpeg at all')).toBeNull();
  });

  it('asks a binary once, and takes the tested version when it cannot say', async () => {
    const v = ffmpegVersionOf(TEST_FFMPEG);
    expect(ffmpegVersionOf(TEST_FFMPEG)).toBe(v);
    expect((await v).major).toBeGreaterThanOrEqual(4);
    expect(await ffmpegVersionOf('/nonexistent/ffmpeg')).toEqual(DEFAULT_FFMPEG_VERSION);
  });
});

describe('arguments by ffmpeg version', () => {
  it('RTSP inputs: -stimeout before 5.0, where -timeout means "listen"', () => {
    const cases = [
      buildLiveArgs({ input: rtsp, format: 'fmp4', platform: 'linux', version: V41 }),
      buildSegmentArgs({
        input: rtsp,
        inboxDir: '/tmp/in',
        runId: 'r1',
        segmentSeconds: 60,
        version: V41,
      }),
      probeInputArgs(rtsp, 10_000, V41),
    ];
    for (const args of cases) {
      expect(args.join(' ')).toMatch(/-stimeout \d+ .*-i rtsp:/);
      expect(args).not.toContain('-timeout');
    }
    expect(buildLiveArgs({ input: rtsp, format: 'fmp4', version: V51 }).join(' ')).toContain(
      '-timeout 5000000',
    );
    expect(probeInputArgs(rtsp, 10_000, V51).join(' ')).toContain('-timeout 8000000');
    // No version given: what the station is tested with.
    expect(buildLiveArgs({ input: rtsp, format: 'fmp4' })).toEqual(
      buildLiveArgs({ input: rtsp, format: 'fmp4', version: V51 }),
    );
  });

  it('recorder: -stats_period only where it exists (4.4+)', () => {
    const seg = (version: FfmpegVersion) =>
      buildSegmentArgs({ input: rtsp, inboxDir: '/in', runId: 'r', segmentSeconds: 60, version });
    expect(seg(V51).join(' ')).toContain('-progress pipe:1 -stats_period 1 /in/r-%06d.mp4');
    expect(seg(V41).join(' ')).toContain('-progress pipe:1 /in/r-%06d.mp4');
    expect(seg({ major: 4, minor: 4 })).toContain('-stats_period');
  });

  it('playback transcode: -vsync passthrough before 5.1, -fps_mode from 5.1', () => {
    const t = (version: FfmpegVersion) => transcodeArgs({ file: '/a.mp4', fromSec: 2, version });
    expect(t(V41).join(' ')).toContain('-vsync passthrough');
    expect(t(V41)).not.toContain('-fps_mode');
    expect(t({ major: 5, minor: 0 }).join(' ')).toContain('-vsync passthrough');
    expect(t(V51).join(' ')).toContain('-fps_mode passthrough');
    expect(t(V51)).not.toContain('-vsync');
  });
});
