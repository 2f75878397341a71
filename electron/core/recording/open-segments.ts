// The footage not indexed yet, readable while it is written: each camera's segment
// being written (up to its last complete fragment) and the segments ffmpeg has closed
// that are still being filed. Both are listed under open ids (open-segment-ids.ts);
// once filed, an open id resolves to its row's file. See docs/design/recording.md,
// "Open segment".
import type { StreamKind } from '../../contract/schemas';
import { scanFmp4 } from './fmp4-scan';
import { OpenSegmentIds, isOpenSegmentId } from './open-segment-ids';
import { clampedStart } from './segment-filer';
import type { ClosedSegment, SegmentRecorder } from './segment-recorder';

/** The segment being written, up to its last complete fragment (docs/design/recording.md, "Open segment"). */
export interface OpenSegment {
  /** An id of its own (open-segment-ids.ts) until it is filed and indexed. */
  id: number;
  cameraId: string;
  stream: StreamKind;
  startMs: number;
  /** Start + the media of its complete fragments: advances as ffmpeg flushes them (≤ 1 s apart). */
  endMs: number;
  /** Bytes up to the end of its last complete fragment: what may be read of it. */
  bytes: number;
  codec: string | null;
  /** Absolute path of the inbox file being written. */
  file: string;
}

/** What the open-segment reads see of one camera's recording. */
export interface CameraWriting {
  recorder: Pick<SegmentRecorder, 'stream' | 'openSegment'> | null;
  /** End of the footage indexed before it: the filer clamps a segment's start to it. */
  coveredUntil: number | null;
  /** Closed by ffmpeg, not indexed yet. */
  filing: readonly ClosedSegment[];
}

export interface OpenSegmentsDeps {
  camera: (cameraId: string) => CameraWriting | undefined;
  /** Absolute path of an indexed recording's file (null: not playable or its root is gone). */
  recordingFile: (recordingId: number) => Promise<string | null>;
}

export class OpenSegments {
  private readonly ids = new OpenSegmentIds();

  constructor(private readonly deps: OpenSegmentsDeps) {}

  /** A segment was filed as `recordingId`: its open id, if one was handed out, now names the row. */
  filed(runId: string, seq: number, recordingId: number): void {
    this.ids.closed(runId, seq, recordingId);
  }

  /**
   * The camera's segment being written, measured now up to its last complete fragment;
   * null when none is being written or it has no complete fragment yet.
   */
  async openSegment(cameraId: string): Promise<OpenSegment | null> {
    const cam = this.deps.camera(cameraId);
    const recorder = cam?.recorder;
    const open = recorder?.openSegment();
    if (!cam || !recorder || !open) return null;
    const scan = await scanFmp4(open.file).catch(() => null);
    if (!scan?.hasInit || scan.fragmentCount === 0) return null;
    // The start the filer will give it: the same clamp against the footage before it.
    const startMs = clampedStart(open.startMs, cam.coveredUntil);
    return {
      id: this.ids.idFor({ cameraId, runId: open.runId, seq: open.seq }),
      cameraId,
      stream: recorder.stream,
      startMs,
      endMs: startMs + scan.durationMs,
      bytes: scan.completeBytes,
      codec: scan.codec,
      file: open.file,
    };
  }

  /**
   * Segments ffmpeg has closed that are not indexed yet (filing takes a moment, longer on
   * a loaded disk): listed under their open ids, so a listing in that moment does not lose
   * a minute of footage. One whose file has been moved meanwhile is indexed by now.
   */
  async filingSegments(cameraId: string): Promise<OpenSegment[]> {
    const cam = this.deps.camera(cameraId);
    if (!cam?.recorder) return [];
    const out: OpenSegment[] = [];
    for (const seg of cam.filing) {
      const scan = await scanFmp4(seg.file).catch(() => null);
      if (!scan?.hasInit || scan.fragmentCount === 0) continue;
      const startMs = clampedStart(seg.startMs, cam.coveredUntil);
      out.push({
        id: this.ids.idFor({ cameraId, runId: seg.runId, seq: seg.seq }),
        cameraId,
        stream: seg.stream,
        startMs,
        endMs: Math.max(startMs, seg.endMs),
        bytes: scan.completeBytes,
        codec: scan.codec,
        file: seg.file,
      });
    }
    return out;
  }

  /**
   * The file of an open segment's id and how much of it may be read: up to its last
   * complete fragment while it is written; all of it once it has been filed (then it is
   * the indexed row's file). Null for an id that is not an open segment's.
   */
  async openSegmentFile(id: number): Promise<{ path: string; bytes: number | null } | null> {
    if (!isOpenSegmentId(id)) return null;
    const filedAs = this.ids.recordingOf(id);
    if (filedAs !== undefined) {
      const path = await this.deps.recordingFile(filedAs);
      return path ? { path, bytes: null } : null;
    }
    const ref = this.ids.ref(id);
    const open = ref ? await this.openSegment(ref.cameraId) : null;
    if (open?.id === id) return { path: open.file, bytes: open.bytes };
    const filing = ref ? (await this.filingSegments(ref.cameraId)).find((f) => f.id === id) : null;
    if (filing) return { path: filing.file, bytes: filing.bytes };
    // Filed between the two looks: the row's file.
    const filedNow = this.ids.recordingOf(id);
    const path = filedNow === undefined ? null : await this.deps.recordingFile(filedNow);
    return path ? { path, bytes: null } : null;
  }

  /** The id a filed recording had while it was open and growing (if anyone asked for it). */
  openIdOf(recordingId: number): number | undefined {
    return this.ids.openIdOf(recordingId);
  }
}
