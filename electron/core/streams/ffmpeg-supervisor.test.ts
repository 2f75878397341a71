import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type Rig } from '../../../e2e/rig/rig';
import { FfmpegSupervisor } from './ffmpeg-supervisor';
import { ffmpegVersionOf } from './ffmpeg-version';
import { buildLiveArgs } from './live-args';
import { childProcesses, processExists, waitFor } from './test-helpers';
import type { StateChange } from './types';
import { TEST_FFMPEG } from './testing/ffmpeg-bin';

const ffmpegPath = TEST_FFMPEG;

function supervise(url: string, timings = {}) {
  const states: StateChange[] = [];
  const sup = new FfmpegSupervisor({
    ffmpegPath,
    args: async () =>
      buildLiveArgs({
        input: { kind: 'rtsp', url, safeLabel: 'test' },
        format: 'fmp4',
        version: await ffmpegVersionOf(ffmpegPath),
      }),
    timings,
  });
  sup.on('state', (s) => states.push(s));
  return { sup, states };
}

describe('FfmpegSupervisor against the RTSP rig', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig({ h264: ['cam1'], authMounts: ['secure1'] });
  });
  afterAll(() => rig.stop());

  it('goes live, leaves live within 10 s when the camera dies, and comes back by itself', async () => {
    const { sup, states } = supervise(rig.url('cam1'));
    sup.start();
    expect(sup.status.state).toBe('connecting');
    expect(await waitFor(() => sup.status.state === 'live', 10_000)).toBe(true);

    const killedAt = Date.now();
    await rig.stop();
    expect(await waitFor(() => sup.status.state !== 'live', 10_000)).toBe(true);
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    expect(await waitFor(() => sup.status.state === 'offline', 5000)).toBe(true);
    const offline = sup.status;
    expect(offline.errorKind).toBe('unreachable');
    expect(offline.retryAt).not.toBeNull();
    // "Offline since" is when the picture was lost, not when the last retry failed.
    expect(offline.since).toBeLessThanOrEqual(killedAt + 2000);

    await rig.restart();
    expect(await waitFor(() => sup.status.state === 'live', 20_000)).toBe(true);
    expect(states.map((s) => s.state)).toEqual(
      expect.arrayContaining(['connecting', 'live', 'reconnecting', 'offline']),
    );
    await sup.stop();
    expect(sup.status.state).toBe('idle');
  });

  it('detects a frozen camera (no data, socket open) within 10 s via the watchdog', async () => {
    const { sup } = supervise(rig.url('cam1'));
    sup.start();
    expect(await waitFor(() => sup.status.state === 'live', 10_000)).toBe(true);
    const frozenAt = Date.now();
    rig.freeze();
    try {
      expect(await waitFor(() => sup.status.state !== 'live', 10_000)).toBe(true);
      expect(Date.now() - frozenAt).toBeLessThan(10_000);
      expect(['no_data', 'timeout']).toContain(sup.status.errorKind);
      rig.thaw();
      expect(await waitFor(() => sup.status.state === 'live', 20_000)).toBe(true);
    } finally {
      // Leave no ffmpeg behind for the next test, whatever failed above.
      rig.thaw();
      await sup.stop();
    }
  });

  it('wrong password: auth_failed and no retry storm', async () => {
    const { sup } = supervise(rig.url('secure1', { user: 'admin', pass: 'wrong' }));
    sup.start();
    expect(await waitFor(() => sup.status.state === 'auth_failed', 10_000)).toBe(true);
    expect(sup.status.errorKind).toBe('auth');
    expect(sup.status.retryAt! - Date.now()).toBeGreaterThan(20_000);
    // Kept stderr is redacted.
    expect(sup.recentStderr().join('\n')).not.toContain('wrong');
    // No retry storm over 12 s (a fixed wait is the point).
    await new Promise((r) => setTimeout(r, 12_000));
    expect(sup.spawnCount).toBeLessThanOrEqual(2);
    expect(sup.status.state).toBe('auth_failed');
    await sup.stop();
  });

  it('100 start/stop cycles leave no ffmpeg child and no zombie', async () => {
    const pids: number[] = [];
    const { sup } = supervise(rig.url('cam1'));
    sup.on('spawn', (pid) => pids.push(pid));
    for (let i = 0; i < 100; i++) {
      sup.start();
      // Vary the stop point: before spawn, while connecting, and sometimes once live.
      if (i % 10 === 9) await waitFor(() => sup.status.state === 'live', 5000);
      else await new Promise((r) => setTimeout(r, i % 3 === 0 ? 0 : 30));
      await sup.stop();
    }
    expect(pids.length).toBeGreaterThan(50);
    const children = childProcesses();
    expect(children.filter((c) => c.comm === 'ffmpeg' || c.state === 'Z')).toEqual([]);
    expect(pids.filter(processExists)).toEqual([]);
  });

  it('reports ffmpeg_missing when the binary does not exist', async () => {
    const sup = new FfmpegSupervisor({
      ffmpegPath: '/nonexistent/ffmpeg',
      args: () => ['-version'],
    });
    sup.start();
    expect(await waitFor(() => sup.status.state === 'offline', 5000)).toBe(true);
    expect(sup.status.errorKind).toBe('ffmpeg_missing');
    await sup.stop();
  });

  it('a URL spawn() cannot pass (NUL) fails that camera slowly, never the process', async () => {
    const rejections: unknown[] = [];
    const onRejection = (r: unknown) => rejections.push(r);
    process.on('unhandledRejection', onRejection);
    try {
      const { sup } = supervise('rtsp://127.0.0.1:1/cam\u0000x');
      sup.start();
      expect(await waitFor(() => sup.status.state === 'offline', 5000)).toBe(true);
      expect(sup.status.errorKind).toBe('bad_config');
      // Not a connection failure: the long backoff, no retry storm.
      expect(sup.status.retryAt! - Date.now()).toBeGreaterThan(500);
      await sup.stop();
      // Lets a stray rejection surface: none may (a fixed wait is the point).
      await new Promise((r) => setTimeout(r, 50));
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});

// A stand-in process (sh) for behaviour that does not need a camera.
describe('FfmpegSupervisor output and clocks', () => {
  // Prints once a second; on SIGINT prints a last line, like ffmpeg's segment list.
  const script =
    "trap 'echo tail-line; exit 0' INT; while :; do echo tick; sleep 1 & wait $!; done";

  async function stopAndCollect(dataUntilExit: boolean): Promise<string> {
    let out = '';
    const sup = new FfmpegSupervisor({
      ffmpegPath: '/bin/sh',
      args: () => ['-c', script],
      dataUntilExit,
    });
    sup.on('data', (c) => (out += c.toString()));
    sup.start();
    expect(await waitFor(() => sup.status.state === 'live', 5000)).toBe(true);
    await sup.stop();
    return out;
  }

  it('with dataUntilExit, passes on what the process prints while stopping', async () => {
    expect(await stopAndCollect(true)).toContain('tail-line');
  });

  it('without it (live viewers), ignores output after stop()', async () => {
    const out = await stopAndCollect(false);
    expect(out).toContain('tick');
    expect(out).not.toContain('tail-line');
  });

  it('a dropped stream whose retry hangs is called offline after the grace period', async () => {
    let spawns = 0;
    const sup = new FfmpegSupervisor({
      ffmpegPath: '/bin/sh',
      // First run: a picture, then the camera drops. Retries: TCP accepted, nothing answers.
      args: () => ['-c', spawns++ === 0 ? 'echo tick; sleep 0.3; exit 1' : 'sleep 30'],
      timings: { backoffInitialMs: 100, reconnectGraceMs: 1500, connectTimeoutMs: 20_000 },
    });
    sup.start();
    expect(await waitFor(() => sup.status.state === 'reconnecting', 5000)).toBe(true);
    const droppedAt = Date.now();
    const lostSince = sup.status.since;
    expect(await waitFor(() => sup.status.state === 'offline', 5000)).toBe(true);
    expect(Date.now() - droppedAt).toBeGreaterThanOrEqual(1200);
    expect(Date.now() - droppedAt).toBeLessThan(4000);
    expect(sup.spawnCount).toBe(2); // the hanging retry is still the one running
    expect(sup.status.since).toBe(lostSince); // "offline since" = when the picture was lost
    await sup.stop();
  });

  it('a wall-clock step does not trip the no-data watchdog', async () => {
    let offset = 0;
    const sup = new FfmpegSupervisor({
      ffmpegPath: '/bin/sh',
      args: () => ['-c', script],
      now: () => Date.now() + offset,
      timings: { noDataTimeoutMs: 3000 },
    });
    sup.start();
    expect(await waitFor(() => sup.status.state === 'live', 5000)).toBe(true);
    offset = 3_600_000; // NTP moved the clock an hour forward
    // Nearly a no-data timeout of wall time: no restart may happen (a fixed wait is the point).
    await new Promise((r) => setTimeout(r, 2500));
    expect(sup.spawnCount).toBe(1);
    expect(sup.status.state).toBe('live');
    await sup.stop();
  });
});

describe('FfmpegSupervisor reconnect timing', () => {
  /** Spawn times (ms since start) of a supervisor whose every run is `script(n)`. */
  function scripted(
    script: (run: number) => string,
    extra: Partial<ConstructorParameters<typeof FfmpegSupervisor>[0]> = {},
  ) {
    const spawnedAt: number[] = [];
    const t0 = Date.now();
    const sup = new FfmpegSupervisor({
      ffmpegPath: '/bin/sh',
      args: () => ['-c', script(spawnedAt.length)],
      ...extra,
    });
    sup.on('spawn', () => spawnedAt.push(Date.now() - t0));
    return { sup, spawnedAt };
  }

  const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);

  it('resets the backoff on every good connect: a flapping camera is retried at the first step each time', async () => {
    // Each run shows a picture for 0.2 s, then drops (a camera rebooting every few seconds).
    const { sup, spawnedAt } = scripted(() => 'echo tick; sleep 0.2; exit 1', {
      timings: { backoffInitialMs: 300 },
    });
    sup.start();
    expect(await waitFor(() => spawnedAt.length >= 6, 10_000)).toBe(true);
    await sup.stop();
    // 0.2 s live + 0.3 s backoff each time; a growing backoff would reach 0.2 + 4.8 s by now.
    for (const gap of gaps(spawnedAt)) expect(gap).toBeLessThan(1500);
  });

  it('after a drop, connection failures back off to at most the low cap; a camera never live keeps the long backoff', async () => {
    const timings = { backoffInitialMs: 100, backoffMaxAfterLiveMs: 400, backoffMaxMs: 5000 };
    // First run live, then every retry fails at once (camera answering TCP, stream not yet back).
    const dropped = scripted((n) => (n === 0 ? 'echo tick; sleep 0.2; exit 1' : 'exit 1'), {
      timings,
    });
    const neverLive = scripted(() => 'exit 1', { timings });
    dropped.sup.start();
    neverLive.sup.start();
    expect(await waitFor(() => dropped.spawnedAt.length >= 8, 10_000)).toBe(true);
    expect(await waitFor(() => neverLive.spawnedAt.length >= 6, 10_000)).toBe(true);
    await Promise.all([dropped.sup.stop(), neverLive.sup.stop()]);
    // Backoff 100, 200, 400, 400 …: never the 800 ms the uncapped step would be.
    expect(Math.max(...gaps(dropped.spawnedAt.slice(1, 8)))).toBeLessThan(750);
    // 100, 200, 400, 800, 1600: the cap is only for cameras that were recording.
    expect(Math.max(...gaps(neverLive.spawnedAt.slice(0, 6)))).toBeGreaterThanOrEqual(1500);
  });

  it('does not spawn while the camera refuses connections, and retries within a probe interval of it accepting', async () => {
    let reachable = true;
    let probes = 0;
    const { sup, spawnedAt } = scripted(
      (n) => (n === 0 ? 'echo tick; sleep 0.3; exit 1' : 'echo tick; sleep 30'),
      {
        timings: { probeIntervalMs: 200 },
        probe: async () => {
          probes++;
          return reachable;
        },
      },
    );
    sup.start();
    expect(await waitFor(() => sup.status.state === 'live', 5000)).toBe(true);
    reachable = false; // the camera loses power
    expect(await waitFor(() => sup.status.state === 'reconnecting', 5000)).toBe(true);
    // Well past the 1 s backoff: still no new ffmpeg while the port refuses.
    await new Promise((r) => setTimeout(r, 3000));
    expect(spawnedAt).toHaveLength(1);
    expect(probes).toBeGreaterThan(5);
    const backAt = Date.now();
    reachable = true;
    expect(await waitFor(() => spawnedAt.length === 2, 3000)).toBe(true);
    const lag = Date.now() - backAt;
    expect(await waitFor(() => sup.status.state === 'live', 5000)).toBe(true);
    await sup.stop();
    expect(lag).toBeLessThan(1000);
  });

  it('a wrong password is retried on the slow auth backoff even with a probe that says reachable', async () => {
    const { sup, spawnedAt } = scripted(() => 'echo "401 Unauthorized" >&2; exit 1', {
      timings: { authRetryMs: 3000, backoffInitialMs: 100 },
      probe: async () => true,
    });
    sup.start();
    expect(await waitFor(() => sup.status.state === 'auth_failed', 5000)).toBe(true);
    // Under the auth backoff: no second spawn may happen (a fixed wait is the point).
    await new Promise((r) => setTimeout(r, 2000));
    expect(spawnedAt).toHaveLength(1);
    await sup.stop();
  });
});
