// Watches every camera's picture while its stream is up: one supervised ffmpeg per
// enabled camera with a sub-stream, decoding keyframes only (detector-args.ts). Each
// keyframe is measured, judged by the camera's rules, and the alarms that open or
// close go to the alarm log. A camera that goes down stops being watched and its
// picture alarms close: the outage says it all. tamper.state is emitted on change.
import { performance } from 'node:perf_hooks';
import type { CameraAlarmKind, PictureAlarmKind } from '../../contract/camera-alarms';
import { PictureAlarmKind as PictureKinds } from '../../contract/camera-alarms';
import { ApiError } from '../../contract/errors';
import type { CameraHealth } from '../../contract/outages';
import type { TamperSettings, TamperState } from '../../contract/tamper';
import type { Camera } from '../../contract/schemas';
import { silentLogger, type Logger } from '../logging/logger';
import type { AlarmDetail, CameraAlarmSink } from '../outages/camera-alarm-log';
import { FfmpegSupervisor, type SupervisorTimings } from '../streams/ffmpeg-supervisor';
import { ffmpegVersionOf, type FfmpegVersion } from '../streams/ffmpeg-version';
import { detectorArgs, DETECTOR_HEIGHT, DETECTOR_WIDTH } from './detector-args';
import { FrameReader } from './frame-reader';
import { changedCells, measure, MONO_SATURATION, sceneDiff, type Picture } from './picture-metrics';
import {
  ReferenceLearner,
  referenceOf,
  type PictureMode,
  type Reference,
  type ReferenceStore,
} from './reference-store';
import type { TamperSettingsStore } from './tamper-settings-store';
import { TamperRules, type Observation } from './tamper-rules';

export interface TamperAlarmSink extends CameraAlarmSink {
  openKinds(cameraId: string): CameraAlarmKind[];
}

export interface TamperWatchDeps {
  ffmpegPath: string;
  ffmpegVersion?: FfmpegVersion;
  cameras: () => Promise<Camera[]>;
  /** The detector's input options ending in `-i <source>`, or null when the camera has no sub-stream to read. */
  inputArgs: (camera: Camera, version: FfmpegVersion) => Promise<string[] | null>;
  settings: TamperSettingsStore;
  references: ReferenceStore;
  alarms: TamperAlarmSink;
  emit: (state: TamperState) => void;
  logger?: Logger;
  now?: () => number;
  monotonicNow?: () => number;
  timings?: Partial<SupervisorTimings>;
  /** How long after an officer steers a PTZ dome its view counts as changing; 60 s. */
  steerQuietMs?: number;
}

/** Keyframes kept for a commander's retake. */
const RECENT_FRAMES = 5;
const MIN_NO_DATA_MS = 12_000;
const STEER_QUIET_MS = 60_000;

interface Runner {
  camera: Camera;
  settings: TamperSettings;
  supervisor: FfmpegSupervisor;
  reader: FrameReader;
  rules: TamperRules;
  references: Map<string, Reference>;
  learner: ReferenceLearner;
  prev: Picture | null;
  recent: Picture[];
  lastAt: number | null;
  gopMs: number | null;
  lastFrameAt: number | null;
  mode: PictureMode | null;
  open: PictureAlarmKind[];
  /** The last state emitted, to emit on change only. */
  emitted: string;
}

const round = (v: number | null): number | null =>
  v === null ? null : Math.round(v * 1000) / 1000;

export class TamperWatch {
  private readonly runners = new Map<string, Runner>();
  private readonly up = new Set<string>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly mono: () => number;
  private disposed = false;
  private keyframes = 0;
  /** PTZ domes an officer steered: until when their view counts as changing on purpose. */
  private readonly steeredUntil = new Map<string, number>();

  constructor(private readonly deps: TamperWatchDeps) {
    this.log = deps.logger ?? silentLogger;
    this.now = deps.now ?? Date.now;
    this.mono = deps.monotonicNow ?? (() => performance.now());
  }

  /** Keyframes analysed since start (the bench checks the detector really ran). */
  get keyframesAnalysed(): number {
    return this.keyframes;
  }

  /** Feed every camera.health here: the detector runs only while the camera is up. */
  onHealth = (h: CameraHealth): void => {
    if (h.reachable === 'unknown') return;
    if (h.reachable === 'up') this.up.add(h.cameraId);
    else this.up.delete(h.cameraId);
    void this.schedule(h.cameraId);
  };

  /** The registry changed: cameras removed, disabled or given a sub-stream. */
  onCamerasChanged = (): void => {
    const ids = new Set([...this.runners.keys(), ...this.up]);
    for (const id of ids) void this.schedule(id);
  };

  /** Brings one camera's detector in line with its health, registry entry and settings. */
  schedule(cameraId: string): Promise<void> {
    const prev = this.chains.get(cameraId) ?? Promise.resolve();
    const next = prev
      .then(() => this.reconcile(cameraId))
      .catch((err: unknown) => this.log.error('tamper watch update failed', { cameraId, err }));
    this.chains.set(cameraId, next);
    return next;
  }

  /** Resolves once every pending start and stop is done. */
  async idle(): Promise<void> {
    await Promise.all([...this.chains.values()]);
  }

  async states(): Promise<TamperState[]> {
    const out: TamperState[] = [];
    for (const camera of await this.deps.cameras()) {
      const runner = this.runners.get(camera.id);
      if (runner) out.push(stateOf(runner, true));
      else
        out.push({
          cameraId: camera.id,
          running: false,
          mode: null,
          gopMs: null,
          lastFrameAt: null,
          references: referencesOf(await this.deps.references.load(camera.id)),
          open: [],
        });
    }
    return out;
  }

  async settingsOf(cameraId: string): Promise<TamperSettings> {
    await this.requireCamera(cameraId);
    return this.deps.settings.get(cameraId);
  }

  async updateSettings(settings: TamperSettings): Promise<TamperSettings> {
    await this.requireCamera(settings.cameraId);
    const saved = await this.deps.settings.save(settings);
    const runner = this.runners.get(saved.cameraId);
    if (runner) {
      runner.settings = saved;
      runner.rules.setChecks(saved);
      await this.syncAlarms(runner, runner.rules.open(), null);
    }
    await this.schedule(saved.cameraId);
    return saved;
  }

  /**
   * An officer moved a PTZ dome (or sent it to a preset): its view changes on purpose. Until it
   * has rested for steerQuietMs the checks that compare with the reference (scene, covered
   * against the reference's sharpness) pause; then the reference is learned anew from the
   * view it rests on, so the next "turned camera" alarm means somebody else turned it.
   */
  steered(cameraId: string): void {
    this.steeredUntil.set(cameraId, this.mono() + (this.deps.steerQuietMs ?? STEER_QUIET_MS));
  }

  /** Takes the reference again from the latest keyframes (the camera was re-aimed on purpose). */
  async retakeReference(
    cameraId: string,
    officerId: string,
  ): Promise<{ slot: string; takenAt: number }> {
    await this.requireCamera(cameraId);
    const runner = this.runners.get(cameraId);
    if (!runner || runner.recent.length === 0 || runner.mode === null)
      throw new ApiError('conflict', 'tamper_no_picture');
    const ref = referenceOf(runner.mode, runner.recent, this.now(), officerId);
    await this.deps.references.save(cameraId, ref);
    runner.references.set(ref.slot, ref);
    runner.learner.reset();
    this.emitIfChanged(runner);
    return { slot: ref.slot, takenAt: ref.takenAt };
  }

  /** The reference picture of a slot (media route /tamper/reference.png). */
  async reference(cameraId: string, slot: string): Promise<Reference | null> {
    const runner = this.runners.get(cameraId);
    return (
      runner?.references.get(slot) ?? (await this.deps.references.load(cameraId)).get(slot) ?? null
    );
  }

  /** Removed cameras: their settings and references go (their alarms are closed by the log). */
  async forget(cameraIds: readonly string[]): Promise<void> {
    for (const id of cameraIds) {
      this.up.delete(id);
      this.steeredUntil.delete(id);
      await this.schedule(id);
    }
    await this.deps.settings.forget(cameraIds);
    await this.deps.references.forget(cameraIds);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.idle();
    // Alarms stay open in the log: the next start resumes them.
    await Promise.all([...this.runners.values()].map((r) => r.supervisor.stop()));
    this.runners.clear();
  }

  /** A camera's URL or password changed: its detector reconnects with the new one. */
  restartCamera(cameraId: string): void {
    this.runners.get(cameraId)?.supervisor.kick();
  }

  private async version(): Promise<FfmpegVersion> {
    return this.deps.ffmpegVersion ?? ffmpegVersionOf(this.deps.ffmpegPath);
  }

  private async requireCamera(cameraId: string): Promise<Camera> {
    const camera = (await this.deps.cameras()).find((c) => c.id === cameraId);
    if (!camera) throw new ApiError('not_found', 'not_found');
    return camera;
  }

  private async reconcile(cameraId: string): Promise<void> {
    const camera = this.disposed
      ? undefined
      : (await this.deps.cameras()).find((c) => c.id === cameraId);
    const settings = camera ? await this.deps.settings.get(cameraId) : null;
    const input =
      camera && camera.enabled ? await this.deps.inputArgs(camera, await this.version()) : null;
    const wanted = !!camera && !!settings?.enabled && input !== null && this.up.has(cameraId);
    const runner = this.runners.get(cameraId);
    if (wanted && !runner && camera && settings) await this.startRunner(camera, settings);
    else if (!wanted && runner) await this.stopRunner(runner, !!camera);
  }

  private async startRunner(camera: Camera, settings: TamperSettings): Promise<void> {
    const supervisor = new FfmpegSupervisor({
      ffmpegPath: this.deps.ffmpegPath,
      args: async () => {
        const version = await this.version();
        const input = await this.deps.inputArgs(runner.camera, version);
        if (!input) throw new Error('no sub-stream');
        return detectorArgs(input, version);
      },
      timings: {
        noDataTimeoutMs: MIN_NO_DATA_MS,
        connectTimeoutMs: MIN_NO_DATA_MS + 3000,
        ...this.deps.timings,
      },
    });
    const rules = new TamperRules(settings);
    rules.resume(
      this.deps.alarms
        .openKinds(camera.id)
        .filter((k): k is PictureAlarmKind => PictureKinds.safeParse(k).success),
    );
    const runner: Runner = {
      camera,
      settings,
      supervisor,
      reader: new FrameReader(DETECTOR_WIDTH, DETECTOR_HEIGHT, (p) => this.onPicture(runner, p)),
      rules,
      references: await this.deps.references.load(camera.id),
      learner: new ReferenceLearner(),
      prev: null,
      recent: [],
      lastAt: null,
      gopMs: null,
      lastFrameAt: null,
      mode: null,
      open: rules.open(),
      emitted: '',
    };
    supervisor.on('data', (chunk) => {
      try {
        runner.reader.push(chunk);
      } catch (err) {
        // Output out of step (or a picture that cannot be measured): start this camera's
        // ffmpeg again rather than let one camera's bytes take the service down.
        this.log.warn('tamper detector output rejected; restarting it', {
          cameraId: camera.id,
          err: String(err),
        });
        runner.reader.reset();
        supervisor.kick();
      }
    });
    supervisor.on('spawn', () => {
      runner.reader.reset();
      runner.prev = null;
      runner.lastAt = null;
    });
    this.runners.set(camera.id, runner);
    supervisor.start();
    this.log.info('tamper detector started', { cameraId: camera.id });
    this.emitIfChanged(runner);
  }

  private async stopRunner(runner: Runner, cameraStillThere: boolean): Promise<void> {
    this.runners.delete(runner.camera.id);
    await runner.supervisor.stop();
    // Down or switched off: nothing is known of the picture. A removed camera's alarms are the log's to close.
    if (cameraStillThere) await this.syncAlarms(runner, [], null);
    runner.rules.reset();
    this.log.info('tamper detector stopped', { cameraId: runner.camera.id });
    if (cameraStillThere) this.emitIfChanged(runner, false);
  }

  private onPicture(runner: Runner, picture: Picture): void {
    if (this.runners.get(runner.camera.id) !== runner) return;
    this.keyframes++;
    const at = this.mono();
    const prevAt = runner.lastAt;
    if (runner.lastAt !== null) {
      const interval = at - runner.lastAt;
      runner.gopMs = runner.gopMs === null ? interval : runner.gopMs * 0.7 + interval * 0.3;
    }
    runner.lastAt = at;
    runner.lastFrameAt = this.now();
    const m = measure(picture);
    const mode: PictureMode = m.saturation < MONO_SATURATION ? 'mono' : 'colour';
    if (mode !== runner.mode) runner.learner.reset();
    runner.mode = mode;
    const steeredUntil = this.steeredUntil.get(runner.camera.id);
    const steering = steeredUntil !== undefined && at < steeredUntil;
    if (steeredUntil !== undefined && !steering) this.relearn(runner);
    // A mode without its own reference yet is compared with the other's: the rest of the
    // picture still matches a colour reference after the IR switch, a turned camera does not.
    const own = runner.references.get(mode) ?? null;
    const ref = own ?? runner.references.get(mode === 'colour' ? 'mono' : 'colour') ?? null;
    const o: Observation = {
      at,
      darkFraction: m.darkFraction,
      edgeEnergy: m.edgeEnergy,
      changed: runner.prev ? changedCells(picture, runner.prev) : null,
      prevAt: runner.prev ? prevAt : null,
      scene: ref && !steering ? sceneDiff(picture, ref.picture) : null,
    };
    runner.prev = picture;
    runner.recent.push(picture);
    if (runner.recent.length > RECENT_FRAMES) runner.recent.shift();
    const edgeRef = steering ? null : (ref?.edgeEnergy ?? null);
    const healthy = runner.rules.healthy(o, edgeRef);
    const open = runner.rules.observe(o, edgeRef);
    void this.syncAlarms(runner, open, o).catch((err: unknown) =>
      this.log.error('tamper alarm update failed', { cameraId: runner.camera.id, err }),
    );
    if (!own && healthy && !steering) void this.learn(runner, mode, picture, at);
    else runner.learner.reset();
    this.emitIfChanged(runner);
  }

  /** The dome rests after being steered: its old references describe another view. */
  private relearn(runner: Runner): void {
    const id = runner.camera.id;
    this.steeredUntil.delete(id);
    runner.references.clear();
    runner.learner.reset();
    void this.deps.references
      .forget([id])
      .catch((err: unknown) => this.log.error('tamper references not cleared', { err }));
    this.log.info('tamper reference to be learned anew after PTZ steering', { cameraId: id });
  }

  private async learn(
    runner: Runner,
    mode: PictureMode,
    picture: Picture,
    at: number,
  ): Promise<void> {
    const pictures = runner.learner.add(picture, at);
    if (!pictures) return;
    const ref = referenceOf(mode, pictures, this.now(), null);
    runner.references.set(mode, ref);
    this.emitIfChanged(runner);
    await this.deps.references
      .save(runner.camera.id, ref)
      .catch((err: unknown) => this.log.error('tamper reference not saved', { err }));
    this.log.info('tamper reference learned', { cameraId: runner.camera.id, slot: mode });
  }

  /** Tells the log at once (it keeps call order), so an alarm is stamped with its keyframe. */
  private async syncAlarms(
    runner: Runner,
    open: PictureAlarmKind[],
    o: Observation | null,
  ): Promise<void> {
    const before = runner.open;
    runner.open = open;
    const id = runner.camera.id;
    await Promise.all([
      ...before.filter((k) => !open.includes(k)).map((k) => this.deps.alarms.close(id, k)),
      ...open
        .filter((k) => !before.includes(k))
        .map((k) => this.deps.alarms.open(id, k, 'detector', detailOf(o))),
    ]);
  }

  private emitIfChanged(
    runner: Runner,
    running = this.runners.get(runner.camera.id) === runner,
  ): void {
    const state = stateOf(runner, running);
    // lastFrameAt changes with every keyframe; it is not a change worth telling.
    const key = JSON.stringify({ ...state, lastFrameAt: null });
    if (key === runner.emitted) return;
    runner.emitted = key;
    this.deps.emit(state);
  }
}

function detailOf(o: Observation | null): AlarmDetail {
  if (!o) return {};
  return {
    darkFraction: round(o.darkFraction),
    edgeEnergy: round(o.edgeEnergy),
    changed: round(o.changed),
    scene: round(o.scene),
  };
}

function referencesOf(refs: Map<string, Reference>): TamperState['references'] {
  return [...refs.values()].map((r) => ({
    slot: r.slot,
    takenAt: r.takenAt,
    learned: r.takenBy === null,
  }));
}

function stateOf(r: Runner, running: boolean): TamperState {
  return {
    cameraId: r.camera.id,
    running,
    mode: running ? r.mode : null,
    // Measured GOPs vary by a few ms; rounded to 500 ms so a state is not re-sent for jitter.
    gopMs: running && r.gopMs !== null ? Math.round(r.gopMs / 500) * 500 : null,
    lastFrameAt: running ? r.lastFrameAt : null,
    references: referencesOf(r.references),
    open: running ? r.open : [],
  };
}
