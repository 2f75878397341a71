// The station service killed outright (kill -9: a crash, the OOM killer, a power
// tool) twenty times while four ward cameras record with the product's defaults
// (60 s segments). The test stands in for systemd's Restart=always: it starts the
// built service again on the same data folder at once. After each kill no ffmpeg
// may be left writing into the folder; after each restart every camera records
// again within 5 s; and every downtime is in the index as an app_not_running gap.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { StationApi } from '../electron/contract/api';
import { runtimeFileIn } from '../electron/core/service/runtime-file';
import { expect, test, wardCameras } from './fixtures';
import { connectToService, ffmpegUnder, isAlive, until, type ServiceClient } from './service-kit';
import { BUILT_CORE } from './station-process';

const KILLS = 20;
const CAMS = ['cam1', 'cam2', 'cam3', 'cam4'];

test.use({ rigOptions: wardCameras({ h264: CAMS }) });

function startService(dataDir: string): ChildProcess {
  return spawn(
    process.execPath,
    [BUILT_CORE, '--data-dir', dataDir, '--port', '0', '--demo', 'off'],
    {
      stdio: 'ignore',
      env: { ...process.env, STATION_LOG_LEVEL: 'warn' },
    },
  );
}

async function allRecording(api: StationApi, ids: string[], since: number): Promise<boolean> {
  const statuses = await api.recordings.statuses();
  return ids.every((id) =>
    statuses.some((s) => s.cameraId === id && s.recording && s.since >= since),
  );
}

test('20 × kill -9 of the service while recording: no orphans, recording back within 5 s, every downtime a gap', async ({
  rig,
}) => {
  test.setTimeout(10 * 60_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'station-kill9-'));
  let child = startService(dataDir);
  let client = null as ServiceClient | null;
  try {
    const runtimeFile = runtimeFileIn(dataDir);
    expect(
      await until(
        async () => (await connectToService(runtimeFile).then((c) => (client = c))) !== null,
        30_000,
      ),
    ).toBe(true);
    const ids: string[] = [];
    for (const name of CAMS)
      ids.push((await client!.api.cameras.add({ name, mainUrl: rig.url(name) })).id);
    expect(await until(() => allRecording(client!.api, ids, 0), 30_000)).toBe(true);

    const downtimes: { killedAt: number; restartedAt: number }[] = [];
    const rows: string[] = [];
    for (let i = 0; i < KILLS; i++) {
      // Recording for a few seconds (fragments are flushed every second), then killed.
      await new Promise((r) => setTimeout(r, 3000));
      const pid = child.pid!;
      const exited = new Promise((r) => child.once('exit', r));
      client!.close();
      client = null;
      const killedAt = Date.now();
      process.kill(pid, 'SIGKILL');
      await exited;
      // Recorders die with the service (parent-death signal): none may write on.
      const noOrphans = await until(async () => ffmpegUnder(dataDir).length === 0, 5000);
      const orphans = ffmpegUnder(dataDir);
      const orphanGoneMs = Date.now() - killedAt;

      const restartedAt = Date.now();
      child = startService(dataDir);
      const up = await until(async () => {
        client ??= await connectToService(runtimeFile, child.pid).catch(() => null);
        return client !== null && client.runtime.pid === child.pid;
      }, 15_000);
      expect(up, `restart ${i + 1}: the service answers`).toBe(true);
      const resumed = await until(() => allRecording(client!.api, ids, restartedAt), 10_000);
      const resumeMs = Date.now() - restartedAt;
      rows.push(
        `kill ${String(i + 1).padStart(2)}: ffmpeg gone ${orphanGoneMs} ms after the kill; all 4 recording ${resumeMs} ms after the restart`,
      );
      expect(noOrphans, `kill ${i + 1}: orphaned ffmpeg ${orphans.join(', ')}`).toBe(true);
      expect(isAlive(pid)).toBe(false);
      expect(resumed, `restart ${i + 1}: every camera records again`).toBe(true);
      expect(resumeMs, `restart ${i + 1}: recording resumes within 5 s`).toBeLessThan(5000);
      downtimes.push({ killedAt, restartedAt });
    }
    console.log(rows.join('\n'));

    // Every downtime is indexed, for every camera, as the software not running.
    const from = downtimes[0]!.killedAt - 60_000;
    for (const cameraId of ids) {
      const tl = await client!.api.recordings.timeline({ cameraId, from, to: Date.now() });
      const gaps = tl.gaps.filter((g) => g.reason === 'app_not_running');
      // One gap per downtime, and none over footage that exists.
      expect(gaps.length, `camera ${cameraId}: a gap per downtime`).toBeGreaterThanOrEqual(KILLS);
      for (const g of gaps) {
        const end = g.endMs ?? Date.now();
        const overlap = tl.recordings.reduce(
          (sum, r) => sum + Math.max(0, Math.min(r.endMs, end) - Math.max(r.startMs, g.startMs)),
          0,
        );
        expect(overlap, `camera ${cameraId}: gap at ${g.startMs} over footage`).toBeLessThan(1500);
      }
      for (const [i, d] of downtimes.entries()) {
        const covering = gaps.find(
          (g) => g.startMs <= d.killedAt + 1500 && (g.endMs ?? Infinity) >= d.restartedAt,
        );
        expect(
          covering,
          `camera ${cameraId}, downtime ${i + 1}: an app_not_running gap`,
        ).toBeTruthy();
      }
      const longest = Math.max(...gaps.map((g) => (g.endMs ?? Date.now()) - g.startMs));
      console.log(`${cameraId}: ${gaps.length} app_not_running gaps, longest ${longest} ms`);
    }
    const recordings = await client!.api.recordings.timeline({
      cameraId: ids[0]!,
      from,
      to: Date.now(),
    });
    console.log(`camera 1: ${recordings.recordings.length} segments indexed across the kills`);
  } finally {
    client?.close();
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
});
