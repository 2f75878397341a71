// CameraReachability with canned connects and stream checks (the real rig run is
// camera-health.test.ts).
import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../contract/schemas';
import { CameraReachability } from './camera-reachability';

const OK: ProbeResult = {
  ok: true,
  codec: 'h264',
  codecString: null,
  width: 1,
  height: 1,
  fps: 25,
};
const fail = (errorKind: Extract<ProbeResult, { ok: false }>['errorKind']): ProbeResult => ({
  ok: false,
  errorKind,
  detail: '',
});

/** Cameras a, b, c are channels of one DVR; d is a camera of its own. */
function setup(streams: Record<string, ProbeResult>, playing: ReadonlySet<string> = new Set()) {
  const urls: Record<string, string> = {
    a: 'rtsp://10.0.0.9:554/ch1',
    b: 'rtsp://10.0.0.9:554/ch2',
    c: 'rtsp://10.0.0.9/ch3',
    d: 'rtsp://10.0.0.7:8554/live',
  };
  let clock = 1_000;
  const connects: string[] = [];
  const checks: string[] = [];
  let running = 0;
  let mostAtOnce = 0;
  let portOpen = true;
  const r = new CameraReachability({
    resolveInput: async (id) => ({ kind: 'rtsp', url: urls[id]!, safeLabel: id }),
    tcpAccepts: async (host, port) => {
      connects.push(`${host}:${port}`);
      await new Promise((res) => setTimeout(res, 5));
      return portOpen;
    },
    probeStream: async (id) => {
      checks.push(id);
      mostAtOnce = Math.max(mostAtOnce, ++running);
      await new Promise((res) => setTimeout(res, 5));
      running--;
      return streams[id] ?? OK;
    },
    streamPlaying: (id) => playing.has(id),
    streamEveryMs: 60_000,
    now: () => clock,
  });
  const round = (ids: string[]) => Promise.all(ids.map((id) => r.probe(id)));
  /** Until n stream checks have run and none is running (bounded). */
  const checked = async (n: number) => {
    for (let i = 0; i < 400 && (checks.length < n || running > 0); i++)
      await new Promise((res) => setTimeout(res, 5));
  };
  return {
    checked,
    r,
    round,
    connects,
    checks,
    mostAtOnce: () => mostAtOnce,
    tick: (ms: number) => (clock += ms),
    setPort: (open: boolean) => (portOpen = open),
    setUrl: (id: string, url: string) => (urls[id] = url),
  };
}

describe('CameraReachability', () => {
  it('connects once per host:port in a round and opens the streams one at a time', async () => {
    const t = setup({});
    expect(await t.round(['a', 'b', 'c', 'd'])).toEqual([true, true, true, true]);
    expect(t.connects.sort()).toEqual(['10.0.0.7:8554', '10.0.0.9:554']);
    await t.checked(4);
    expect(t.checks).toEqual(['a', 'b', 'c', 'd']);
    expect(t.mostAtOnce()).toBe(1);
  });

  it("a channel's unplugged camera or wrong account shows at the next round; streams opened once a minute, at once when the port returns", async () => {
    const t = setup({ a: fail('not_found'), b: fail('auth'), c: fail('ffmpeg_missing') });
    await t.round(['a', 'b', 'c']);
    await t.checked(3);
    // No ffprobe here says nothing of the camera: its port answers, it counts up.
    expect(await t.round(['a', 'b', 'c'])).toEqual(['not_found', 'auth', true]);
    t.tick(30_000);
    await t.round(['a', 'b', 'c']);
    expect(t.checks).toEqual(['a', 'b', 'c']);
    t.tick(30_000);
    await t.round(['a']);
    expect(t.checks).toEqual(['a', 'b', 'c', 'a']);
    await t.checked(4);
    t.setPort(false);
    expect(await t.round(['b'])).toEqual([false]);
    t.setPort(true);
    // The last verdict stands until the stream is opened again, right now.
    expect(await t.round(['b'])).toEqual(['auth']);
    await t.checked(5);
    expect(t.checks.at(-1)).toBe('b');
    await t.r.dispose();
  });

  it('forgets a verdict when the address or password changes, and does not tell a stale one', async () => {
    const t = setup({ a: fail('auth'), b: fail('not_found') });
    await t.round(['a', 'b']);
    await t.checked(2);
    expect(await t.round(['a', 'b'])).toEqual(['auth', 'not_found']);
    // The officer fixes a's password: its port answers, its new stream is checked at once.
    t.setUrl('a', 'rtsp://admin:dung@10.0.0.9:554/ch1');
    expect(await t.round(['a'])).toEqual([true]);
    await t.checked(3);
    expect(t.checks).toEqual(['a', 'b', 'a']);
    // b was its recorder's for ten minutes: what the probe said then is not told now.
    t.tick(600_000);
    expect(await t.round(['b'])).toEqual([true]);
    await t.r.dispose();
  });

  it('does not open a stream a live viewer is already playing; its verdict is that stream', async () => {
    const playing = new Set(['a']);
    const t = setup({ a: fail('auth'), b: fail('not_found') }, playing);
    expect(await t.round(['a', 'b'])).toEqual([true, true]);
    await t.checked(1);
    expect(await t.round(['a', 'b'])).toEqual([true, 'not_found']);
    expect(t.checks).toEqual(['b']);
    // The viewer closes the tile: a's stream is opened at its next minute.
    playing.delete('a');
    t.tick(60_000);
    await t.round(['a']);
    await t.checked(2);
    expect(t.checks).toEqual(['b', 'a']);
    expect(await t.round(['a'])).toEqual(['auth']);
    await t.r.dispose();
  });
});
