// Writes index rows the way the recorder files them (through RecordingIndex), so
// the playback queries are tested on rows shaped exactly like production's.
import type { Database } from '../../db/database';
import { RecordingIndex } from '../recording-index';
import type { Recording, RecordingStatus } from '../recording-types';

export interface SegmentRow {
  cameraId: string;
  startMs: number;
  endMs: number;
  bytes?: number;
  status?: RecordingStatus;
  /** Per-second byte counts; default: bytes spread evenly over the seconds. */
  secondBytes?: number[];
}

export class FootageIndexRows {
  private readonly index: RecordingIndex;
  private rootId: number | null = null;
  private seq = 0;

  constructor(
    db: Database,
    private readonly rootPath = '/srv/footage',
  ) {
    this.index = new RecordingIndex(db);
  }

  async segment(row: SegmentRow): Promise<Recording> {
    this.rootId ??= await this.index.ensureRoot(this.rootPath, 0);
    const seconds = Math.max(1, Math.ceil((row.endMs - row.startMs) / 1000));
    const bytes = row.bytes ?? 64_000 * seconds;
    this.seq += 1;
    return this.index.insertRecording(
      {
        cameraId: row.cameraId,
        stream: 'main',
        startMs: row.startMs,
        endMs: row.endMs,
        bytes,
        path: `${row.cameraId}/${this.seq}.mp4`,
        status: row.status ?? 'complete',
        codec: 'avc1.640028',
        rootId: this.rootId,
        runId: 'run-test',
        seq: this.seq,
        secondBytes: row.secondBytes ?? new Array<number>(seconds).fill(bytes / seconds),
      },
      0,
    );
  }

  async closedGap(cameraId: string, startMs: number, endMs: number): Promise<number> {
    return (await this.index.addClosedGap(cameraId, 'main', startMs, endMs, 'camera_offline')).id;
  }

  async openGap(cameraId: string, startMs: number): Promise<number> {
    return (await this.index.openGap(cameraId, 'main', startMs, 'camera_offline', 'timeout')).id;
  }
}
