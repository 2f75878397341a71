import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changedCells,
  lumaStats,
  readKeyframes,
  structureChanged,
  type Keyframe,
  type KeyframeReader,
} from './keyframe-probe';
import { D1, startRig, type PictureState, type Rig } from './rig';
import { stampEpochMs } from './clock-stamp';
import { readRtspStamps } from './stamp-reader';

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

  it('a rig process that dies on its own is reported and comes back on its port', async () => {
    const pid = rigPidOn(rig.port);
    expect(pid).not.toBeNull();
    const warned: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warned.push(args.join(' '));
    try {
      process.kill(pid!, 'SIGKILL');
      let back = false;
      for (let i = 0; i < 60 && !back; i++) {
        await new Promise((r) => setTimeout(r, 500));
        back = rigPidOn(rig.port) !== null && probe(rig.url('cam1')).codec === 'h264';
      }
      expect(back).toBe(true);
    } finally {
      console.warn = warn;
    }
    expect(rigPidOn(rig.port)).not.toBe(pid);
    expect(warned.join('\n')).toMatch(/died unexpectedly \(code null, signal SIGKILL\)/);
  });
});

/** The pid of the rig process serving `port`, from /proc. */
function rigPidOn(port: number): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      const at = argv.indexOf('--port');
      if (argv.some((a) => a.endsWith('rtsp_rig.py')) && argv[at + 1] === String(port))
        return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

describe('clock-stamped rig (glass-to-glass latency)', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig({ h264: ['clock1'], h265: ['clock2'], sub: true, clockStamp: true });
  });
  afterAll(() => rig.stop());

  it('burns the wall clock into H.264 and H.265 pictures, read back within 1 s of now', async () => {
    for (const mount of ['clock1', 'clock1_sub', 'clock2']) {
      const all = await readRtspStamps(rig.url(mount), { frames: 30 });
      // Joining mid-GOP, the first pictures may be grey until a keyframe; after that nearly all read.
      const readings = all.slice(all.findIndex((r) => r.stamp !== null));
      const valid = readings.filter((r) => r.stamp !== null);
      expect(readings.length, mount).toBeGreaterThanOrEqual(20);
      expect(valid.length / readings.length, mount).toBeGreaterThanOrEqual(0.9);
      const ages = valid.map((r) => r.arrivedMs - stampEpochMs(r.stamp!, r.arrivedMs));
      // Stamped before they arrive, and recent: encode + RTSP + decode on a loaded machine.
      expect(Math.min(...ages), mount).toBeGreaterThanOrEqual(0);
      expect(Math.max(...ages), mount).toBeLessThan(1000);
      // The clock advances from frame to frame (25 fps: ~40 ms apart).
      const stamps = valid.map((r) => r.stamp!);
      expect(stamps[stamps.length - 1]! - stamps[0]!, mount).toBeGreaterThan(500);
    }
  });

  it('a mount without the stamp reads as no stamp (CRC), not as a time', async () => {
    const plain = await startRig({ h264: ['plain1'] });
    try {
      const readings = await readRtspStamps(plain.url('plain1'), { frames: 10 });
      expect(readings.filter((r) => r.stamp !== null)).toEqual([]);
    } finally {
      await plain.stop();
    }
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

describe('tamper mounts: the picture fails on command, the stream stays up', () => {
  const GOP_S = 2;
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig({
      tamper: ['t1', 't2'],
      busy: ['b1'],
      authMounts: ['t1'],
      authMethod: 'digest',
      fps: '25/2',
      gopSeconds: GOP_S,
      tamperSize: D1,
    });
  });
  afterAll(() => rig.stop());

  /**
   * Sends the command, then returns the first two keyframes that show it (the first
   * keyframes after the ack may have been encoded before it), timing the first.
   */
  async function switchTo(
    reader: KeyframeReader,
    state: PictureState,
    shows: (k: Keyframe) => boolean,
  ): Promise<{ first: Keyframe; second: Keyframe; latencyMs: number }> {
    await rig.tamper('t1', state);
    const ackAt = Date.now();
    // A keyframe every GOP; the probe's own delay and a loaded machine get 6 s more.
    const deadline = ackAt + GOP_S * 1000 + 6000;
    let k = await reader.next(ackAt);
    // shows() may compare with the keyframe it saw before: call it once per keyframe.
    let shown = shows(k);
    for (let i = 0; i < 20 && !shown && k.at <= deadline; i++) {
      k = await reader.next(k.at);
      shown = shows(k);
    }
    expect(shown, `${state} not shown by ${JSON.stringify(lumaStats(k.y))}`).toBe(true);
    expect(k.at - ackAt, `${state}: ms from the ack`).toBeLessThanOrEqual(deadline - ackAt);
    const second = await reader.next(k.at);
    return { first: k, second, latencyMs: k.at - ackAt };
  }

  it('goes black, freezes, gets covered, changes scene and comes back, in one session', async () => {
    const creds = { user: 'admin', pass: '12345' };
    expect(probe(rig.url('t1')).stderr).toContain('401 Unauthorized');
    const reader = readKeyframes(rig.url('t1', creds));
    try {
      const a = await reader.next(0, 20_000);
      const ref = await reader.next(a.at);
      const normal = lumaStats(ref.y);
      // The normal scene moves: consecutive keyframes differ in many cells.
      expect(changedCells(a.y, ref.y)).toBeGreaterThan(0.08);
      const dark = (k: Keyframe) => lumaStats(k.y).dark >= 0.95;
      const measured: Record<string, unknown> = { normal: normal };

      const black = await switchTo(reader, 'black', dark);
      expect(lumaStats(black.second.y).dark).toBeGreaterThanOrEqual(0.95);
      measured.black = { ...lumaStats(black.first.y), latencyMs: black.latencyMs };

      // Frozen: the picture stops (OSD corner aside) but keyframes keep coming.
      let before = black.second;
      const frozen = await switchTo(reader, 'frozen', (k) => {
        const still = !dark(k) && changedCells(before.y, k.y) <= 0.03;
        before = k;
        return still;
      });
      expect(changedCells(frozen.first.y, frozen.second.y)).toBeLessThanOrEqual(0.03);
      measured.frozen = {
        changed: changedCells(frozen.first.y, frozen.second.y),
        latencyMs: frozen.latencyMs,
      };

      // Covered: blurred and flat, not black.
      const blurred = (k: Keyframe) => {
        const s = lumaStats(k.y);
        return s.dark < 0.5 && s.edge < 0.4 * normal.edge && s.std < 0.4 * normal.std;
      };
      const covered = await switchTo(reader, 'covered', blurred);
      expect(blurred(covered.second)).toBe(true);
      measured.covered = { ...lumaStats(covered.first.y), latencyMs: covered.latencyMs };

      // Scene: another structure, not just another brightness.
      const moved = (k: Keyframe) => structureChanged(ref.y, k.y) >= 0.7;
      const scene = await switchTo(reader, 'scene', moved);
      expect(moved(scene.second)).toBe(true);
      measured.scene = {
        structure: structureChanged(ref.y, scene.first.y),
        latencyMs: scene.latencyMs,
      };

      const back = (k: Keyframe) => {
        const s = lumaStats(k.y);
        return (
          structureChanged(ref.y, k.y) < 0.4 &&
          Math.abs(s.mean - normal.mean) < 10 &&
          s.edge > 0.7 * normal.edge
        );
      };
      const restored = await switchTo(reader, 'normal', back);
      expect(changedCells(restored.first.y, restored.second.y)).toBeGreaterThan(0.08);
      measured.normalAgain = {
        structure: structureChanged(ref.y, restored.first.y),
        latencyMs: restored.latencyMs,
      };
      console.log('tamper states (160x90 luma of D1 keyframes):', JSON.stringify(measured));

      // One session throughout: stream time advanced by a GOP per keyframe.
      expect(reader.running()).toBe(true);
      const pts = reader.frames.map((f) => f.ptsTime);
      for (let i = 1; i < pts.length; i++) expect(pts[i]! - pts[i - 1]!).toBeCloseTo(GOP_S, 0);
    } finally {
      await reader.stop();
    }
  });

  it('a mount commanded before any client starts in that state, on its _sub path too', async () => {
    // t2 has no media yet: the state is applied when its first session builds one.
    await rig.tamper('t2', 'black');
    const reader = readKeyframes(rig.url('t2_sub'));
    try {
      // The first keyframe can be the compositor's black start-up frame: judge the next two.
      let k = await reader.next(0, 20_000);
      for (let i = 0; i < 2; i++) {
        k = await reader.next(k.at);
        expect(lumaStats(k.y).dark).toBeGreaterThanOrEqual(0.95);
      }
      await rig.tamper('t2', 'normal');
      const ackAt = Date.now();
      k = await reader.next(ackAt);
      for (let i = 0; i < 3 && lumaStats(k.y).dark >= 0.95; i++) k = await reader.next(k.at);
      expect(lumaStats(k.y).dark).toBeLessThan(0.5);
    } finally {
      await reader.stop();
    }
  });

  it('busy mounts move; bad commands are refused and a silent rig times out', async () => {
    expect(probe(rig.url('b1'))).toMatchObject({ codec: 'h264', width: 704, fps: '25/2' });
    const reader = readKeyframes(rig.url('b1'));
    try {
      let k = await reader.next(0, 20_000);
      for (let i = 0; i < 3; i++) {
        const n = await reader.next(k.at);
        expect(changedCells(k.y, n.y)).toBeGreaterThan(0.08);
        expect(lumaStats(n.y).dark).toBeLessThan(0.5);
        k = n;
      }
    } finally {
      await reader.stop();
    }
    await expect(rig.tamper('nope', 'black')).rejects.toThrow(/unknown_mount/);
    await expect(rig.tamper('t1', 'purple' as PictureState)).rejects.toThrow(/unknown_state/);
    // A rig that does not answer: a bounded wait, then the late ack is not taken for
    // the next command's.
    rig.freeze();
    try {
      await expect(rig.tamper('t1', 'black', 300)).rejects.toThrow(/no reply .* 300 ms/);
    } finally {
      rig.thaw();
    }
    await expect(rig.tamper('t1', 'normal')).resolves.toBeUndefined();
  });
});

describe('tamper mount as H.265 (CIF)', () => {
  it('serves H.265 and goes black on command', async () => {
    const rig = await startRig({ tamper: ['h1'], tamperCodec: 'h265', fps: '25/2', gopSeconds: 2 });
    const reader = readKeyframes(rig.url('h1'));
    try {
      expect(probe(rig.url('h1'))).toMatchObject({ codec: 'hevc', width: 352, height: 288 });
      await reader.next(0, 20_000);
      await rig.tamper('h1', 'black');
      const ackAt = Date.now();
      let k = await reader.next(ackAt);
      for (let i = 0; i < 5 && lumaStats(k.y).dark < 0.95; i++) k = await reader.next(k.at);
      expect(lumaStats(k.y).dark).toBeGreaterThanOrEqual(0.95);
      expect(k.at - ackAt).toBeLessThan(8000);
    } finally {
      await reader.stop();
      await rig.stop();
    }
  });
});
