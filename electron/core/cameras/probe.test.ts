import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type Rig } from '../../../e2e/rig/rig';
import { probeStream } from './probe';
import { TEST_FFPROBE } from '../streams/testing/ffmpeg-bin';

const ffprobePath = TEST_FFPROBE;
const rtsp = (url: string) => ({ kind: 'rtsp' as const, url, safeLabel: 'test' });

describe('probeStream against the RTSP rig', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig({ h264: ['cam1'], h265: ['hevc1'], authMounts: ['secure1'] });
  });
  afterAll(() => rig.stop());

  it('reports H.264 640x360 at 25 fps with an avc1 codec string', async () => {
    const r = await probeStream({ ffprobePath, input: rtsp(rig.url('cam1')), timeoutMs: 10_000 });
    expect(r).toMatchObject({ ok: true, codec: 'h264', width: 640, height: 360, fps: 25 });
    expect(r.ok && r.codecString).toMatch(/^avc1\.42[0-9a-f]{4}$/);
  });

  it('reports H.265', async () => {
    const r = await probeStream({ ffprobePath, input: rtsp(rig.url('hevc1')), timeoutMs: 10_000 });
    expect(r).toMatchObject({ ok: true, codec: 'hevc', width: 640, height: 360 });
    expect(r.ok && r.codecString).toMatch(/^hvc1\.1\.6\.L\d+\.B0$/);
  });

  it('classifies a wrong password, a closed port and a bad path', async () => {
    const bad = await probeStream({
      ffprobePath,
      input: rtsp(rig.url('secure1', { user: 'admin', pass: 'wrong' })),
      timeoutMs: 10_000,
    });
    expect(bad).toMatchObject({ ok: false, errorKind: 'auth' });
    // The detail may be shown or logged: it must not carry the password.
    expect(bad.ok ? '' : bad.detail).not.toContain('wrong');

    const good = await probeStream({
      ffprobePath,
      input: rtsp(rig.url('secure1', { user: 'admin', pass: '12345' })),
      timeoutMs: 10_000,
    });
    expect(good.ok).toBe(true);

    const closed = await probeStream({
      ffprobePath,
      input: rtsp('rtsp://127.0.0.1:1/cam1'),
      timeoutMs: 10_000,
    });
    expect(closed).toMatchObject({ ok: false, errorKind: 'unreachable' });

    const missing = await probeStream({
      ffprobePath,
      input: rtsp(rig.url('nope')),
      timeoutMs: 10_000,
    });
    expect(missing).toMatchObject({ ok: false, errorKind: 'not_found' });
  });

  it('reports a timeout for a server that never answers, within the limit', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as net.AddressInfo).port;
    const t0 = Date.now();
    const r = await probeStream({
      ffprobePath,
      input: rtsp(`rtsp://127.0.0.1:${port}/x`),
      timeoutMs: 2000,
    });
    expect(r).toMatchObject({ ok: false, errorKind: 'timeout' });
    expect(Date.now() - t0).toBeLessThan(4000);
    silent.close();
  });

  it('reports ffmpeg_missing when ffprobe does not exist', async () => {
    const r = await probeStream({
      ffprobePath: '/nonexistent/ffprobe',
      input: rtsp(rig.url('cam1')),
      timeoutMs: 2000,
    });
    expect(r).toMatchObject({ ok: false, errorKind: 'ffmpeg_missing' });
  });
});
