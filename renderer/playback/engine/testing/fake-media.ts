// A Media Source stand-in for unit tests of SegmentPlayer under Node: a
// SourceBuffer that keeps real buffered ranges (append adds the segment's span at
// its timestampOffset, remove cuts them), and a <video> whose currentTime the test
// moves like a playing element. What the player does with them — what it fetches,
// appends, evicts and forgets — is the code under test; decoding is not.

export class FakeTimeRanges {
  constructor(private readonly r: [number, number][]) {}
  get length(): number {
    return this.r.length;
  }
  start(i: number): number {
    return this.r[i]![0];
  }
  end(i: number): number {
    return this.r[i]![1];
  }
}

export interface AppendRecord {
  startSec: number;
  endSec: number;
  /** The element's currentTime when the append was made. */
  atSec: number;
}

export type SpanOf = (offset: number, bytes: Uint8Array) => number | [number, number];

export class FakeSourceBuffer extends EventTarget {
  mode = 'segments';
  timestampOffset = 0;
  updating = false;
  ranges: [number, number][] = [];
  readonly appends: AppendRecord[] = [];

  constructor(
    /**
     * Media seconds appended for bytes put at `offset` (the test knows its segments): a
     * length from `offset`, or [start, end] after it (fragments from the middle of a file).
     */
    private readonly spanOf: SpanOf,
    private readonly video: FakeVideo,
  ) {
    super();
  }

  get buffered(): FakeTimeRanges {
    return new FakeTimeRanges(this.ranges.map((r) => [r[0], r[1]]));
  }

  appendBuffer(data: Uint8Array): void {
    const span = this.spanOf(this.timestampOffset, data);
    const [from, to] = typeof span === 'number' ? [0, span] : span;
    const start = this.timestampOffset + from;
    const end = this.timestampOffset + to;
    this.appends.push({ startSec: start, endSec: end, atSec: this.video.currentTime });
    this.later(() => {
      this.ranges = union(this.ranges, [start, end]);
    });
  }

  remove(a: number, b: number): void {
    this.later(() => {
      this.ranges = this.ranges.flatMap(([s, e]): [number, number][] => {
        if (e <= a || s >= b) return [[s, e]];
        const out: [number, number][] = [];
        if (s < a) out.push([s, a]);
        if (e > b) out.push([b, e]);
        return out;
      });
    });
  }

  changeType(): void {}
  abort(): void {}

  private later(apply: () => void): void {
    this.updating = true;
    setTimeout(() => {
      apply();
      this.updating = false;
      this.dispatchEvent(new Event('updateend'));
    }, 0);
  }
}

export class FakeMediaSource extends EventTarget {
  static isTypeSupported(): boolean {
    return true;
  }
  static last: FakeMediaSource | null = null;
  static spanOf: SpanOf = () => 0;
  static video: FakeVideo | null = null;
  readyState = 'open';
  duration = 0;
  sb: FakeSourceBuffer | null = null;

  constructor() {
    super();
    FakeMediaSource.last = this;
    setTimeout(() => this.dispatchEvent(new Event('sourceopen')), 0);
  }

  addSourceBuffer(): FakeSourceBuffer {
    this.sb = new FakeSourceBuffer(FakeMediaSource.spanOf, FakeMediaSource.video!);
    this.sb.addEventListener('updateend', () => {
      if (FakeMediaSource.video) FakeMediaSource.video.buffered = this.sb!.buffered;
    });
    return this.sb;
  }

  removeSourceBuffer(): void {}
}

export class FakeVideo {
  currentTime = 0;
  paused = true;
  playbackRate = 1;
  readyState = 4;
  seeking = false;
  muted = false;
  playsInline = false;
  disablePictureInPicture = false;
  preload = '';
  src = '';
  buffered = new FakeTimeRanges([]);
  /** How many times play() was called after a pause (a stall shows as pause + play). */
  pauses = 0;

  play(): Promise<void> {
    this.paused = false;
    return Promise.resolve();
  }
  pause(): void {
    if (!this.paused) this.pauses++;
    this.paused = true;
  }
  requestVideoFrameCallback(
    cb: (now: number, meta: { mediaTime: number; expectedDisplayTime: number }) => void,
  ): number {
    const t = setTimeout(() => cb(0, { mediaTime: this.currentTime, expectedDisplayTime: 0 }), 5);
    return Number(t);
  }
  cancelVideoFrameCallback(): void {}
  removeAttribute(): void {}
  load(): void {}
  getVideoPlaybackQuality(): { totalVideoFrames: number; droppedVideoFrames: number } {
    return { totalVideoFrames: 0, droppedVideoFrames: 0 };
  }
}

function union(ranges: [number, number][], add: [number, number]): [number, number][] {
  const all = [...ranges, add].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const r of all) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1e-6) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** Installs the stand-ins as the globals the player uses; returns the undo. */
export function installFakeMedia(video: FakeVideo, spanOf: typeof FakeMediaSource.spanOf) {
  const g = globalThis as Record<string, unknown>;
  const saved = {
    MediaSource: g.MediaSource,
    HTMLMediaElement: g.HTMLMediaElement,
    create: URL.createObjectURL,
    revoke: URL.revokeObjectURL,
  };
  FakeMediaSource.video = video;
  FakeMediaSource.spanOf = spanOf;
  g.MediaSource = FakeMediaSource;
  g.HTMLMediaElement = { HAVE_CURRENT_DATA: 2, HAVE_FUTURE_DATA: 3 };
  URL.createObjectURL = () => 'blob:fake';
  URL.revokeObjectURL = () => undefined;
  return () => {
    g.MediaSource = saved.MediaSource;
    g.HTMLMediaElement = saved.HTMLMediaElement;
    URL.createObjectURL = saved.create;
    URL.revokeObjectURL = saved.revoke;
    FakeMediaSource.video = null;
  };
}
