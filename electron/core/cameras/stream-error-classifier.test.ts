import { describe, expect, it } from 'vitest';
import { classifyStreamError, redactCredentials } from './stream-error-classifier';

// Verbatim stderr from ffmpeg/ffprobe 5.1 (Debian 12) against e2e/rig/rtsp_rig.py.
const REAL = {
  wrongPassword:
    '[rtsp @ 0x556b0e3c8ac0] [error] method DESCRIBE failed: 401 Unauthorized\n' +
    '[error] rtsp://admin:bad@127.0.0.1:41399/secure1: Server returned 401 Unauthorized (authorization failed)\n',
  wrongPath:
    '[rtsp @ 0x55b650bb6ac0] [error] method DESCRIBE failed: 404 Not Found\n' +
    '[error] rtsp://127.0.0.1:41399/nope: Server returned 404 Not Found\n',
  closedPort:
    '[tcp @ 0x55e690e439c0] [error] Connection to tcp://127.0.0.1:1?timeout=5000000 failed: Connection refused\n' +
    '[error] rtsp://127.0.0.1:1/nope: Connection refused\n',
  unknownHost:
    '[tcp @ 0x5594dffc6140] Failed to resolve hostname no-such-host.invalid: Name or service not known\n' +
    'rtsp://no-such-host.invalid/cam1: Input/output error\n',
  // The rig process frozen (SIGSTOP) while ffmpeg was reading it.
  stalled: '[error] rtsp://127.0.0.1:41399/cam1: Connection timed out\n',
  // A TCP server that never answers RTSP: ffmpeg 5.1 reports the read timeout this way.
  silentServer: '[error] rtsp://127.0.0.1:53973/x: Invalid data found when processing input\n',
  noContainerTag:
    '[mp4 @ 0x55cd7b21c580] [error] Could not find tag for codec rawvideo in stream #0, codec not currently supported in container\n' +
    '[error] Could not write header for output file #0 (incorrect codec parameters ?): Invalid argument\n',
};

describe('classifyStreamError', () => {
  it('maps the real ffmpeg messages to error kinds', () => {
    expect(classifyStreamError(REAL.wrongPassword)).toBe('auth');
    expect(classifyStreamError(REAL.wrongPath)).toBe('not_found');
    expect(classifyStreamError(REAL.closedPort)).toBe('unreachable');
    expect(classifyStreamError(REAL.unknownHost)).toBe('unreachable');
    expect(classifyStreamError(REAL.stalled)).toBe('timeout');
    expect(classifyStreamError(REAL.silentServer)).toBe('bad_stream');
    expect(classifyStreamError(REAL.noContainerTag)).toBe('unsupported_codec');
  });

  it('knows the other RTSP replies cameras give', () => {
    expect(classifyStreamError('method SETUP failed: 454 Session Not Found')).toBe('not_found');
    expect(
      classifyStreamError('[tcp] Connection to tcp://10.0.0.9:554 failed: No route to host'),
    ).toBe('unreachable');
    expect(classifyStreamError('failed: Network is unreachable')).toBe('unreachable');
  });

  it('returns unknown for anything else', () => {
    expect(classifyStreamError('')).toBe('unknown');
    expect(classifyStreamError('frame=  25 fps=0.0 q=-1.0 size=N/A')).toBe('unknown');
  });
});

describe('redactCredentials', () => {
  it('removes user and password from URLs', () => {
    const line = redactCredentials(REAL.wrongPassword);
    expect(line).not.toContain('admin:bad');
    expect(line).toContain('rtsp://***@127.0.0.1:41399/secure1');
    expect(redactCredentials('rtsp://127.0.0.1/cam1')).toBe('rtsp://127.0.0.1/cam1');
  });
});
