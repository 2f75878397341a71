import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { D1, startRig, type Rig } from './rig';

const RIG_SCRIPT = path.join(__dirname, 'rtsp_rig.py');

interface Probed {
  codec?: string;
  width?: number;
  height?: number;
  fps?: string;
  stderr: string;
}

function ffprobe(
  url: string,
  extra: string[] = [],
): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(
    'ffprobe',
    ['-v', 'error', '-rtsp_transport', 'tcp', '-timeout', '5000000', ...extra, '-of', 'json', url],
    { encoding: 'utf8', timeout: 20_000 },
  );
}

function probe(url: string): Probed {
  const r = ffprobe(url, ['-show_streams']);
  const streams =
    r.status === 0
      ? (
          JSON.parse(r.stdout) as {
            streams: { codec_name: string; width: number; height: number; r_frame_rate: string }[];
          }
        ).streams
      : [];
  const s = streams[0];
  return {
    codec: s?.codec_name,
    width: s?.width,
    height: s?.height,
    fps: s?.r_frame_rate,
    stderr: r.stderr,
  };
}

/** Seconds (stream time) of the keyframes in the first ~9 s of a mount. */
function keyframeTimes(url: string): number[] {
  const r = ffprobe(url, [
    '-read_intervals',
    '%+9',
    '-show_entries',
    'packet=pts_time,flags',
    '-select_streams',
    'v:0',
  ]);
  const packets = (JSON.parse(r.stdout) as { packets: { pts_time?: string; flags: string }[] })
    .packets;
  // The very first packet has no timestamp yet (N/A): skip it.
  return packets
    .filter((p) => p.flags.startsWith('K') && p.pts_time !== undefined && p.pts_time !== 'N/A')
    .map((p) => Number(p.pts_time));
}

/** The raw answer to an unauthenticated DESCRIBE: what the camera challenges with. */
function describe401(port: number, mount: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer: ${reply}`));
    }, 5000);
    socket.on('connect', () =>
      socket.write(
        `DESCRIBE rtsp://127.0.0.1:${port}/${mount} RTSP/1.0\r\nCSeq: 1\r\nAccept: application/sdp\r\n\r\n`,
      ),
    );
    socket.on('data', (d) => {
      reply += d.toString();
      if (reply.includes('\r\n\r\n')) {
        clearTimeout(timer);
        socket.destroy();
        resolve(reply);
      }
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** Resolves true when the port accepts a TCP connection, false when it refuses. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('RTSP rig self-check', () => {
  it('--check passes when every element is installed', () => {
    const r = spawnSync('/usr/bin/python3', [RIG_SCRIPT, '--check'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true });
  });

  it('refuses to start, naming the element and its package, when an element is missing', async () => {
    await expect(
      startRig({ h264: ['cam1'], requireElements: ['rigbogusoverlay=gstreamer1.0-x'] }),
    ).rejects.toThrow(
      /missing GStreamer elements: rigbogusoverlay \(apt install gstreamer1\.0-x\)/,
    );
    const r = spawnSync(
      '/usr/bin/python3',
      [RIG_SCRIPT, '--check', '--require-element', 'rigbogusoverlay=gstreamer1.0-x'],
      { encoding: 'utf8' },
    );
    expect(r.status).not.toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      ready: false,
      error: 'missing_elements',
      missing: [{ element: 'rigbogusoverlay', package: 'gstreamer1.0-x' }],
    });
    expect(r.stderr).toContain('gstreamer1.0-x');
  });

  it('names python3-gi and the RTSP server typelib when the bindings cannot be imported', () => {
    // -S: no site-packages, so `gi` is missing as on a machine without python3-gi.
    const r = spawnSync('/usr/bin/python3', ['-S', RIG_SCRIPT, '--check'], { encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      ready: false,
      error: 'missing_bindings',
      packages: ['python3-gi', 'gir1.2-gst-rtsp-server-1.0'],
    });
    expect(r.stderr).toContain('python3-gi');
  });
});

describe('RTSP test rig', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig({
      h264: ['cam1'],
      h265: ['hevc1'],
      authMounts: ['secure1'],
      aliases: 2,
    });
  });
  afterAll(() => rig.stop());

  it('serves H.264, H.265, aliases and a password-protected camera (basic auth)', async () => {
    expect(probe(rig.url('cam1'))).toMatchObject({ codec: 'h264', width: 640, fps: '25/1' });
    expect(probe(rig.url('cam1-a2'))).toMatchObject({ codec: 'h264', width: 640 });
    expect(probe(rig.url('hevc1'))).toMatchObject({ codec: 'hevc', width: 640 });
    expect(probe(rig.url('secure1', { user: 'admin', pass: '12345' }))).toMatchObject({
      codec: 'h264',
    });
    expect(await describe401(rig.port, 'secure1')).toMatch(/WWW-Authenticate: Basic/);
    expect(probe(rig.url('secure1')).stderr).toContain('401 Unauthorized');
    expect(probe(rig.url('secure1', { user: 'admin', pass: 'wrong' })).stderr).toContain(
      '401 Unauthorized',
    );
  });

  it('stops (cameras offline) and restarts on the same port', async () => {
    const port = rig.port;
    await rig.stop();
    expect(rig.running()).toBe(false);
    expect(probe(rig.url('cam1')).stderr).toContain('Connection refused');
    await rig.restart();
    expect(rig.port).toBe(port);
    expect(probe(rig.url('cam1')).codec).toBe('h264');
  });
});

describe('ward-like rig', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig({
      h265: ['dahua1'],
      authMounts: ['secure1'],
      authMethod: 'digest',
      sub: true,
      subSize: D1,
      fps: '25/2',
      gopSeconds: 4,
    });
  });
  afterAll(() => rig.stop());

  it('12.5 fps, 4 s GOP, digest auth, H.265 main with an H.264 D1 sub-stream', async () => {
    expect(probe(rig.url('dahua1'))).toMatchObject({ codec: 'hevc', width: 640, fps: '25/2' });
    expect(probe(rig.url('dahua1_sub'))).toMatchObject({
      codec: 'h264',
      width: 704,
      height: 576,
      fps: '25/2',
    });
    const keys = keyframeTimes(rig.url('secure1', { user: 'admin', pass: '12345' }));
    expect(keys.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < keys.length; i++) expect(keys[i]! - keys[i - 1]!).toBeCloseTo(4, 0);
    const challenge = await describe401(rig.port, 'secure1');
    expect(challenge).toMatch(/WWW-Authenticate: Digest /);
    expect(challenge).not.toMatch(/WWW-Authenticate: Basic/);
    expect(probe(rig.url('secure1')).stderr).toContain('401 Unauthorized');
    expect(probe(rig.url('secure1', { user: 'admin', pass: 'wrong' })).stderr).toContain(
      '401 Unauthorized',
    );
  });
});

describe('power-cycling camera', () => {
  it('refuses connections while down, serves while up, and logs each up window', async () => {
    const rig = await startRig({
      h264: ['steady'],
      powerCycle: { mounts: ['pc1'], downMs: 2000, periodMs: 5000 },
    });
    try {
      const port = rig.cyclingPort!;
      expect(port).not.toBe(rig.port);
      expect(rig.url('pc1')).toBe(`rtsp://127.0.0.1:${port}/pc1`);
      expect(probe(rig.url('pc1')).codec).toBe('h264');
      // Sample the port for two periods: it must both refuse and accept.
      const seen = { up: 0, down: 0 };
      const until = Date.now() + 10_500;
      for (let i = 0; i < 200 && Date.now() < until; i++) {
        if (await accepts(port)) seen.up++;
        else seen.down++;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(seen.down).toBeGreaterThan(5);
      expect(seen.up).toBeGreaterThan(5);
      const log = rig.cycleLog();
      expect(log.length).toBeGreaterThanOrEqual(3);
      for (let i = 1; i < log.length; i++) {
        const down = log[i]!.upAt - log[i - 1]!.downAt!;
        expect(log[i - 1]!.downAt! - log[i - 1]!.upAt).toBeGreaterThanOrEqual(2900);
        expect(down).toBeGreaterThanOrEqual(2000);
        expect(down).toBeLessThan(4000);
      }
      // The steady camera is on the other process and never went away.
      expect(probe(rig.url('steady')).codec).toBe('h264');
    } finally {
      await rig.stop();
    }
    expect(rig.cycleLog().every((w) => w.downAt !== null)).toBe(true);
  });
});
