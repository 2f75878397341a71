// Reads a camera's keyframes the way a tamper detector does (ffmpeg -skip_frame nokey,
// scaled to 160x90 luma) and measures them, so rig tests check the picture a mount
// really sends instead of trusting the command that was sent.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export const PROBE_W = 160;
export const PROBE_H = 90;
const CELL = 10;
/** The OSD clock's corner (top-left, in 160x90 pixels): it ticks in every state. */
const OSD = { cols: 50, rows: 20 };

export interface Keyframe {
  /** Wall-clock ms when it arrived. */
  at: number;
  /** Stream time (s) ffmpeg gave it: it must keep advancing in every picture state. */
  ptsTime: number;
  /** 160x90 luma. */
  y: Uint8Array;
}

export interface KeyframeReader {
  readonly frames: Keyframe[];
  /** The first keyframe that arrived after `afterMs` (wall clock), waiting up to timeoutMs. */
  next(afterMs: number, timeoutMs?: number): Promise<Keyframe>;
  /** False once ffmpeg exited (the RTSP session ended). */
  running(): boolean;
  stderr(): string;
  stop(): Promise<void>;
}

export function readKeyframes(url: string): KeyframeReader {
  const child = spawn(
    'ffmpeg',
    [
      ...['-hide_banner', '-nostdin', '-loglevel', 'info'],
      ...['-threads', '1', '-rtsp_transport', 'tcp', '-timeout', '5000000'],
      ...['-skip_frame', 'nokey', '-i', url],
      ...['-an', '-vf', `scale=${PROBE_W}:${PROBE_H}:flags=area,format=gray,showinfo`],
      // Without passthrough rawvideo is constant-rate and repeats each keyframe. The
      // output -threads 1 matters: the rawvideo encoder is frame-threaded, and with
      // threads it hands each keyframe out only when the next one comes (a GOP late).
      ...['-fps_mode', 'passthrough', '-threads', '1', '-flush_packets', '1'],
      ...['-f', 'rawvideo', 'pipe:1'],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const frames: Keyframe[] = [];
  const pts: number[] = [];
  const pixels: Uint8Array[] = [];
  let pending = Buffer.alloc(0);
  let tail = '';
  let exited = false;
  const waiters = new Set<() => void>();
  const wake = () => waiters.forEach((w) => w());
  // showinfo prints each frame's pts_time on stderr; frames arrive in the same order.
  const pair = () => {
    while (pts.length && pixels.length)
      frames.push({ at: Date.now(), ptsTime: pts.shift()!, y: pixels.shift()! });
    wake();
  };
  const size = PROBE_W * PROBE_H;
  child.stdout.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= size) {
      pixels.push(new Uint8Array(pending.subarray(0, size)));
      pending = pending.subarray(size);
    }
    pair();
  });
  createInterface({ input: child.stderr }).on('line', (line) => {
    tail = (tail + line + '\n').slice(-3000);
    const m = /Parsed_showinfo.*pts_time:\s*(-?[\d.]+)/.exec(line);
    if (m) pts.push(Number(m[1]));
    pair();
  });
  const done = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      wake();
      resolve();
    }),
  );
  return {
    frames,
    next(afterMs, timeoutMs = 15_000) {
      return new Promise<Keyframe>((resolve, reject) => {
        const check = () => {
          const found = frames.find((f) => f.at > afterMs);
          if (found) finish(() => resolve(found));
          else if (exited) finish(() => reject(new Error(`ffmpeg exited: ${tail}`)));
        };
        const timer = setTimeout(
          () => finish(() => reject(new Error(`no keyframe within ${timeoutMs} ms: ${tail}`))),
          timeoutMs,
        );
        function finish(settle: () => void): void {
          clearTimeout(timer);
          waiters.delete(check);
          settle();
        }
        waiters.add(check);
        check();
      });
    },
    running: () => !exited,
    stderr: () => tail,
    async stop() {
      if (!exited) child.kill('SIGTERM');
      await done;
    },
  };
}

export interface LumaStats {
  mean: number;
  /** Share of pixels darker than 28 (black picture: nearly all, the OSD aside). */
  dark: number;
  /** Standard deviation of luma (contrast). */
  std: number;
  /** Mean Sobel magnitude / 8 (sharpness; a blurred, covered lens has little). */
  edge: number;
}

export function lumaStats(y: Uint8Array): LumaStats {
  let sum = 0;
  let sq = 0;
  let dark = 0;
  for (const v of y) {
    sum += v;
    sq += v * v;
    if (v < 28) dark++;
  }
  const n = y.length;
  const mean = sum / n;
  let edge = 0;
  const w = PROBE_W;
  for (let r = 1; r < PROBE_H - 1; r++)
    for (let c = 1; c < w - 1; c++) {
      const i = r * w + c;
      const gx =
        y[i - w + 1]! +
        2 * y[i + 1]! +
        y[i + w + 1]! -
        y[i - w - 1]! -
        2 * y[i - 1]! -
        y[i + w - 1]!;
      const gy =
        y[i + w - 1]! +
        2 * y[i + w]! +
        y[i + w + 1]! -
        y[i - w - 1]! -
        2 * y[i - w]! -
        y[i - w + 1]!;
      edge += Math.abs(gx) + Math.abs(gy);
    }
  edge /= (w - 2) * (PROBE_H - 2) * 8;
  return { mean, dark: dark / n, std: Math.sqrt(Math.max(0, sq / n - mean * mean)), edge };
}

/** The 10x10 cells outside the OSD corner, as pixel index lists. */
function cells(): number[][] {
  const out: number[][] = [];
  for (let cy = 0; cy < PROBE_H / CELL; cy++)
    for (let cx = 0; cx < PROBE_W / CELL; cx++) {
      if (cx * CELL < OSD.cols && cy * CELL < OSD.rows) continue;
      const idx: number[] = [];
      for (let r = cy * CELL; r < (cy + 1) * CELL; r++)
        for (let c = cx * CELL; c < (cx + 1) * CELL; c++) idx.push(r * PROBE_W + c);
      out.push(idx);
    }
  return out;
}
const CELLS = cells();

/** Share of cells (OSD excluded) whose mean absolute difference exceeds 1.5. */
export function changedCells(a: Uint8Array, b: Uint8Array): number {
  let changed = 0;
  for (const idx of CELLS) {
    let mad = 0;
    for (const i of idx) mad += Math.abs(a[i]! - b[i]!);
    if (mad / idx.length > 1.5) changed++;
  }
  return changed / CELLS.length;
}

/**
 * Share of the reference's textured cells (std > 4, OSD excluded) whose zero-mean
 * correlation with the picture is below 0.5: high when the structure changed, low
 * for the same view under another brightness or contrast.
 */
export function structureChanged(ref: Uint8Array, y: Uint8Array): number {
  let textured = 0;
  let changed = 0;
  for (const idx of CELLS) {
    const mr = idx.reduce((s, i) => s + ref[i]!, 0) / idx.length;
    const my = idx.reduce((s, i) => s + y[i]!, 0) / idx.length;
    let rr = 0;
    let yy = 0;
    let ry = 0;
    for (const i of idx) {
      const dr = ref[i]! - mr;
      const dy = y[i]! - my;
      rr += dr * dr;
      yy += dy * dy;
      ry += dr * dy;
    }
    if (Math.sqrt(rr / idx.length) <= 4) continue;
    textured++;
    if (yy === 0 || ry / Math.sqrt(rr * yy) < 0.5) changed++;
  }
  return textured ? changed / textured : 0;
}
