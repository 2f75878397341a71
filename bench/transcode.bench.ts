// npm run bench:transcode — CPU of one H.264 transcode stream for playback of
// H.265 footage where the renderer has no HEVC decoder, per source size. Drives
// the core's real route (/recordings/h264/<id> on the media server, ffmpeg 5.1)
// over indexed H.265 fMP4 made with the recorder's muxer flags, and charges the
// ffmpeg child's CPU time (cutime+cstime of this process once it is reaped) to
// each second of media. Baseline, same run and same footage: a `-c copy` remux
// with the same seek and muxer flags (what playing without a transcode would cost
// if it went through ffmpeg at all). Exits 1 when no frame was transcoded.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { transcodeUrl } from '../electron/contract/recording-urls';
import { openStationDb } from '../electron/core/db/open-station-db';
import { MediaServer } from '../electron/core/media-server/media-server';
import { registerRecordingRoutes } from '../electron/core/playback/recording-routes';
import { FootageIndexRows } from '../electron/core/recording/testing/footage-index-rows';
import { transcodeArgs } from '../electron/core/playback/transcode-args';
import { TranscodeSlots } from '../electron/core/playback/transcode-slots';
import { RecordingService } from '../electron/core/recording/recording-service';
import { RECORD_FRAG_DURATION_US } from '../electron/core/recording/segment-args';
import { ffmpegVersionOf } from '../electron/core/streams/ffmpeg-version';
import { Fmp4StreamSplitter } from '../renderer/playback/engine/fmp4-stream-splitter';

const run = promisify(execFile);
const FFMPEG = process.env.FFMPEG_PATH ?? '/usr/bin/ffmpeg';
const FFPROBE = process.env.FFPROBE_PATH ?? '/usr/bin/ffprobe';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const SESSION = 'bench';
const CLK_TCK = 100;

const SOURCES = [
  { name: '704x576 15 fps', size: '704x576', fps: 15, bitrate: '1000k' },
  { name: '1280x720 12.5 fps', size: '1280x720', fps: 12.5, bitrate: '2000k' },
];

/** CPU seconds of this process's reaped children (ffmpeg once it has exited). */
async function childrenCpuSec(): Promise<number> {
  const stat = await readFile('/proc/self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[13]) + Number(f[14])) / CLK_TCK;
}

/** A camera-like H.265 main stream: no B-frames, a 2 s GOP, the recorder's fMP4 flags. */
async function makeSource(file: string, s: (typeof SOURCES)[number]): Promise<void> {
  await run(FFMPEG, [
    ...['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi'],
    ...['-i', `testsrc2=size=${s.size}:rate=${s.fps},noise=alls=12:allf=t`],
    ...['-t', String(SECONDS), '-c:v', 'libx265', '-preset', 'ultrafast', '-b:v', s.bitrate],
    ...['-x265-params', `keyint=${Math.round(s.fps * 2)}:bframes=0:log-level=error`],
    ...['-tag:v', 'hvc1', '-pix_fmt', 'yuv420p', '-f', 'mp4'],
    ...['-movflags', '+frag_keyframe+empty_moov+default_base_moof'],
    ...['-frag_duration', String(RECORD_FRAG_DURATION_US), file],
  ]);
}

async function frames(file: string): Promise<number> {
  const { stdout } = await run(FFPROBE, [
    ...['-v', 'error', '-select_streams', 'v:0', '-count_packets'],
    ...['-show_entries', 'stream=nb_read_packets,codec_name', '-of', 'csv=p=0', file],
  ]);
  const [codec, n] = stdout.trim().split(',');
  return codec === 'h264' || codec === 'hevc' ? Number(n) : 0;
}

interface Measure {
  cpuSec: number;
  wallSec: number;
  frames: number;
  /** Request to the first complete fragment (what the player needs for a first picture). */
  firstMs?: number;
}

async function throughRoute(url: string, out: string): Promise<Measure> {
  const cpu0 = await childrenCpuSec();
  const t0 = performance.now();
  const res = await fetch(url);
  if (!res.ok || !res.body) throw new Error(`transcode route answered ${res.status}`);
  const chunks: Uint8Array[] = [];
  let firstMs = 0;
  const reader = res.body.getReader();
  // Bounded by the response: ffmpeg ends with the segment.
  const splitter = new Fmp4StreamSplitter();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    if (!firstMs && splitter.push(r.value).some((p) => p.kind === 'media')) {
      firstMs = performance.now() - t0;
    }
    chunks.push(r.value);
  }
  await writeFile(out, Buffer.concat(chunks));
  const wallSec = (performance.now() - t0) / 1000;
  // The route answers once ffmpeg has closed; give Node a moment to reap it.
  await new Promise((r) => setTimeout(r, 200));
  const cpuSec = (await childrenCpuSec()) - cpu0;
  return { cpuSec, wallSec, frames: await frames(out), firstMs };
}

async function copyRemux(file: string, out: string): Promise<Measure> {
  const args = transcodeArgs({ file, fromSec: 0, version: await ffmpegVersionOf(FFMPEG) });
  // Same seek, timestamps and muxer; stream copy instead of decode + encode.
  const at = args.indexOf('-c:v');
  const copy = [...args.slice(0, at), '-c:v', 'copy', ...args.slice(args.indexOf('-f'))];
  copy[copy.length - 1] = out;
  const cpu0 = await childrenCpuSec();
  const t0 = performance.now();
  await run(FFMPEG, ['-y', ...copy]);
  const wallSec = (performance.now() - t0) / 1000;
  return { cpuSec: (await childrenCpuSec()) - cpu0, wallSec, frames: await frames(out) };
}

const pct = (m: Measure) => ((m.cpuSec / SECONDS) * 100).toFixed(1);

async function main(): Promise<number> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-transcode-'));
  const root = path.join(dir, 'footage');
  const db = await openStationDb(dir);
  const server = new MediaServer();
  let failed = false;
  try {
    await mkdir(path.join(root, 'cam'), { recursive: true });
    const rows = new FootageIndexRows(db, root);
    const recording = new RecordingService({
      db,
      storageDir: root,
      ffmpegPath: FFMPEG,
      resolveInput: () => Promise.reject(new Error('no recorder runs in the benchmark')),
      emit: () => undefined,
    });
    registerRecordingRoutes(server, {
      recordingFile: (id) => recording.recordingFile(id),
      canView: (s) => s === SESSION,
      granted: (s) => s === SESSION,
      transcode: { ffmpegPath: async () => FFMPEG, slots: new TranscodeSlots(1) },
    });
    const { baseUrl } = await server.start();
    console.log(
      `transcode benchmark: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${SECONDS} s of footage per source`,
    );
    console.log(
      'source               | H.264 transcode: % of one core, × real time, first fragment | -c copy remux: % of one core',
    );
    let t = Date.UTC(2026, 11, 6, 1, 0, 0);
    for (const [i, s] of SOURCES.entries()) {
      // FootageIndexRows names files <camera>/<n>.mp4 in insertion order.
      const file = path.join(root, 'cam', `${i + 1}.mp4`);
      await makeSource(file, s);
      const row = await rows.segment({ cameraId: 'cam', startMs: t, endMs: t + SECONDS * 1000 });
      t += SECONDS * 1000;
      const base = { mediaBaseUrl: baseUrl, mediaToken: server.token, session: SESSION };
      const tx = await throughRoute(transcodeUrl(base, row.id, 0), path.join(dir, `tx-${i}.mp4`));
      const cp = await copyRemux(file, path.join(dir, `copy-${i}.mp4`));
      const speed = (SECONDS / tx.wallSec).toFixed(1);
      const first = Math.round(tx.firstMs ?? 0);
      const txText = `${pct(tx).padStart(6)} % (${tx.frames} frames, ${speed}×, ${first} ms)`;
      console.log(
        `${s.name.padEnd(20)} | ${txText.padEnd(52)}| ${pct(cp).padStart(5)} % (${cp.frames} frames)`,
      );
      if (tx.frames === 0) failed = true;
    }
  } finally {
    await server.dispose();
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
  if (failed) console.error('no frames were transcoded');
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
