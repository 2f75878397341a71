// npm run bench:service — the station service's own cost over a long run, as a
// station runs it: the built service (dist/electron/station-service.cjs) recording
// 16 ward-shaped cameras from the RTSP rig (12.5 fps, 4 s GOP; 2 encoders, each
// served under 8 names) with the default 60 s segments and no console attached.
//
// Prints once a minute: the service's CPU (% of one core), its RSS, open file
// descriptors, its ffmpeg children and their CPU, and segments filed. At the end:
// the RSS slope in MB/h (least squares after a 5-minute warm-up) and fd growth.
// Baseline, from the same run: the same service idle (no camera) for one minute first.
// BENCH_MINUTES (default 30) shortens it for a quick check.
//
// Exits non-zero when the workload did not run: not all 16 cameras recording, no
// segment filed, or recorders missing at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { runtimeFileIn } from '../electron/core/service/runtime-file';
import { startRig } from '../e2e/rig/rig';
import { connectToService, until, type ServiceClient } from '../e2e/service-kit';
import { BUILT_CORE } from '../e2e/station-process';
import { allProcesses, treeOf } from './proc-cpu';
import { fdCount, rssMb, slope } from './proc-sample';

const MINUTES = Math.max(1, Number(process.env.BENCH_MINUTES ?? 30));
// Two encoders, each served under 8 names: the rig's own x264 work stays small beside
// what is measured (the recorders copy, they do not encode).
const ENCODERS = 2;
const PER_ENCODER = 8;
const CLK_TCK = 100;

interface Sample {
  at: number;
  serviceTicks: number;
  ffmpegTicks: number;
  ffmpegCount: number;
  rssMb: number;
  fds: number;
}

function sample(pid: number): Sample {
  const tree = treeOf(pid, allProcesses());
  const ff = tree.filter((p) => p.comm.startsWith('ffmpeg'));
  return {
    at: Date.now(),
    serviceTicks: tree.find((p) => p.pid === pid)?.ticks ?? 0,
    ffmpegTicks: ff.reduce((s, p) => s + p.ticks, 0),
    ffmpegCount: ff.length,
    rssMb: rssMb(pid),
    fds: fdCount(pid),
  };
}

const pct = (ticks: number, ms: number) => (ticks / CLK_TCK / (ms / 1000)) * 100;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'station-bench-service-'));
  const bases = Array.from({ length: ENCODERS }, (_, i) => `soak${i + 1}`);
  const rig = await startRig({ h264: bases, aliases: PER_ENCODER, fps: '25/2', gopSeconds: 4 });
  const child: ChildProcess = spawn(
    process.execPath,
    [BUILT_CORE, '--data-dir', dataDir, '--port', '0', '--demo', 'off'],
    { stdio: 'ignore', env: { ...process.env, STATION_LOG_LEVEL: 'warn' } },
  );
  let client: ServiceClient | null = null;
  let failed = false;
  try {
    const pid = child.pid!;
    const up = await until(async () => {
      client ??= await connectToService(runtimeFileIn(dataDir), pid).catch(() => null);
      return client !== null;
    }, 30_000);
    if (!up || !client) throw new Error('the service did not answer');
    const api = (client as ServiceClient).api;
    console.log('Station service benchmark (built service, 16 cameras, 60 s segments)');
    console.log(
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}; ${new Date().toISOString()}`,
    );

    // Baseline: the same service with no camera.
    const idle0 = sample(pid);
    await new Promise((r) => setTimeout(r, 60_000));
    const idle1 = sample(pid);
    console.log(
      `baseline, idle service (no camera), 1 min: CPU ${pct(idle1.serviceTicks - idle0.serviceTicks, idle1.at - idle0.at).toFixed(1)} %, RSS ${idle1.rssMb.toFixed(0)} MB, ${idle1.fds} fds`,
    );

    const ids: string[] = [];
    for (let e = 0; e < ENCODERS; e++)
      for (let a = 1; a <= PER_ENCODER; a++) {
        const name = `${bases[e]}-a${a}`;
        ids.push((await api.cameras.add({ name, mainUrl: rig.url(name) })).id);
      }
    const recording = await until(async () => {
      const st = await api.recordings.statuses();
      return ids.every((id) => st.some((s) => s.cameraId === id && s.recording));
    }, 60_000);
    if (!recording) throw new Error('not all 16 cameras are recording');
    const t0 = Date.now();

    console.log('minute  service CPU  ffmpeg CPU (n)   RSS MB   fds   segments filed');
    const samples: Sample[] = [sample(pid)];
    for (let m = 1; m <= MINUTES; m++) {
      await new Promise((r) => setTimeout(r, t0 + m * 60_000 - Date.now()));
      // The bench's session reports input as a console does, or the idle lock ends it.
      await api.auth.activity();
      const s = sample(pid);
      const prev = samples[samples.length - 1]!;
      samples.push(s);
      let filed = 0;
      for (const id of ids)
        filed += (
          await api.recordings.timeline({ cameraId: id, from: t0 - 60_000, to: Date.now() })
        ).recordings.length;
      console.log(
        `${String(m).padStart(6)}  ${pct(s.serviceTicks - prev.serviceTicks, s.at - prev.at)
          .toFixed(1)
          .padStart(9)} %  ${pct(s.ffmpegTicks - prev.ffmpegTicks, s.at - prev.at)
          .toFixed(1)
          .padStart(
            8,
          )} % (${s.ffmpegCount})  ${s.rssMb.toFixed(1).padStart(7)}  ${String(s.fds).padStart(4)}  ${String(filed).padStart(8)}`,
      );
      if (m === MINUTES && filed === 0) {
        console.error('no segment was filed');
        failed = true;
      }
    }
    const last = samples[samples.length - 1]!;
    const warm = samples.filter((s) => s.at - t0 >= Math.min(5, MINUTES - 1) * 60_000);
    const mbPerHour =
      slope(
        warm.map((s) => (s.at - t0) / 3_600_000),
        warm.map((s) => s.rssMb),
      ) || 0;
    console.log(
      `whole run: service CPU ${pct(last.serviceTicks - samples[0]!.serviceTicks, last.at - samples[0]!.at).toFixed(1)} %, ffmpeg ${pct(last.ffmpegTicks - samples[0]!.ffmpegTicks, last.at - samples[0]!.at).toFixed(1)} % for ${last.ffmpegCount} recorders`,
    );
    console.log(
      `RSS ${samples[0]!.rssMb.toFixed(0)} → ${last.rssMb.toFixed(0)} MB, slope ${mbPerHour.toFixed(1)} MB/h over minutes ${Math.min(5, MINUTES - 1)}–${MINUTES}; fds ${samples[0]!.fds} → ${last.fds}`,
    );
    if (last.ffmpegCount < ids.length) {
      console.error(`only ${last.ffmpegCount} recorders at the end`);
      failed = true;
    }
  } finally {
    (client as ServiceClient | null)?.close();
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    await rig.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (failed) process.exit(1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
