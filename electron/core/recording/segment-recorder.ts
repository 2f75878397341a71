// Records one camera stream into inbox segments. Process supervision (backoff,
// no-data watchdog, SIGINT-then-SIGKILL stop, no zombies) is the shared
// FfmpegSupervisor's; this class adds what recording needs on top: a fresh run
// id per ffmpeg process (so file names never repeat), the wall-clock anchor of
// each run, and a 'segment' event when ffmpeg closes a segment.
import { EventEmitter } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { StreamKind } from '../../contract/schemas';
import { FfmpegSupervisor, type SupervisorTimings } from '../streams/ffmpeg-supervisor';
import { ffmpegVersionOf } from '../streams/ffmpeg-version';
import { reachabilityProbe } from '../streams/rtsp-reachability';
import type { StateChange, StreamInput } from '../streams/types';
import { buildSegmentArgs } from './segment-args';
import { RecorderOutputParser } from './segment-list-parser';

export interface ClosedSegment {
  cameraId: string;
  stream: StreamKind;
  /** Absolute path of the closed file in the inbox. */
  file: string;
  runId: string;
  seq: number;
  /** Wall-clock start and end (UTC ms) from the run anchor and ffmpeg's output times. */
  startMs: number;
  endMs: number;
}

export interface OpenSegmentFile {
  /** Absolute path of the inbox file being written. */
  file: string;
  runId: string;
  seq: number;
  startMs: number;
}

export interface SegmentRecorderOptions {
  cameraId: string;
  stream: StreamKind;
  ffmpegPath: string;
  inboxDir: string;
  segmentSeconds: number;
  input: () => Promise<StreamInput>;
  timings?: Partial<SupervisorTimings>;
  now?: () => number;
}

export interface SegmentRecorderEvents {
  segment: [ClosedSegment];
  state: [StateChange];
  /** A new ffmpeg process started writing run `runId`. */
  run: [{ runId: string; pid: number | null }];
}

interface RunClock {
  runId: string;
  /** Wall time (ms) of output time zero; the minimum of (arrival − out_time) seen. */
  anchorMs: number | null;
  lastRelEndS: number;
  lastSeq: number;
}

export function newRunId(now: number): string {
  // Time prefix keeps runs sortable by eye; the random part keeps them unique across clock steps.
  return `${now.toString(36)}${randomBytes(3).toString('hex')}`;
}

export class SegmentRecorder extends EventEmitter<SegmentRecorderEvents> {
  private readonly supervisor: FfmpegSupervisor;
  private readonly now: () => number;
  private parser = new RecorderOutputParser();
  private run: RunClock | null = null;
  private readonly runs = new Map<string, RunClock>();
  /** The input of the latest run: what the reachability probe connects to. */
  private lastInput: StreamInput | null = null;

  constructor(private readonly opts: SegmentRecorderOptions) {
    super();
    this.now = opts.now ?? Date.now;
    this.supervisor = new FfmpegSupervisor({
      ffmpegPath: opts.ffmpegPath,
      args: () => this.nextRunArgs(),
      timings: {
        // Progress arrives every second; 8 s of silence means the camera froze.
        noDataTimeoutMs: 8000,
        connectTimeoutMs: 15_000,
        // Long enough for the muxer to write the last fragment and the segment list line.
        stopTimeoutMs: 5000,
        ...opts.timings,
      },
      // Not our `now`: the supervisor measures intervals (backoff, watchdog) with it, and
      // those must not jump when the wall clock is stepped.
      // ffmpeg prints the closed segment's list line while exiting after SIGINT.
      dataUntilExit: true,
      // A camera that power-cycles is retried the moment its port accepts again.
      probe: reachabilityProbe(() => this.lastInput),
    });
    this.supervisor.on('data', (chunk) => this.onData(chunk));
    this.supervisor.on('state', (s) => this.emit('state', s));
    this.supervisor.on('spawn', (pid) => {
      if (this.run) this.emit('run', { runId: this.run.runId, pid });
    });
  }

  get cameraId(): string {
    return this.opts.cameraId;
  }

  get stream(): StreamKind {
    return this.opts.stream;
  }

  get status(): StateChange {
    return this.supervisor.status;
  }

  get pid(): number | null {
    return this.supervisor.pid;
  }

  get spawnCount(): number {
    return this.supervisor.spawnCount;
  }

  /** True while an ffmpeg process is writing run `runId` (its inbox files must not be touched). */
  isWriting(runId: string): boolean {
    return this.supervisor.pid !== null && this.run?.runId === runId;
  }

  recentStderr(): string[] {
    return this.supervisor.recentStderr();
  }

  start(): void {
    this.supervisor.start();
  }

  /** SIGINT so the muxer closes the open segment; the list line for it is emitted before this resolves. */
  async stop(): Promise<void> {
    await this.supervisor.stop();
  }

  /**
   * Best wall-clock start of an inbox file of a run this recorder wrote, when ffmpeg
   * died before listing it: the end of the run's last listed segment.
   */
  orphanStart(runId: string, seq: number): number | null {
    const run = this.runs.get(runId);
    if (!run || run.anchorMs === null) return null;
    if (seq === run.lastSeq + 1) return Math.round(run.anchorMs + run.lastRelEndS * 1000);
    return null;
  }

  /**
   * The segment ffmpeg is writing now, before it is listed: its inbox file and its
   * wall-clock start (the run's anchor plus the end of the last listed segment).
   * Null until the run's first progress block has anchored it.
   */
  openSegment(): OpenSegmentFile | null {
    const run = this.run;
    if (!run || run.anchorMs === null || this.supervisor.pid === null) return null;
    const seq = run.lastSeq + 1;
    return {
      file: join(this.opts.inboxDir, `${run.runId}-${String(seq).padStart(6, '0')}.mp4`),
      runId: run.runId,
      seq,
      startMs: Math.round(run.anchorMs + run.lastRelEndS * 1000),
    };
  }

  /** Forget bookkeeping of finished runs once their files are handled. */
  forgetRun(runId: string): void {
    if (this.run?.runId !== runId) this.runs.delete(runId);
  }

  private async nextRunArgs(): Promise<string[]> {
    const input = await this.opts.input();
    this.lastInput = input;
    await mkdir(this.opts.inboxDir, { recursive: true });
    const runId = newRunId(this.now());
    this.run = { runId, anchorMs: null, lastRelEndS: 0, lastSeq: -1 };
    this.runs.set(runId, this.run);
    this.parser = new RecorderOutputParser();
    return buildSegmentArgs({
      input,
      inboxDir: this.opts.inboxDir,
      runId,
      segmentSeconds: this.opts.segmentSeconds,
      version: await ffmpegVersionOf(this.opts.ffmpegPath),
    });
  }

  private onData(chunk: Buffer): void {
    const run = this.run;
    if (!run) return;
    const arrival = this.now();
    for (const line of this.parser.push(chunk)) {
      if (line.kind === 'progress') {
        const anchor = arrival - line.outTimeUs / 1000;
        // Delays only make the estimate later, so the smallest one is the best.
        if (run.anchorMs === null || anchor < run.anchorMs) run.anchorMs = anchor;
        continue;
      }
      const m = /^([a-z0-9]+)-(\d+)\.mp4$/.exec(line.file.split(/[\\/]/).pop() ?? '');
      if (!m || m[1] !== run.runId) continue;
      const seq = Number(m[2]);
      const anchor = run.anchorMs ?? arrival - line.relEndS * 1000;
      run.anchorMs = anchor;
      run.lastRelEndS = line.relEndS;
      run.lastSeq = seq;
      this.emit('segment', {
        cameraId: this.opts.cameraId,
        stream: this.opts.stream,
        file: join(this.opts.inboxDir, line.file),
        runId: run.runId,
        seq,
        startMs: Math.round(anchor + line.relStartS * 1000),
        endMs: Math.round(anchor + line.relEndS * 1000),
      });
    }
  }
}
