// Ids for the segments being written (open, growing): playback asks for them by
// id like any indexed segment, but they have no index row until they close. They
// get ids from a range SQLite's AUTOINCREMENT never reaches here (2^52 up, still
// exact in a JS number and within the media route's 16 digits), one per
// (run, seq). When the segment is filed, its id is remembered with the row's, so
// a player that was appending the open file carries on with the row's bytes.

/** First id handed to an open segment. */
export const OPEN_SEGMENT_ID_BASE = 2 ** 52;
/** Closed open segments remembered (a few minutes of every camera of a station). */
const REMEMBER_CLOSED = 4096;

export interface OpenSegmentRef {
  cameraId: string;
  runId: string;
  seq: number;
}

export function isOpenSegmentId(id: number): boolean {
  return id >= OPEN_SEGMENT_ID_BASE;
}

export class OpenSegmentIds {
  private next = OPEN_SEGMENT_ID_BASE;
  private readonly byKey = new Map<string, number>();
  private readonly refs = new Map<number, OpenSegmentRef>();
  /** open id → recording id, and the reverse, once filed. */
  private readonly filed = new Map<number, number>();
  private readonly openIdOfRow = new Map<number, number>();

  idFor(ref: OpenSegmentRef): number {
    const key = `${ref.runId}-${ref.seq}`;
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.next++;
      this.byKey.set(key, id);
      this.refs.set(id, ref);
    }
    return id;
  }

  ref(id: number): OpenSegmentRef | undefined {
    return this.refs.get(id);
  }

  /** The segment (runId, seq) was filed as row `recordingId`. */
  closed(runId: string, seq: number, recordingId: number): void {
    const id = this.byKey.get(`${runId}-${seq}`);
    if (id === undefined) return; // nobody asked for it while it was open
    this.filed.set(id, recordingId);
    this.openIdOfRow.set(recordingId, id);
    this.byKey.delete(`${runId}-${seq}`);
    this.refs.delete(id);
    // Maps keep insertion order: the oldest filed entries go first.
    while (this.filed.size > REMEMBER_CLOSED) {
      const [oldId, oldRow] = this.filed.entries().next().value as [number, number];
      this.filed.delete(oldId);
      this.openIdOfRow.delete(oldRow);
    }
  }

  /** The row an open segment became, once filed. */
  recordingOf(id: number): number | undefined {
    return this.filed.get(id);
  }

  /** The id a filed row had while it was open, if a player may have asked for it. */
  openIdOf(recordingId: number): number | undefined {
    return this.openIdOfRow.get(recordingId);
  }
}
