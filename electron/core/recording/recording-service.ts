// Continuous recording of every enabled camera, whether or not anyone watches
// it: one SegmentRecorder (supervised ffmpeg, -c copy) per camera, segments
// filed into <camera>/<yyyy-mm-dd>/<hh>/ and indexed in SQLite, gaps recorded
// with their reason and retention keeping the disk from filling. Where footage
// goes, the quota and the disk alarms are the storage service's; recording
// follows them. See docs/design/recording.md.
import { performance } from 'node:perf_hooks';
import type { StreamKind } from '../../contract/schemas';
import type { Database, Queryable } from '../db/database';
import { silentLogger, type Logger } from '../logging/logger';
import type { SupervisorTimings } from '../streams/ffmpeg-supervisor';
import type { InputResolver, StateChange } from '../streams/types';
import type { DiskSpaceReader } from '../storage/disk-space';
import { inboxDir } from '../storage/storage-layout';
import { StorageService, type StorageChange } from '../storage/storage-service';
import type { KeyframeIndex } from './keyframe-index';
import { Reconciler, type EventLogger } from './reconciler';
import { RecordingGaps } from './recording-gaps';
import { RecordingIndex, type CameraRecordingSettings } from './recording-index';
import type {
  DiskAlarmKind,
  Gap,
  Lock,
  LockInput,
  QuotaSettings,
  Recording,
  RecordingEmit,
  RecordingEvent,
  RecordingEventKind,
  RecordingStatusInfo,
  RootRef,
  StorageRoot,
  StorageSummary,
  Timeline,
} from './recording-types';
import { Retention, type RetentionResult } from './retention';
import { OpenSegments, type OpenSegment } from './open-segments';
import { isOffline, recordingStatus } from './recording-status';
import { SegmentFiler } from './segment-filer';
import { SegmentRecorder, type ClosedSegment } from './segment-recorder';
import { indexedRecordingFile, segmentFilesOverlapping, type SegmentFile } from './segment-files';
import { recordingRootStore } from './storage-root-store';
import { storageSummary } from './storage-summary';

export const DEFAULT_SEGMENT_SECONDS = 60;

export interface RecordingTimings {
  /** How often an alarmed storage folder is probed again. */
  healthCheckMs: number;
  /** How often retention runs (it also runs on start). */
  retentionMs: number;
  /** Wall clock vs monotonic clock disagreement that counts as a clock step. */
  clockStepMs: number;
  /** How often older segments without a keyframe index get one (KEYFRAME_BACKFILL_PER_PASS each time). */
  keyframeBackfillMs: number;
  /** Overrides for the recorder's ffmpeg supervisor. */
  supervisor: Partial<SupervisorTimings>;
}

const DEFAULT_TIMINGS: RecordingTimings = {
  healthCheckMs: 10_000,
  retentionMs: 60_000,
  clockStepMs: 2000,
  keyframeBackfillMs: 60_000,
  supervisor: {},
};

/** Segments scanned per backfill pass: about a second of disk reads, in the background. */
export const KEYFRAME_BACKFILL_PER_PASS = 50;

export interface RecordingServiceOptions {
  db: Database;
  /**
   * Where footage goes, the quota and the disk alarms. Absent: a storage service of
   * its own over `storageDir`, `quota` and `diskSpace`, persisting nothing (tests, tools).
   */
  storage?: StorageService;
  /**
   * The root to write to from start when no storage service is given.
   * Index rows older than storage roots are adopted into it (docs/design/recording.md).
   */
  storageDir?: string;
  ffmpegPath: string;
  resolveInput: InputResolver;
  emit: RecordingEmit;
  now?: () => number;
  /** Segment length; 60 s by default (docs/design/recording.md). Tests use a few seconds. */
  segmentSeconds?: number;
  quota?: Partial<QuotaSettings>;
  diskSpace?: DiskSpaceReader;
  timings?: Partial<RecordingTimings>;
  /** Whether a camera the service has never seen records by default. */
  recordNewCameras?: boolean;
  logger?: Logger;
}

export interface CameraRecordingPatch {
  enabled?: boolean;
  stream?: StreamKind;
  maxAgeDays?: number | null;
}

interface Entry {
  settings: CameraRecordingSettings;
  recorder: SegmentRecorder | null;
  /** End of this camera's footage indexed in this session (or where its gap starts). */
  coveredUntil: number | null;
  /** Serialises filing, sweeping and gap bookkeeping of one camera. */
  queue: Promise<void>;
  /** Root the running recorder writes its inbox in; its segments are filed there. */
  recorderRoot: RootRef | null;
  /** Closed segments that could not be filed (disk error); retried by the health check. */
  retry: { seg: ClosedSegment; root: RootRef }[];
  /**
   * Closed by ffmpeg, not indexed yet (queued or being filed): still listed for playback
   * under their open ids, so footage never drops out of the listing between the two.
   */
  filing: ClosedSegment[];
  lastState: StateChange | null;
}

export type { OpenSegment } from './open-segments';

/** Alarms under which status() reports every camera as not recording (disk_error). */
const DISK_ERROR_ALARMS = new Set<DiskAlarmKind>(['unwritable', 'write_failed']);

export class RecordingService {
  private readonly index: RecordingIndex;
  private readonly filer: SegmentFiler;
  private readonly reconciler: Reconciler;
  private readonly gaps: RecordingGaps;
  private readonly retention: Retention;
  private readonly now: () => number;
  private readonly segmentSeconds: number;
  private readonly timings: RecordingTimings;
  private readonly logger: Logger;
  readonly storage: StorageService;
  private readonly unfollowStorage: () => void;
  private readonly entries = new Map<string, Entry>();
  private readonly open: OpenSegments;
  private started = false;
  private disposed = false;
  private timers: NodeJS.Timeout[] = [];
  private retentionRunning: Promise<RetentionResult> | null = null;
  private treeWalk: Promise<void> | null = null;
  private keyframeBackfill: Promise<void> | null = null;
  private keyframeBackfillDone = false;
  private lastWall = 0;
  private lastMono = 0;

  constructor(private readonly opts: RecordingServiceOptions) {
    this.now = opts.now ?? Date.now;
    this.segmentSeconds = opts.segmentSeconds ?? DEFAULT_SEGMENT_SECONDS;
    this.timings = { ...DEFAULT_TIMINGS, ...opts.timings };
    this.logger = opts.logger ?? silentLogger;
    this.index = new RecordingIndex(opts.db);
    this.storage = opts.storage ?? ownStorage(opts, this.now, this.logger);
    this.unfollowStorage = this.storage.subscribe((change) => this.onStorageChange(change));
    this.filer = new SegmentFiler(this.index, this.now);
    this.open = new OpenSegments({
      camera: (cameraId) => this.entries.get(cameraId),
      recordingFile: (id) => this.recordingFile(id),
    });
    const log: EventLogger = (k, c, s, d) => this.log(k, c, s, d);
    this.reconciler = new Reconciler(this.index, this.filer, log);
    this.gaps = new RecordingGaps(this.index, log);
    this.retention = new Retention({
      index: this.index,
      activeRoot: () => this.storage.activeRoot,
      diskSpace: this.storage.diskSpace,
      now: this.now,
    });
  }

  /** The active storage root (where new segments are written). */
  get storageDir(): string {
    return this.storage.storageDir;
  }

  get segmentLengthSeconds(): number {
    return this.segmentSeconds;
  }

  // ---- lifecycle -----------------------------------------------------------

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.storage.start();
    await this.index.adoptUnrootedRecordings(this.storage.activeRoot.id);
    for (const s of await this.index.cameraSettings())
      this.entries.set(s.cameraId, this.newEntry(s));

    if (await this.storage.checkWritable()) await this.bootRecording();
    else
      for (const e of this.entries.values())
        if (e.settings.enabled) await this.gaps.openOnce(e.settings, 'disk_error', this.now());

    this.lastWall = this.now();
    this.lastMono = performance.now();
    this.timers.push(
      setInterval(() => void this.healthTick(), this.timings.healthCheckMs),
      setInterval(() => {
        // A pass still under way (a huge first prune) is not queued behind again.
        if (!this.retentionRunning) void this.runRetention().catch(() => undefined);
      }, this.timings.retentionMs),
      setInterval(() => this.clockTick(), 1000),
      setInterval(() => this.backfillKeyframes(), this.timings.keyframeBackfillMs),
    );
    for (const t of this.timers) t.unref?.();
  }

  /** Stops every recorder with SIGINT (segments finalise and are filed), then drains. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await Promise.all([...this.entries.values()].map((e) => this.stopRecorder(e)));
    await Promise.all([...this.entries.values()].map((e) => e.queue));
    await this.treeWalk;
    await this.keyframeBackfill;
    await this.retentionRunning?.catch(() => undefined);
    // Last: an alarm raised while the last segments are filed is still logged and told.
    this.unfollowStorage();
  }

  /**
   * Files inbox leftovers, opens 'app not running' gaps and starts recorders; then
   * walks the archive in the background (seconds on a large disk) so recording
   * starts at once after a power cut. Runs whenever storage becomes usable.
   */
  private async bootRecording(): Promise<void> {
    // Every root's inbox: a crash right after a folder change leaves files in the old one.
    for (const root of await this.index.roots())
      await this.reconciler.reconcileInbox({ id: root.id, path: root.path }, () => false);
    for (const e of this.entries.values()) {
      if (!e.settings.enabled) continue;
      await this.gaps.closeEndedByInbox(e.settings.cameraId);
      const lastEnd = await this.index.lastEnd(e.settings.cameraId);
      e.coveredUntil = lastEnd;
      const open = await this.index.openGaps(e.settings.cameraId);
      if (lastEnd !== null && open.length === 0)
        await this.gaps.openOnce(e.settings, 'app_not_running', lastEnd);
      this.startRecorder(e);
    }
    this.treeWalk ??= this.reconcileRoots()
      .then(() => (this.disposed ? undefined : this.runRetention()))
      .then(() => undefined)
      .catch((err: unknown) => this.logger.error('reconciliation failed', { err: String(err) }))
      .finally(() => {
        this.treeWalk = null;
      });
  }

  /**
   * Walks every known root, the active one first. A root whose folder is gone (an
   * unplugged disk) gets its rows marked missing; they come back when it does.
   */
  private async reconcileRoots(): Promise<void> {
    const roots = (await this.index.roots()).sort((a, b) => Number(b.active) - Number(a.active));
    for (const root of roots) {
      if (this.disposed) return;
      const report = await this.reconciler.reconcileTree(
        { id: root.id, path: root.path },
        () => this.disposed,
      );
      if (report.rootMissing)
        this.logger.warn('storage root missing', { rootId: root.id, rows: report.missing });
    }
    await this.index.forgetEmptyRoots();
  }

  /** One bounded backfill pass, after the archive walk and never two at once. */
  private backfillKeyframes(): void {
    if (this.disposed || this.keyframeBackfillDone || this.treeWalk || this.keyframeBackfill)
      return;
    this.keyframeBackfill = this.reconciler
      .backfillKeyframes(KEYFRAME_BACKFILL_PER_PASS)
      .then((report) => {
        this.keyframeBackfillDone = report.done;
        if (report.indexed > 0) this.logger.info('keyframe indexes backfilled', { ...report });
      })
      .catch((err: unknown) => this.logger.error('keyframe backfill failed', { err: String(err) }))
      .finally(() => {
        this.keyframeBackfill = null;
      });
  }

  /** Resolves when the background archive walk started by start() has finished (tests, tools). */
  async reconciled(): Promise<void> {
    await this.treeWalk;
  }

  // ---- cameras -------------------------------------------------------------

  /** Makes the recorded set follow the camera registry: new ids get defaults, gone ids stop. */
  async syncCameras(cameraIds: readonly string[]): Promise<void> {
    const wanted = new Set(cameraIds);
    for (const id of wanted) {
      if (!this.entries.has(id)) {
        await this.setCamera(id, { enabled: this.opts.recordNewCameras ?? true });
      }
    }
    for (const [id, e] of this.entries) {
      if (wanted.has(id)) continue;
      await this.stopRecorder(e);
      await e.queue;
      this.entries.delete(id);
      await this.index.removeCameraSettings(id);
      // The camera is gone from the registry; its footage stays, its open gap ends here.
      await this.index.closeGaps(id, this.now());
    }
  }

  async setCamera(cameraId: string, patch: CameraRecordingPatch): Promise<CameraRecordingSettings> {
    let e = this.entries.get(cameraId);
    const prev = e?.settings ?? {
      cameraId,
      enabled: true,
      stream: 'main' as StreamKind,
      maxAgeDays: null,
    };
    const next: CameraRecordingSettings = {
      cameraId,
      enabled: patch.enabled ?? prev.enabled,
      stream: patch.stream ?? prev.stream,
      maxAgeDays: patch.maxAgeDays === undefined ? prev.maxAgeDays : patch.maxAgeDays,
    };
    await this.index.saveCameraSettings(next, this.now());
    if (!e) {
      e = this.newEntry(next);
      this.entries.set(cameraId, e);
      e.coveredUntil = null;
    }
    const restart = e.recorder !== null && (next.stream !== e.settings.stream || !next.enabled);
    const wasEnabled = e.settings.enabled && e.recorder !== null;
    e.settings = next;
    if (restart || (!next.enabled && wasEnabled)) {
      await this.stopRecorder(e);
      await e.queue;
      if (!next.enabled)
        await this.gaps.openOnce(e.settings, 'recording_disabled', e.coveredUntil ?? this.now());
    }
    if (
      next.enabled &&
      e.recorder === null &&
      this.started &&
      !this.disposed &&
      !this.storage.hasAlarm('unwritable')
    ) {
      this.startRecorder(e);
    }
    this.emitStatus(e);
    return next;
  }

  /** A changed URL or password: a new ffmpeg run picks it up now, not at the next retry. */
  async restartCamera(cameraId: string): Promise<void> {
    const e = this.entries.get(cameraId);
    if (!e?.recorder || this.disposed) return;
    await this.stopRecorder(e);
    if (
      e.settings.enabled &&
      e.recorder === null &&
      !this.disposed &&
      !this.storage.hasAlarm('unwritable')
    )
      this.startRecorder(e);
  }

  async cameraSettings(): Promise<CameraRecordingSettings[]> {
    return [...this.entries.values()].map((e) => e.settings);
  }

  // ---- queries -------------------------------------------------------------

  status(cameraId: string): RecordingStatusInfo {
    const e = this.entries.get(cameraId);
    return recordingStatus(cameraId, e && { ...e, recorder: e.recorder?.status ?? null }, {
      diskError: this.storage.hasAlarm('unwritable') || this.storage.hasAlarm('write_failed'),
      running: this.started && !this.disposed,
      now: this.now(),
    });
  }

  statuses(): RecordingStatusInfo[] {
    return [...this.entries.keys()].map((id) => this.status(id));
  }

  timeline(cameraId: string, fromMs: number, toMs: number): Promise<Timeline> {
    return this.index.timeline(cameraId, fromMs, toMs);
  }

  activity(
    cameraId: string,
    fromMs: number,
    toMs: number,
  ): Promise<{ startMs: number; secondBytes: number[] }[]> {
    return this.index.activity(cameraId, fromMs, toMs);
  }

  events(limit = 200, cameraId?: string): Promise<RecordingEvent[]> {
    return this.index.events(limit, cameraId);
  }

  // Reads for the handover summary; `q` reads inside the caller's transaction.

  gapsOverlapping(fromMs: number, toMs: number, limit: number, q?: Queryable): Promise<Gap[]> {
    return this.index.gapsOverlapping(fromMs, toMs, limit, q);
  }

  storageAlarmEvents(
    fromMs: number,
    toMs: number,
    limit: number,
    q?: Queryable,
  ): Promise<RecordingEvent[]> {
    return this.index.storageAlarmEvents(fromMs, toMs, limit, q);
  }

  recording(id: number): Promise<Recording | undefined> {
    return this.index.recordingById(id);
  }

  /** Playable segment files of a camera overlapping [fromMs, toMs), oldest first (export). */
  segmentFiles(cameraId: string, fromMs: number, toMs: number): Promise<SegmentFile[]> {
    return segmentFilesOverlapping(this.opts.db, cameraId, fromMs, toMs);
  }

  /**
   * Absolute path of an indexed recording, for playback and export (serve only indexed
   * files): its root's folder + its relative path, whichever root is active now.
   */
  recordingFile(id: number): Promise<string | null> {
    return indexedRecordingFile(this.index, id);
  }

  /**
   * Where playback may start inside an indexed recording (recording_keyframes); null when
   * it has no index yet (backfill pending, or its keyframe flags cannot be trusted).
   */
  keyframeIndex(id: number): Promise<KeyframeIndex | null> {
    return this.index.keyframeIndex(id);
  }

  /** The camera's segment being written, up to its last complete fragment (open-segments.ts). */
  openSegment(cameraId: string): Promise<OpenSegment | null> {
    return this.open.openSegment(cameraId);
  }

  /** Segments closed by ffmpeg and not indexed yet, under their open ids (open-segments.ts). */
  filingSegments(cameraId: string): Promise<OpenSegment[]> {
    return this.open.filingSegments(cameraId);
  }

  /** The file of an open segment's id and how much of it may be read (open-segments.ts). */
  openSegmentFile(id: number): Promise<{ path: string; bytes: number | null } | null> {
    return this.open.openSegmentFile(id);
  }

  /** The id a filed recording had while it was open and growing (if anyone asked for it). */
  openIdOf(recordingId: number): number | undefined {
    return this.open.openIdOf(recordingId);
  }

  /** Every known root: the active one and older ones still holding footage. */
  storageRoots(): Promise<StorageRoot[]> {
    return this.index.roots();
  }

  storageSummary(): Promise<StorageSummary> {
    return storageSummary({
      index: this.index,
      storage: this.storage,
      now: this.now(),
      maxAgeDays: (cameraId) => this.entries.get(cameraId)?.settings.maxAgeDays ?? null,
    });
  }

  /** Pids of running recorder ffmpeg processes (benchmarks, zombie checks). */
  recorderPids(): number[] {
    return [...this.entries.values()]
      .map((e) => e.recorder?.pid ?? null)
      .filter((p): p is number => p !== null);
  }

  // ---- locks and retention ------------------------------------------------

  async addLock(lock: LockInput): Promise<Lock> {
    return this.index.addLock(lock, this.now());
  }

  removeLock(id: number): Promise<boolean> {
    return this.index.removeLock(id);
  }

  locks(): Promise<Lock[]> {
    return this.index.locks();
  }

  /** One retention pass with the current settings; runs after any pass already under way. */
  runRetention(): Promise<RetentionResult> {
    const before = this.retentionRunning?.catch(() => undefined) ?? Promise.resolve();
    const next = before.then(() => this.retentionPass());
    const tracked = next.finally(() => {
      if (this.retentionRunning === tracked) this.retentionRunning = null;
    });
    this.retentionRunning = tracked;
    return tracked;
  }

  private retentionPass(): Promise<RetentionResult> {
    const maxAge = new Map<string, number>();
    for (const e of this.entries.values())
      if (e.settings.maxAgeDays !== null) maxAge.set(e.settings.cameraId, e.settings.maxAgeDays);
    const pass = this.retention.run(this.storage.quota(), maxAge).then(async (r) => {
      if (r.deleted > 0)
        await this.log('retention_pruned', null, null, {
          deleted: r.deleted,
          freedBytes: r.freedBytes,
        });
      if (r.lockedOverQuota) await this.storage.raiseAlarm('locked_over_quota', null);
      else await this.storage.clearAlarm('locked_over_quota');
      await this.storage.checkFreeSpace();
      return r;
    });
    return pass;
  }

  // ---- recorders -----------------------------------------------------------

  private newEntry(settings: CameraRecordingSettings): Entry {
    return {
      settings,
      recorder: null,
      coveredUntil: null,
      queue: Promise.resolve(),
      recorderRoot: null,
      retry: [],
      filing: [],
      lastState: null,
    };
  }

  private startRecorder(e: Entry): void {
    if (e.recorder || this.disposed) return;
    const { cameraId, stream } = e.settings;
    const root = this.storage.activeRoot;
    const recorder = new SegmentRecorder({
      cameraId,
      stream,
      ffmpegPath: this.opts.ffmpegPath,
      inboxDir: inboxDir(root.path, cameraId, stream),
      segmentSeconds: this.segmentSeconds,
      input: () => this.opts.resolveInput(cameraId, stream),
      timings: this.timings.supervisor,
      now: this.now,
    });
    recorder.on('segment', (seg) => {
      e.filing.push(seg);
      this.enqueue(e, () =>
        this.fileSegment(e, seg, root).finally(() => {
          e.filing = e.filing.filter((f) => f !== seg);
        }),
      );
    });
    recorder.on('state', (s) => this.onRecorderState(e, recorder, s));
    e.recorder = recorder;
    e.recorderRoot = root;
    recorder.start();
    void this.log('recording_started', cameraId, stream, {});
  }

  private async stopRecorder(e: Entry): Promise<void> {
    const recorder = e.recorder;
    const root = e.recorderRoot;
    if (!recorder || !root) return;
    e.recorder = null;
    e.recorderRoot = null;
    await recorder.stop();
    // ffmpeg listed its last segment before exiting; file it, then sweep anything it did not list.
    this.enqueue(e, () => this.sweepInbox(e, recorder, root));
    await e.queue;
    await this.log('recording_stopped', e.settings.cameraId, e.settings.stream, {});
    this.emitStatus(e);
  }

  private onRecorderState(e: Entry, recorder: SegmentRecorder, s: StateChange): void {
    e.lastState = s;
    this.emitStatus(e);
    const root = e.recorderRoot;
    if (e.recorder !== recorder || !root) return;
    if (isOffline(s.state)) {
      this.enqueue(e, async () => {
        await this.sweepInbox(e, recorder, root);
        await this.gaps.openOnce(
          e.settings,
          'camera_offline',
          e.coveredUntil ?? s.since,
          s.errorKind,
        );
      });
    }
  }

  private enqueue(e: Entry, task: () => Promise<void>): void {
    e.queue = e.queue.then(task).catch(async (err: unknown) => {
      const code = (err as NodeJS.ErrnoException)?.code ?? null;
      this.logger.error('recording task failed', {
        cameraId: e.settings.cameraId,
        code,
        err: String(err),
      });
      if (code) await this.storage.raiseAlarm('write_failed', code).catch(() => undefined);
    });
  }

  /** Files inbox leftovers of finished runs of this recorder (ffmpeg died before listing them). */
  private async sweepInbox(e: Entry, recorder: SegmentRecorder, root: RootRef): Promise<void> {
    const report = await this.reconciler.reconcileInbox(
      root,
      (runId) => recorder.isWriting(runId),
      (ctx) => recorder.orphanStart(ctx.runId, ctx.seq),
      { cameraId: e.settings.cameraId, stream: recorder.stream },
    );
    if (report.recovered > 0) {
      const last = await this.index.lastEnd(e.settings.cameraId);
      if (last !== null) e.coveredUntil = Math.max(e.coveredUntil ?? last, last);
    }
  }

  private async fileSegment(e: Entry, seg: ClosedSegment, root: RootRef): Promise<void> {
    let outcome;
    try {
      outcome = await this.filer.file({
        cameraId: seg.cameraId,
        stream: seg.stream,
        root,
        file: seg.file,
        runId: seg.runId,
        seq: seg.seq,
        startMs: seg.startMs,
        endMs: seg.endMs,
        status: 'complete',
        notBeforeMs: e.coveredUntil,
      });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return; // already filed (e.g. by a sweep)
      this.logger.warn('segment not filed; will retry', { cameraId: seg.cameraId, code });
      e.retry.push({ seg, root });
      await this.storage.raiseAlarm('write_failed', code ?? 'EIO');
      return;
    }
    if (outcome.kind === 'quarantined') {
      await this.log('segment_quarantined', seg.cameraId, seg.stream, {
        reason: outcome.reason,
        to: outcome.to,
      });
      return;
    }
    const rec = outcome.recording;
    if (e.coveredUntil !== null && rec.startMs < e.coveredUntil - 2000) {
      await this.log('clock_step', seg.cameraId, seg.stream, {
        deltaMs: rec.startMs - e.coveredUntil,
        recordingId: rec.id,
      });
    }
    e.coveredUntil = Math.max(e.coveredUntil ?? rec.endMs, rec.endMs);
    this.open.filed(seg.runId, seg.seq, rec.id);
    await this.gaps.closeAt(seg.cameraId, rec.startMs);
    this.opts.emit('recording.segment', rec);
  }

  private emitStatus(e: Entry): void {
    this.opts.emit('recording.status', this.status(e.settings.cameraId));
  }

  // ---- storage health, alarms, clock ----------------------------------------

  private async healthTick(): Promise<void> {
    if (this.disposed) return;
    const wasUnwritable = this.storage.hasAlarm('unwritable');
    const ok = await this.storage.checkWritable();
    if (!ok) {
      // Stop spinning ffmpeg against a dead disk; gaps say why footage is missing.
      for (const e of this.entries.values()) {
        if (!e.settings.enabled) continue;
        if (e.recorder) await this.stopRecorder(e);
        await this.gaps.openOnce(e.settings, 'disk_error', e.coveredUntil ?? this.now());
      }
      return;
    }
    // Back from unwritable: recorders restart, then segments that failed to file are retried.
    if (wasUnwritable) await this.bootRecording().catch(() => undefined);
    for (const e of this.entries.values()) {
      const pending = e.retry.splice(0);
      for (const p of pending) this.enqueue(e, () => this.fileSegment(e, p.seg, p.root));
    }
    await Promise.all([...this.entries.values()].map((e) => e.queue));
    if (
      this.storage.hasAlarm('write_failed') &&
      [...this.entries.values()].every((e) => e.retry.length === 0)
    ) {
      await this.storage.clearAlarm('write_failed');
    }
  }

  private clockTick(): void {
    const wall = this.now();
    const mono = performance.now();
    const skew = wall - this.lastWall - (mono - this.lastMono);
    this.lastWall = wall;
    this.lastMono = mono;
    if (Math.abs(skew) < this.timings.clockStepMs || this.disposed) return;
    // The wall clock was stepped: start new runs so every segment after the step
    // is anchored to the new clock (see the clock rule in docs/design/recording.md).
    void this.log('clock_step', null, null, { deltaMs: Math.round(skew) });
    for (const e of this.entries.values()) {
      if (!e.recorder) continue;
      void (async () => {
        await this.stopRecorder(e);
        if (skew > 0 && e.coveredUntil !== null)
          await this.gaps.openOnce(e.settings, 'clock_change', e.coveredUntil);
        if (e.settings.enabled && !this.disposed && !this.storage.hasAlarm('unwritable'))
          this.startRecorder(e);
      })().catch(() => undefined);
    }
  }

  /** Follows the storage service: alarms logged and told, recorders moved to a new root. */
  private async onStorageChange(change: StorageChange): Promise<void> {
    if (change.kind === 'root_changed') {
      await this.log('storage_root_changed', null, null, {
        rootId: change.next.id,
        previousRootId: change.previous.id,
      });
      await this.followNewRoot();
      return;
    }
    const kind = change.kind === 'alarm_raised' ? change.alarm.kind : change.alarmKind;
    if (change.kind === 'alarm_raised')
      await this.log(
        kind === 'locked_over_quota' ? 'locked_over_quota' : 'disk_alarm',
        null,
        null,
        {
          kind,
          code: change.alarm.code,
        },
      );
    else await this.log('disk_ok', null, null, { kind });
    this.opts.emit('recording.alarm', { alarm: this.storage.alarm() });
    // Every camera's "not recording: disk error" begins or may have ended with it.
    if (DISK_ERROR_ALARMS.has(kind)) this.emitAllStatuses();
  }

  /** Running recorders finish their segment (filed in the old root) and continue in the new one. */
  private async followNewRoot(): Promise<void> {
    if (!this.started || this.disposed) return;
    const wasUnwritable = this.storage.hasAlarm('unwritable');
    if (!(await this.storage.checkWritable())) return;
    if (wasUnwritable) {
      // The old folder had stopped the recorders; the new one starts them.
      await this.bootRecording().catch(() => undefined);
    } else {
      await Promise.all(
        [...this.entries.values()].map(async (e) => {
          if (!e.recorder) return;
          await this.stopRecorder(e);
          if (e.settings.enabled && !this.disposed && !this.storage.hasAlarm('unwritable'))
            this.startRecorder(e);
        }),
      );
    }
    // The free-space reserve now applies to the new volume.
    void this.runRetention().catch(() => undefined);
  }

  private emitAllStatuses(): void {
    for (const e of this.entries.values()) this.emitStatus(e);
  }

  private async log(
    kind: RecordingEventKind,
    cameraId: string | null,
    stream: StreamKind | null,
    detail: RecordingEvent['detail'] = {},
  ): Promise<void> {
    try {
      const ev = await this.index.logEvent(this.now(), kind, cameraId, stream, detail);
      this.opts.emit('recording.event', ev);
    } catch {
      // The event log must never take recording down (e.g. database closing on quit).
    }
  }
}

function ownStorage(
  opts: RecordingServiceOptions,
  now: () => number,
  logger: Logger,
): StorageService {
  if (opts.storageDir === undefined)
    throw new Error('RecordingService needs storage or storageDir');
  return new StorageService({
    db: opts.db,
    roots: recordingRootStore(opts.db),
    storageDir: opts.storageDir,
    now,
    logger,
    ...(opts.quota ? { quota: opts.quota } : {}),
    ...(opts.diskSpace ? { diskSpace: opts.diskSpace } : {}),
  });
}
