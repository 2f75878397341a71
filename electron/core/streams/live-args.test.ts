import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildLiveArgs, demoInputArgs, findSystemFont } from './live-args';
import { TEST_FFMPEG } from './testing/ffmpeg-bin';

const rtsp = { kind: 'rtsp' as const, url: 'rtsp://u:p@127.0.0.1:554/cam1', safeLabel: 'cam1' };
const demo = { kind: 'demo' as const, index: 3, title: "Ngõ 5: 'Chợ' 100%", safeLabel: 'demo3' };

/** Runs the args for a few frames (instead of forever to a pipe) and returns stdout. */
function run(args: string[]): { status: number | null; stdout: Buffer; stderr: string } {
  const bounded = [...args.slice(0, -1), '-frames:v', '10', 'pipe:1'];
  const r = spawnSync(TEST_FFMPEG, bounded, { timeout: 20_000, maxBuffer: 16 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}

describe('live ffmpeg arguments', () => {
  it('copies RTSP into low-latency fMP4, tagging H.265 as hvc1 for MSE', () => {
    const h264 = buildLiveArgs({ input: rtsp, format: 'fmp4', platform: 'linux' });
    expect(h264).toEqual(
      expect.arrayContaining(['-rtsp_transport', 'tcp', '-c:v', 'copy', '-nostdin']),
    );
    expect(h264.join(' ')).toContain('-movflags +frag_keyframe+empty_moov+default_base_moof');
    expect(h264.join(' ')).toContain('-analyzeduration 100000');
    expect(h264).not.toContain('hvc1');
    const hevc = buildLiveArgs({
      input: { ...rtsp, codec: 'hevc' },
      format: 'fmp4',
      fullProbe: true,
    });
    expect(hevc.join(' ')).toContain('-tag:v hvc1');
    expect(hevc.join(' ')).toContain('-analyzeduration 1000000');
    // Windows stops ffmpeg with 'q' on stdin, so stdin must stay readable there.
    expect(buildLiveArgs({ input: rtsp, format: 'fmp4', platform: 'win32' })).not.toContain(
      '-nostdin',
    );
  });

  it('transcodes to MPEG-1 at 25 fps without B-frames for JSMpeg', () => {
    const args = buildLiveArgs({ input: rtsp, format: 'mpeg1' }).join(' ');
    expect(args).toContain('-f mpegts -c:v mpeg1video -bf 0 -r 25');
  });

  it('escapes the demo title for drawtext and works without a font', () => {
    const withFont = demoInputArgs(demo.title, 3, 'C:\\Windows\\Fonts\\arial.ttf').join(' ');
    expect(withFont).toContain("fontfile='C\\:/Windows/Fonts/arial.ttf'");
    expect(withFont).toContain('Ngõ 5\\: ’Chợ’ 100\\\\%');
    expect(demoInputArgs(demo.title, 3, null).join(' ')).not.toContain('drawtext');
  });

  it('demo cameras really encode, in both formats (real ffmpeg)', () => {
    expect(findSystemFont('linux')).not.toBeNull();
    const fmp4 = run(buildLiveArgs({ input: demo, format: 'fmp4' }));
    expect(fmp4.stderr).toBe('');
    expect(fmp4.stdout.toString('latin1', 4, 8)).toBe('ftyp');
    const ts = run(buildLiveArgs({ input: demo, format: 'mpeg1' }));
    expect(ts.status).toBe(0);
    expect(ts.stdout[0]).toBe(0x47);
    expect(ts.stdout.length % 188).toBe(0);
  });
});
