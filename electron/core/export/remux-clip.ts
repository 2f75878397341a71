// Turns one camera's planned clip into a standard MP4 by stream copy: the
// concat demuxer reads the recorded segments in place, ffmpeg copies the
// packets (no re-encode) into a plain, non-fragmented MP4 any player opens.
//
// The start lands on the requested instant without re-encoding: with -copyts
// the packets between the keyframe and the first file's `inpoint` keep their
// negative timestamps, and the mp4 muxer writes an edit list that hides them
// (decoders still get the keyframe they need). Verified on ffmpeg 5.1: without
// -copyts ffmpeg shifts those packets to 0 and they are shown (remux-clip.test.ts).
import type { ChildProcess } from 'node:child_process';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { hasExited, killTree, spawnTree } from '../streams/process-tree';
import { ffconcatText, type ClipPlan } from './clip-plan';
import { ExportCancelled, ExportFailure } from './export-errors';

export interface RemuxOptions {
  ffmpegPath: string;
  plan: ClipPlan;
  /** Where the .ffconcat list is written. */
  workDir: string;
  /** A .mp4 on the station's local disk (staging); the caller copies it to the stick. */
  outPath: string;
  signal: AbortSignal;
  /** Output media time written so far, ms (from ffmpeg -progress), for the progress bar. */
  onProgress?: (outMs: number) => void;
}

export interface RemuxResult {
  codec: string | null;
  width: number | null;
  height: number | null;
  durationMs: number;
  bytes: number;
}

/** Kept of ffmpeg's stderr for the log when it fails. */
const STDERR_TAIL = 4000;

export async function remuxClip(o: RemuxOptions): Promise<RemuxResult> {
  if (o.signal.aborted) throw new ExportCancelled();
  const first = o.plan.segments[0];
  if (!first || o.plan.contentStartMs === null) throw new ExportFailure('no_footage');

  const source = await readMediaInfo(o.ffmpegPath, first.path, o.signal);
  if (!source.codec) throw new ExportFailure('remux_failed', `no video in ${first.path}`);

  await mkdir(o.workDir, { recursive: true });
  const list = join(o.workDir, `${basename(o.outPath)}.ffconcat`);
  await writeFile(list, ffconcatText(o.plan));
  try {
    const args = [
      '-hide_banner',
      '-nostats',
      '-loglevel',
      'warning',
      // ffmpeg 5.1 exits 0 after a missing or damaged segment, with a shorter clip: fail instead.
      '-xerror',
      '-y',
      '-f',
      'concat',
      '-safe',
      '0', // the list names absolute paths
      '-i',
      list,
      '-map',
      '0:v:0',
      '-c',
      'copy',
      // Apple players want the hvc1 tag (parameter sets in the sample entry) for H.265 in MP4.
      ...(source.codec === 'hevc' ? ['-tag:v', 'hvc1'] : []),
      '-copyts', // keeps the pre-roll negative: see the note at the top
      '-f',
      'mp4',
      '-progress',
      'pipe:1',
      o.outPath,
    ];
    const run = await runFfmpeg(o.ffmpegPath, args, o.signal, (line) => {
      const m = /^out_time_us=(-?\d+)$/.exec(line);
      if (m && o.onProgress) o.onProgress(Math.max(0, Math.round(Number(m[1]) / 1000)));
    });
    if (run.code !== 0) throw new ExportFailure('remux_failed', run.stderrTail);
    const out = await readMediaInfo(o.ffmpegPath, o.outPath, o.signal);
    if (out.durationMs === null || !out.codec)
      throw new ExportFailure('remux_failed', `unreadable output: ${out.stderrTail}`);
    return {
      codec: out.codec,
      width: out.width,
      height: out.height,
      durationMs: out.durationMs,
      bytes: (await stat(o.outPath)).size,
    };
  } catch (err) {
    // Nothing incomplete is left to look complete.
    await rm(o.outPath, { force: true });
    throw err;
  } finally {
    await rm(list, { force: true });
  }
}

interface MediaInfo {
  codec: string | null;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  stderrTail: string;
}

/**
 * What `ffmpeg -i file` prints about the file (only ffmpeg's path is known
 * here). It exits 1 for want of an output; the header is what we read.
 */
async function readMediaInfo(
  ffmpeg: string,
  file: string,
  signal: AbortSignal,
): Promise<MediaInfo> {
  const run = await runFfmpeg(ffmpeg, ['-hide_banner', '-nostdin', '-i', file], signal);
  return { ...parseMediaInfo(run.stderrTail), stderrTail: run.stderrTail };
}

export function parseMediaInfo(header: string): Omit<MediaInfo, 'stderrTail'> {
  const video = /Stream #\d+:\d+\S*: Video: (\w+)[^\n]*/.exec(header);
  const size = video ? /, (\d{2,5})x(\d{2,5})\b/.exec(video[0]) : null;
  const d = /Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)/.exec(header);
  return {
    codec: video?.[1] ?? null,
    width: size ? Number(size[1]) : null,
    height: size ? Number(size[2]) : null,
    durationMs: d
      ? Math.round(((Number(d[1]) * 60 + Number(d[2])) * 60 + Number(d[3])) * 1000)
      : null,
  };
}

/**
 * Runs ffmpeg to its end. An abort kills its process tree and, once it has
 * exited, rejects with ExportCancelled: no ffmpeg outlives the call.
 */
function runFfmpeg(
  ffmpeg: string,
  args: string[],
  signal: AbortSignal,
  onStdoutLine?: (line: string) => void,
): Promise<{ code: number | null; stderrTail: string }> {
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawnTree(ffmpeg, args);
    } catch (err) {
      reject(new ExportFailure('remux_failed', String(err)));
      return;
    }
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString('utf8')).slice(-STDERR_TAIL);
    });
    if (child.stdout) {
      if (onStdoutLine) createInterface({ input: child.stdout }).on('line', onStdoutLine);
      else child.stdout.resume();
    }
    const onAbort = () => {
      if (!hasExited(child)) killTree(child);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    let spawnError: Error | null = null;
    child.once('error', (err) => {
      spawnError = err;
    });
    child.once('close', (code) => {
      signal.removeEventListener('abort', onAbort);
      if (signal.aborted) reject(new ExportCancelled());
      else if (spawnError) reject(new ExportFailure('remux_failed', String(spawnError)));
      else resolve({ code, stderrTail: stderr });
    });
    // Aborted between the check and the spawn: the listener never fires for a past abort.
    if (signal.aborted) onAbort();
  });
}
