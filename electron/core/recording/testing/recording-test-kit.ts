// Shared pieces of the recording tests and benchmarks: a real SQLite file with
// the station migrations (recording included), ffprobe checks, bounded waits and a
// zombie counter. Real components only; nothing here stands in for the code under test.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Database } from '../../db/database';
import { migrate } from '../../db/migrate';
import { migrations } from '../../db/schema';
import type { RecordingEmit, RecordingServiceEvents } from '../recording-types';
import type { InputResolver } from '../../streams/types';
import type { Rig } from '../../../../e2e/rig/rig';
import { TEST_FFMPEG, TEST_FFPROBE } from '../../streams/testing/ffmpeg-bin';

const run = promisify(execFile);

export const FFMPEG = TEST_FFMPEG;
export const FFPROBE = TEST_FFPROBE;

export async function tempDir(
  prefix: string,
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `${prefix}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Each camera id is the rig mount of the same name. */
export function rigInputs(rig: Rig): InputResolver {
  return async (cameraId) => ({ kind: 'rtsp', url: rig.url(cameraId), safeLabel: cameraId });
}

export async function openRecordingDb(file: string): Promise<Database> {
  const db = await Database.open(file);
  await migrate(db, migrations); // includes the recording steps
  return db;
}

export interface ProbeOutcome {
  ok: boolean;
  durationS: number;
  codec: string | null;
  error: string;
}

/** ffprobe decodes the container and reports its duration; any error line fails the check. */
export async function ffprobeFile(file: string): Promise<ProbeOutcome> {
  try {
    const { stdout, stderr } = await run(FFPROBE, [
      '-v',
      'error',
      '-show_entries',
      'format=duration:stream=codec_name',
      '-of',
      'json',
      file,
    ]);
    const info = JSON.parse(stdout) as {
      format?: { duration?: string };
      streams?: { codec_name?: string }[];
    };
    const durationS = Number(info.format?.duration ?? 0);
    return {
      ok: durationS > 0 && !stderr.trim(),
      durationS,
      codec: info.streams?.[0]?.codec_name ?? null,
      error: stderr.trim(),
    };
  } catch (err) {
    return { ok: false, durationS: 0, codec: null, error: String(err) };
  }
}

export async function waitFor<T>(
  what: string,
  fn: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  timeoutMs: number,
  everyMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; Date.now() < deadline && i < 100_000; i++) {
    const v = await fn();
    if (v) return v;
    await sleep(everyMs);
  }
  throw new Error(`timed out waiting for ${what}`);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** ffmpeg processes that are zombies (state Z) or still alive among `pids`. */
export async function processStates(
  pids: readonly number[],
): Promise<{ alive: number; zombies: number }> {
  let alive = 0;
  let zombies = 0;
  for (const pid of pids) {
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
      if (state === 'Z') zombies++;
      else alive++;
    } catch {
      /* gone: reaped */
    }
  }
  return { alive, zombies };
}

/** Pids of the ffmpeg children of this process (alive or zombie), however they were started. */
export async function ffmpegChildren(): Promise<number[]> {
  const pids: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (comm === 'ffmpeg' && ppid === process.pid) pids.push(Number(name));
    } catch {
      /* exited while listed */
    }
  }
  return pids;
}

/** Every zombie ffmpeg child of this process, however it was started. */
export async function zombieFfmpegChildren(parentPid = process.pid): Promise<number> {
  let n = 0;
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (comm === 'ffmpeg' && rest[0] === 'Z' && Number(rest[1]) === parentPid) n++;
    } catch {
      /* raced with exit */
    }
  }
  return n;
}

export type RecordedEvent = {
  [E in keyof RecordingServiceEvents]: { event: E; payload: RecordingServiceEvents[E] };
}[keyof RecordingServiceEvents];

/** An emit that keeps what the service sent, as the composition root would forward it. */
export function collectingEmit(): { emit: RecordingEmit; events: RecordedEvent[] } {
  const events: RecordedEvent[] = [];
  const emit: RecordingEmit = (event, payload) => {
    events.push({ event, payload } as RecordedEvent);
  };
  return { emit, events };
}

/** ffmpeg input args: `seconds` of a 320×180 25 fps test picture (quiet log). */
export function testSourceArgs(seconds: number): string[] {
  return [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=320x180:rate=25',
    '-t',
    String(seconds),
  ];
}

/**
 * Writes a fragmented MP4 like the recorder's (1 s GOP, ≤ 1 s fragments) from a
 * 320×180 25 fps test source: the sample file the box-level tests work on.
 */
export async function writeSampleFmp4(file: string, seconds: number): Promise<void> {
  await run(FFMPEG, [
    ...testSourceArgs(seconds),
    '-c:v',
    'libx264',
    '-g',
    '25',
    '-pix_fmt',
    'yuv420p',
    '-f',
    'mp4',
    '-movflags',
    '+frag_keyframe+empty_moov+default_base_moof',
    '-frag_duration',
    '1000000',
    file,
  ]);
}
