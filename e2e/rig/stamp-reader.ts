// Reads a clock-stamped rig camera (rtsp_rig.py --clock-stamp) straight from RTSP with
// ffmpeg, as a viewer with no buffering would: each decoded frame's stamp beside the
// wall clock when ffmpeg handed it over. The glass-to-glass bench's baseline, and the
// rig test's proof that the stamp survives H.264.
import { spawn } from 'node:child_process';
import { decodeStamp, STAMP_BLOCKS } from './clock-stamp';

export interface StampReading {
  /** Date.now() when the frame's band arrived from ffmpeg. */
  arrivedMs: number;
  /** The stamp (ms mod 2^32), or null when the CRC failed. */
  stamp: number | null;
}

export interface StampReadOptions {
  /** Stop after this long (ms of reading, from the first frame). */
  durationMs?: number;
  /** Stop after this many frames. */
  frames?: number;
  /** Give up if no frame came within this long; default 20 s. */
  timeoutMs?: number;
}

/** The band reduced to one luma value per block: the stamp's blocks are width/40 wide, twice as tall. */
const BAND_FILTER =
  "crop=w='trunc(iw/40)*40':h='2*trunc(iw/40)':x=0:y=0," +
  `scale=${STAMP_BLOCKS}:1:flags=area,format=gray`;

export function readRtspStamps(url: string, opts: StampReadOptions): Promise<StampReading[]> {
  const args = [
    ...['-hide_banner', '-v', 'error', '-fflags', 'nobuffer', '-flags', 'low_delay'],
    // One thread each side: frame threads would hold each picture back a frame or more.
    ...['-threads', '1', '-rtsp_transport', 'tcp', '-i', url, '-an', '-vf', BAND_FILTER],
    ...(opts.frames ? ['-frames:v', String(opts.frames)] : []),
    ...['-threads', '1', '-f', 'rawvideo', 'pipe:1'],
  ];
  const ff = spawn('ffmpeg', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const readings: StampReading[] = [];
  let pending = Buffer.alloc(0);
  let stderr = '';
  let firstAt = 0;
  return new Promise((resolve, reject) => {
    const stop = () => ff.kill('SIGKILL');
    const timer = setTimeout(stop, opts.timeoutMs ?? 20_000);
    let durationTimer: NodeJS.Timeout | undefined;
    ff.stderr.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString()).slice(-2000);
    });
    ff.stdout.on('data', (chunk: Buffer) => {
      const arrivedMs = Date.now();
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= STAMP_BLOCKS) {
        readings.push({ arrivedMs, stamp: decodeStamp(pending.subarray(0, STAMP_BLOCKS)) });
        pending = pending.subarray(STAMP_BLOCKS);
      }
      if (firstAt === 0 && readings.length > 0) {
        firstAt = arrivedMs;
        clearTimeout(timer);
        if (opts.durationMs !== undefined) durationTimer = setTimeout(stop, opts.durationMs);
      }
    });
    ff.once('error', reject);
    ff.once('close', () => {
      clearTimeout(timer);
      clearTimeout(durationTimer);
      if (readings.length === 0) reject(new Error(`no frame from ${url}: ${stderr.trim()}`));
      else resolve(readings);
    });
  });
}
