// Files a segment: measures it, moves it from the inbox to its final folder
// (or to quarantine when nothing in it plays) and writes its index row.
// Order matters for crash safety: rename first, insert second. A crash between
// the two leaves a file in its final folder that reconciliation indexes.
import { mkdir, rename, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { StreamKind } from '../../contract/schemas';
import { absPath, cameraDirName, quarantineDir, segmentRelPath } from '../storage/storage-layout';
import { scanFmp4, type Fmp4Scan } from './fmp4-scan';
import { keyframeIndexOf } from './keyframe-index';
import { MAX_RECORDING_MS, type RecordingIndex } from './recording-index';
import type { NewRecording, Recording, RecordingStatus, RootRef } from './recording-types';

export interface FileRequest {
  cameraId: string;
  stream: StreamKind;
  /** Root the file is filed into: the one whose inbox holds it (a rename never crosses volumes). */
  root: RootRef;
  /** Absolute path of the file to file (inbox or already in place). */
  file: string;
  runId: string;
  seq: number;
  /** Wall-clock start when known (from the segment list); null = derive from mtime − duration. */
  startMs: number | null;
  /** Listed end when known; the scanned media duration is used otherwise. */
  endMs: number | null;
  status: RecordingStatus;
  /** Footage before this time is already indexed for the camera (monotonic rule). */
  notBeforeMs: number | null;
}

export type FileOutcome =
  | { kind: 'indexed'; recording: Recording; clockAdjustedMs: number }
  | { kind: 'quarantined'; to: string; reason: 'no_playable_fragment' };

/** Starts earlier than the previous end by up to this are jitter, clamped; more is a clock step. */
export const CLOCK_JITTER_MS = 2000;

/**
 * 'complete' = the muxer closed the file (its trailer is there), even when ffmpeg
 * died before listing it; 'recovered' = torn, indexed up to its last whole fragment.
 */
function fileStatus(requested: RecordingStatus, scan: Fmp4Scan): RecordingStatus {
  const whole = scan.closedCleanly && scan.completeBytes === scan.fileBytes;
  if (whole) return 'complete';
  return requested === 'complete' ? 'recovered' : requested;
}

export class SegmentFiler {
  constructor(
    private readonly index: RecordingIndex,
    private readonly now: () => number,
  ) {}

  async file(req: FileRequest): Promise<FileOutcome> {
    const scan = await scanFmp4(req.file);
    if (!scan.hasInit || scan.fragmentCount === 0 || scan.durationMs <= 0) {
      return {
        kind: 'quarantined',
        to: await this.quarantine(req.root.path, req.cameraId, req.file),
        reason: 'no_playable_fragment',
      };
    }
    const { startMs, endMs, clockAdjustedMs } = await this.times(req, scan);
    const rel = segmentRelPath(req.cameraId, req.stream, startMs, req.runId, req.seq);
    const dest = absPath(req.root.path, rel);
    if (req.file !== dest) {
      await mkdir(dirname(dest), { recursive: true });
      await rename(req.file, dest);
    }
    const recording = await this.insertOnce(rel, {
      cameraId: req.cameraId,
      stream: req.stream,
      startMs,
      endMs,
      // The whole file, torn tail included: it is what occupies the disk.
      bytes: scan.fileBytes,
      path: rel,
      status: fileStatus(req.status, scan),
      codec: scan.codec,
      rootId: req.root.id,
      runId: req.runId,
      seq: req.seq,
      secondBytes: scan.secondBytes,
      keyframes: keyframeIndexOf(scan),
    });
    return { kind: 'indexed', recording, clockAdjustedMs };
  }

  /**
   * Inserts the row unless the path is already indexed: reconciliation walking the
   * folders may have found the file between our rename and our insert.
   */
  private async insertOnce(rel: string, rec: NewRecording): Promise<Recording> {
    try {
      return await this.index.insertRecording(rec, this.now());
    } catch (err) {
      const existing = /UNIQUE/.test(String(err))
        ? await this.index.recordingByPath(rel)
        : undefined;
      if (existing) return existing;
      throw err;
    }
  }

  /** Indexes a file already in its final folder (reconciliation), keeping its path. */
  async indexInPlace(
    root: RootRef,
    cameraId: string,
    stream: StreamKind,
    relPath: string,
    startMs: number,
    runId: string,
    seq: number,
  ): Promise<Recording | null> {
    const file = absPath(root.path, relPath);
    const scan = await scanFmp4(file);
    if (!scan.hasInit || scan.fragmentCount === 0 || scan.durationMs <= 0) return null;
    return this.index.insertRecording(
      {
        cameraId,
        stream,
        startMs,
        endMs: startMs + Math.min(scan.durationMs, MAX_RECORDING_MS),
        bytes: scan.fileBytes,
        path: relPath,
        status: fileStatus('complete', scan),
        codec: scan.codec,
        rootId: root.id,
        runId,
        seq,
        secondBytes: scan.secondBytes,
        keyframes: keyframeIndexOf(scan),
      },
      this.now(),
    );
  }

  /** A 'missing' row whose file is back (a disk plugged in again) becomes live again. */
  async restore(root: RootRef, rec: Recording): Promise<boolean> {
    const scan = await scanFmp4(absPath(root.path, rec.path)).catch(() => null);
    if (!scan?.hasInit || scan.fragmentCount === 0) return false;
    await this.index.setStatus(rec.id, fileStatus('complete', scan));
    const keyframes = keyframeIndexOf(scan);
    if (keyframes) await this.index.setKeyframeIndex(rec.id, keyframes);
    return true;
  }

  /** Moves a file into <root>/.quarantine/<camera>/ of its own root, never deleting it. */
  async quarantine(rootPath: string, cameraId: string, file: string): Promise<string> {
    const dir = join(quarantineDir(rootPath), cameraDirName(cameraId));
    await mkdir(dir, { recursive: true });
    let dest = join(dir, basename(file));
    for (let i = 1; i < 1000; i++) {
      try {
        await stat(dest);
        dest = join(dir, `${i}-${basename(file)}`);
      } catch {
        break;
      }
    }
    await rename(file, dest);
    return dest;
  }

  /**
   * The clock rule (docs/design/recording.md): durations come from the media, the start
   * from the wall clock. A start slightly before the previous end (anchor jitter)
   * is clamped to it; a larger backwards jump is a clock step and the footage
   * keeps the times the clock gave it — the index then holds overlapping rows
   * ordered by id, nothing is renamed or overwritten.
   */
  private async times(
    req: FileRequest,
    scan: Fmp4Scan,
  ): Promise<{ startMs: number; endMs: number; clockAdjustedMs: number }> {
    const durationMs = Math.min(
      req.startMs !== null && req.endMs !== null && req.endMs > req.startMs
        ? req.endMs - req.startMs
        : scan.durationMs,
      MAX_RECORDING_MS,
    );
    let startMs = req.startMs;
    if (startMs === null) {
      const mtime = (await stat(req.file)).mtimeMs;
      startMs = Math.round(mtime) - scan.durationMs;
    }
    const clamped = clampedStart(startMs, req.notBeforeMs);
    return { startMs: clamped, endMs: clamped + durationMs, clockAdjustedMs: clamped - startMs };
  }
}

/** A start up to CLOCK_JITTER_MS before the previous end is anchor jitter: clamped to it. */
export function clampedStart(startMs: number, notBeforeMs: number | null): number {
  if (notBeforeMs !== null && startMs < notBeforeMs && notBeforeMs - startMs <= CLOCK_JITTER_MS) {
    return notBeforeMs;
  }
  return startMs;
}
