// One export, start to finish: writes `<destination>/<folderName>.partial/`
// (videos built from the recorded fragments straight onto the stick, or, when
// those cannot be copied as they are, remuxed to staging then copied; each
// verified; snapshots, the offline
// player, manifest.json, the report, SHA256SUMS.txt) and renames it to its
// final name only when every file was read back and matched. Any failure or
// cancel removes the folder and the staging files, so nothing incomplete ever
// looks complete; a stick pulled out keeps at most a `.partial` folder.
import { rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { EXPORT_PARTIAL_SUFFIX } from '../../contract/export-schemas';
import type { ExportFile } from '../../contract/export-schemas';
import type { ClipPlan } from './clip-plan';
import { ExportFailure, isCancel } from './export-errors';
import { cameraFileName } from './export-folder-name';
import {
  MANIFEST_FORMAT,
  MANIFEST_NAME,
  PLAYER_NAME,
  REPORT_HTML_NAME,
  REPORT_PDF_NAME,
  SUMS_NAME,
  manifestTime,
  sha256SumsText,
  verifyInstructions,
  type ExportManifest,
  type ManifestCamera,
  type ManifestFile,
} from './export-manifest';
import { ProgressMeter, type JobProgress } from './export-progress';
import { nodeFsOps, pathExists, renameWithRetry, type FsOps } from './fs-ops';
import { planFragmentMp4, fragmentMp4Bytes, type FragmentLayout } from './fragment-mp4';
import { remuxClip, type RemuxResult } from './remux-clip';
import {
  copyVerified,
  streamVerified,
  syncDir,
  throwIfAborted,
  toExportError,
  writeVerified,
  type CopyStage,
  type VerifiedFile,
} from './verified-copy';

export interface ExportJobCamera {
  id: string;
  name: string;
  location: string;
  plan: ClipPlan;
}

export interface ExportJobSpec {
  exportId: string;
  destination: string;
  folderName: string;
  fromMs: number;
  toMs: number;
  cameras: ExportJobCamera[];
  /**
   * `name` is relative to the folder, `/`-separated (e.g. `anh/anh-01.jpg`);
   * `takenAtMs`, when known, is the wall-clock instant the picture shows.
   */
  snapshots: { name: string; path: string; cameraId: string | null; takenAtMs?: number }[];
  /** Manifest fields known before the job runs. */
  facts: Omit<ExportManifest, 'format' | 'cameras' | 'files' | 'verify'>;
}

export interface ExportRenderers {
  reportHtml(m: ExportManifest): string;
  reportPdf(m: ExportManifest): Promise<Buffer>;
  playerHtml(m: ExportManifest): string;
}

export interface ExportJobDeps {
  ffmpegPath: string;
  /** Local scratch space; the job works in `<stagingDir>/<exportId>/` and removes it. */
  stagingDir: string;
  renderers: ExportRenderers;
  /** The destination's file system (tests inject faults); node's by default. */
  fs?: FsOps;
  remux?: typeof remuxClip;
  /** false: every video goes through ffmpeg (the fallback path), as before fragment copies. */
  copyFragments?: boolean;
  now?: () => number;
}

export interface ExportJobResult {
  folderPath: string;
  /** Every file of the folder but SHA256SUMS.txt, as listed in it. */
  files: ExportFile[];
  /** The whole folder, SHA256SUMS.txt included. */
  bytes: number;
  manifestSha256: string;
  /** SHA-256 of SHA256SUMS.txt as written: kept at the station, it vouches for every other hash. */
  sumsSha256: string;
  manifest: ExportManifest;
}

const VIDEO_DIR = 'video';

interface VideoTask {
  camera: ExportJobCamera;
  /** Relative name in the folder, `video/CAM01_….mp4`. */
  name: string;
  staged: string;
}

/** A video ready to be written: its fragments laid out, or remuxed into staging by ffmpeg. */
type PreparedVideo =
  { method: 'fragments'; layout: FragmentLayout } | { method: 'remux'; result: RemuxResult };

/** What the manifest says of a video. */
type VideoFacts = Omit<RemuxResult, 'bytes'> & { method: ExportVideoMethod };

/** How a video was made: its recorded fragments copied, or ffmpeg's remux (the fallback). */
export type ExportVideoMethod = NonNullable<ExportFile['method']>;

export async function runExportJob(
  spec: ExportJobSpec,
  deps: ExportJobDeps,
  signal: AbortSignal,
  onProgress: (p: JobProgress) => void,
): Promise<ExportJobResult> {
  const fs = deps.fs ?? nodeFsOps;
  const remux = deps.remux ?? remuxClip;
  const finalDir = join(spec.destination, spec.folderName);
  const partialDir = finalDir + EXPORT_PARTIAL_SUFFIX;
  const staging = join(deps.stagingDir, spec.exportId);
  // Stops a remux running ahead when the job fails for another reason.
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });

  const staged = (name: string) => join(staging, basename(name));
  const videos: VideoTask[] = [];
  spec.cameras.forEach((camera, i) => {
    if (camera.plan.contentStartMs === null || camera.plan.segments.length === 0) return;
    const name = `${VIDEO_DIR}/${cameraFileName(i, camera.name, camera.plan.contentStartMs)}`;
    videos.push({ camera, name, staged: staged(name) });
  });

  // Videos, snapshots, player, manifest, two reports, SHA256SUMS.
  const meter = new ProgressMeter(videos.length + spec.snapshots.length + 5, onProgress, deps.now);
  let created = false;
  let renamed = false;
  let ahead: Promise<PreparedVideo> | null = null;
  try {
    for (const s of spec.snapshots) checkRelativeName(s.name);
    throwIfAborted(signal);
    // At most: each recorded byte remuxed, written and read back; each snapshot byte written and read.
    for (const v of videos) meter.addTotal(3 * v.camera.plan.sourceBytes);
    for (const s of spec.snapshots) meter.addTotal(2 * (await sourceSize(s.path)));
    meter.at('preparing', null);
    await fs.mkdir(partialDir);
    created = true;

    const files: ExportFile[] = [];
    const track = (name: string, phase: 'video' | 'files') => {
      meter.at(phase, name);
      return (bytes: number, stage: CopyStage) => {
        meter.at(stage === 'verify' ? 'verifying' : phase, name);
        meter.advance(bytes);
      };
    };

    const results = new Map<VideoTask, VideoFacts>();
    if (videos.length > 0) await fs.mkdir(join(partialDir, VIDEO_DIR));
    const startVideo = (v: VideoTask) => {
      const p = prepareVideo(v, deps, remux, staging, stop.signal, meter);
      // Awaited later; a failure meanwhile must not surface as an unhandled rejection.
      p.catch(() => undefined);
      return p;
    };
    ahead = videos[0] ? startVideo(videos[0]) : null;
    for (const [k, v] of videos.entries()) {
      meter.at('video', v.name);
      const prepared = await ahead!;
      // The next camera is prepared while this one is written to the stick.
      const next = videos[k + 1];
      ahead = next ? startVideo(next) : null;
      const target = {
        destDir: partialDir,
        name: v.name,
        signal,
        onBytes: track(v.name, 'video'),
        fs,
        // A video is big: its read-back runs on the other core while it is written.
        readBackAlongside: true,
      };
      let copied: VerifiedFile;
      if (prepared.method === 'fragments') {
        const { layout } = prepared;
        // No remux: the estimate's third pass is dropped; the file is written and read back.
        meter.correctTotal(2 * layout.bytes - 3 * v.camera.plan.sourceBytes);
        copied = await streamVerified({
          ...target,
          chunks: fragmentMp4Bytes(layout),
          source: v.camera.plan.segments[0]!.path,
        });
        const { codec, width, height, durationMs } = layout;
        results.set(v, { codec, width, height, durationMs, method: 'fragments' });
      } else {
        const { result } = prepared;
        // The estimate assumed the file as big as its sources: 2 × (write + read back).
        meter.correctTotal(2 * (result.bytes - v.camera.plan.sourceBytes));
        copied = await copyVerified({ ...target, src: v.staged });
        await rm(v.staged, { force: true });
        results.set(v, { ...result, method: 'remux' });
      }
      files.push({ ...exportFile(v.name, copied, 'video', v.camera.id), method: prepared.method });
      meter.fileDone();
    }

    for (const s of spec.snapshots) {
      await fs.mkdir(dirname(join(partialDir, s.name)), { recursive: true });
      const copied = await copyVerified({
        src: s.path,
        destDir: partialDir,
        name: s.name,
        signal,
        onBytes: track(s.name, 'files'),
        fs,
      });
      files.push(exportFile(s.name, copied, 'snapshot', s.cameraId));
      meter.fileDone();
    }

    const cameras = spec.cameras.map((c) => {
      const v = videos.find((t) => t.camera === c);
      return manifestCamera(c, v ? v.name : null, v ? results.get(v)! : null);
    });
    const writeDoc = async (name: string, data: Buffer, kind: ExportFile['kind']) => {
      throwIfAborted(signal);
      meter.addTotal(2 * data.length);
      const written = await writeVerified({
        destDir: partialDir,
        name,
        data,
        signal,
        onBytes: track(name, 'files'),
        fs,
      });
      meter.fileDone();
      const file = exportFile(name, written, kind, null);
      files.push(file);
      return file;
    };

    // The player lists the videos; the manifest then lists the player too.
    const draft = buildManifest(spec, cameras, files);
    await writeDoc(PLAYER_NAME, utf8(render(() => deps.renderers.playerHtml(draft))), 'player');
    const manifest = buildManifest(spec, cameras, files);
    const manifestFileEntry = await writeDoc(
      MANIFEST_NAME,
      utf8(`${JSON.stringify(manifest, null, 2)}\n`),
      'manifest',
    );
    const reportHtml = render(() => deps.renderers.reportHtml(manifest));
    await writeDoc(REPORT_HTML_NAME, utf8(reportHtml), 'report');
    throwIfAborted(signal);
    const reportPdf = await render(() => deps.renderers.reportPdf(manifest));
    await writeDoc(REPORT_PDF_NAME, reportPdf, 'report');

    const sumsData = utf8(sha256SumsText(files));
    meter.addTotal(2 * sumsData.length);
    const sums = await writeVerified({
      destDir: partialDir,
      name: SUMS_NAME,
      data: sumsData,
      signal,
      onBytes: track(SUMS_NAME, 'files'),
      fs,
    });
    meter.fileDone();

    meter.at('finishing', null);
    throwIfAborted(signal);
    await syncDir(fs, partialDir);
    if (await pathExists(fs, finalDir))
      throw new ExportFailure('internal', `${finalDir} appeared while exporting`);
    // Windows: Explorer or a scanner may still hold the folder or a file just written in it.
    await renameWithRetry(fs, partialDir, finalDir, signal);
    renamed = true;
    await syncDir(fs, spec.destination);

    return {
      folderPath: finalDir,
      files,
      bytes: files.reduce((sum, f) => sum + f.bytes, sums.bytes),
      manifestSha256: manifestFileEntry.sha256,
      sumsSha256: sums.sha256,
      manifest,
    };
  } catch (err) {
    stop.abort();
    await ahead?.catch(() => undefined);
    // Best effort: a pulled stick cannot be cleaned, and a `.partial` folder never looks complete.
    if (created) await fs.rm(partialDir, { recursive: true, force: true }).catch(() => undefined);
    if (renamed) await fs.rm(finalDir, { recursive: true, force: true }).catch(() => undefined);
    throw toExportError(err);
  } finally {
    signal.removeEventListener('abort', onAbort);
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function prepareVideo(
  v: VideoTask,
  deps: ExportJobDeps,
  remux: typeof remuxClip,
  staging: string,
  signal: AbortSignal,
  meter: ProgressMeter,
): Promise<PreparedVideo> {
  if (deps.copyFragments !== false) {
    // Any reason the fragments cannot be copied as they are (planned.fallback) leaves it to ffmpeg.
    const planned = await planFragmentMp4(v.camera.plan).catch((err: unknown) => ({
      fallback: String(err),
    }));
    throwIfAborted(signal);
    if ('layout' in planned) return { method: 'fragments', layout: planned.layout };
  }
  const result = await remuxVideo(v, deps.ffmpegPath, remux, staging, signal, meter);
  return { method: 'remux', result };
}

async function remuxVideo(
  v: VideoTask,
  ffmpegPath: string,
  remux: typeof remuxClip,
  staging: string,
  signal: AbortSignal,
  meter: ProgressMeter,
): Promise<RemuxResult> {
  const { plan } = v.camera;
  const spanMs = Math.max(1, (plan.contentEndMs ?? plan.toMs) - (plan.contentStartMs ?? 0));
  let reported = 0;
  const credit = (fraction: number) => {
    const upTo = Math.min(1, Math.max(0, fraction)) * plan.sourceBytes;
    if (upTo > reported) meter.advance(upTo - reported);
    reported = Math.max(reported, upTo);
  };
  try {
    const result = await remux({
      ffmpegPath,
      plan,
      workDir: staging,
      outPath: v.staged,
      signal,
      onProgress: (outMs) => credit(outMs / spanMs),
    });
    credit(1);
    return result;
  } catch (err) {
    if (err instanceof ExportFailure || isCancel(err)) throw err;
    // The staging disk, not the stick: what failed is making the video.
    throw new ExportFailure('remux_failed', String(err));
  }
}

function manifestCamera(
  c: ExportJobCamera,
  file: string | null,
  r: VideoFacts | null,
): ManifestCamera {
  const { plan } = c;
  const start = file && plan.contentStartMs !== null ? plan.contentStartMs : plan.fromMs;
  // The file's own length, as a player shows it; no footage: the whole range.
  const end = file && r ? start + r.durationMs : plan.toMs;
  return {
    id: c.id,
    name: c.name,
    location: c.location,
    file,
    codec: r?.codec ?? null,
    width: r?.width ?? null,
    height: r?.height ?? null,
    ...(r ? { method: r.method } : {}),
    start: manifestTime(start),
    end: manifestTime(end),
    missing: plan.missing.map((m) => ({
      start: manifestTime(m.startMs),
      end: manifestTime(m.endMs),
    })),
  };
}

/** The manifest lists the folder's media (videos, snapshots, player), not itself or the report. */
function buildManifest(
  spec: ExportJobSpec,
  cameras: ManifestCamera[],
  written: readonly ExportFile[],
): ExportManifest {
  const takenAt = new Map(spec.snapshots.map((s) => [s.name, s.takenAtMs]));
  const files = written.flatMap((f): ManifestFile[] => {
    if (f.kind !== 'video' && f.kind !== 'snapshot' && f.kind !== 'player') return [];
    const entry: ManifestFile = {
      name: f.name,
      bytes: f.bytes,
      sha256: f.sha256,
      kind: f.kind,
      cameraId: f.cameraId,
    };
    const taken = f.kind === 'snapshot' ? takenAt.get(f.name) : undefined;
    return [taken === undefined ? entry : { ...entry, takenAt: manifestTime(taken) }];
  });
  return { format: MANIFEST_FORMAT, ...spec.facts, cameras, files, verify: verifyInstructions() };
}

function exportFile(
  name: string,
  f: VerifiedFile,
  kind: ExportFile['kind'],
  cameraId: string | null,
): ExportFile {
  return { name, bytes: f.bytes, sha256: f.sha256, kind, cameraId };
}

/** A snapshot name must stay inside the folder and read the same on every file system. */
function checkRelativeName(name: string): void {
  const parts = name.split('/');
  const ok =
    /^[A-Za-z0-9._/-]+$/.test(name) && parts.every((p) => p !== '' && p !== '.' && p !== '..');
  if (!ok) throw new ExportFailure('internal', `unsafe file name in export: ${name}`);
}

async function sourceSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (err) {
    throw new ExportFailure('internal', `reading ${path}: ${String(err)}`);
  }
}

/** A renderer that throws is our bug, not the stick's: reported as internal. */
function render<T>(fn: () => T): T {
  try {
    const out = fn();
    if (out instanceof Promise)
      return out.catch((err: unknown) => {
        throw new ExportFailure('internal', `rendering: ${String(err)}`);
      }) as T;
    return out;
  } catch (err) {
    throw new ExportFailure('internal', `rendering: ${String(err)}`);
  }
}

function utf8(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}
