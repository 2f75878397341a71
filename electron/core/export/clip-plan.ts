// Which recorded segments one camera's export reads, what is missing in the
// range, and the ffconcat list that stitches them back onto the wall clock.
// Pure: index rows come in, a plan and the text of a list file come out.

/** One recorded segment (an index row) with its absolute path. */
export interface SourceSegment {
  id: number;
  /** Wall-clock time of its first frame. */
  startMs: number;
  endMs: number;
  bytes: number;
  path: string;
  /** The index's codec string (e.g. avc1.64001f), when known. */
  codec?: string | null;
  /**
   * Set for the segment still being recorded: only this many bytes of the file are
   * complete fragments (its end is theirs). Export stages that prefix before reading it.
   */
  openBytes?: number;
}

export interface ClipPlan {
  fromMs: number;
  toMs: number;
  /** Segments overlapping [fromMs, toMs), ordered by startMs. */
  segments: SourceSegment[];
  /** Bytes of those segments (what the remux reads). */
  sourceBytes: number;
  /** Recorded time inside the range (the range less `missing`). */
  recordedMs: number;
  /** Parts of the range with no footage. */
  missing: { startMs: number; endMs: number }[];
  /** First instant with footage (≥ fromMs); null when there is none. */
  contentStartMs: number | null;
  contentEndMs: number | null;
}

/**
 * A hole between two segments shorter than this is recorder jitter (a segment
 * closed, the next opened), not missing footage.
 */
export const CONTINUOUS_GAP_MS = 2000;

export function planClip(
  segments: readonly SourceSegment[],
  fromMs: number,
  toMs: number,
): ClipPlan {
  const overlapping = segments
    .filter((s) => s.endMs > fromMs && s.startMs < toMs && s.endMs > s.startMs)
    .sort((a, b) => a.startMs - b.startMs || b.endMs - a.endMs);
  // A segment wholly inside an earlier one (a re-indexed or duplicated file) adds nothing.
  const kept: SourceSegment[] = [];
  for (const s of overlapping) {
    const last = kept[kept.length - 1];
    if (!last || s.endMs > last.endMs) kept.push(s);
  }

  // The first file must be the one that holds fromMs: a later one starting before it supersedes it.
  while (kept.length > 1 && kept[1]!.startMs <= fromMs) kept.shift();

  const missing: { startMs: number; endMs: number }[] = [];
  let cursor = fromMs;
  for (const [i, s] of kept.entries()) {
    const start = Math.max(s.startMs, fromMs);
    const hole = start - cursor;
    if (hole > 0 && (i === 0 || hole >= CONTINUOUS_GAP_MS))
      missing.push({ startMs: cursor, endMs: start });
    cursor = Math.max(cursor, Math.min(s.endMs, toMs));
  }
  if (cursor < toMs) missing.push({ startMs: cursor, endMs: toMs });

  const first = kept[0];
  const last = kept[kept.length - 1];
  return {
    fromMs,
    toMs,
    segments: kept,
    sourceBytes: kept.reduce((sum, s) => sum + s.bytes, 0),
    recordedMs: toMs - fromMs - missing.reduce((sum, m) => sum + m.endMs - m.startMs, 0),
    missing,
    contentStartMs: first ? Math.max(first.startMs, fromMs) : null,
    contentEndMs: last ? Math.min(last.endMs, toMs) : null,
  };
}

/**
 * The concat demuxer's list for a plan. Every file gets a `duration` equal to
 * the wall-clock time until the next file starts, so footage after a gap keeps
 * its offset (the player holds the last frame across the gap). The first file
 * starts at `inpoint` (packets before it still decode the first picture but
 * are not shown: the mp4 muxer writes an edit list); a file that runs into the
 * next one, and the last file, stop at `outpoint`. Times are in the file's own
 * timeline, which starts at 0 (the recorder resets timestamps per segment).
 */
export function ffconcatText(plan: ClipPlan): string {
  if (plan.contentStartMs === null || plan.contentEndMs === null)
    throw new Error('ffconcatText: the plan has no footage');
  const lines = ['ffconcat version 1.0'];
  const { segments } = plan;
  for (const [i, s] of segments.entries()) {
    const next = segments[i + 1];
    const from = i === 0 ? plan.contentStartMs : s.startMs;
    const until = next ? next.startMs : plan.contentEndMs;
    lines.push(`file ${quoteConcatPath(s.path)}`);
    if (from > s.startMs) lines.push(`inpoint ${seconds(from - s.startMs)}`);
    if (until < s.endMs) lines.push(`outpoint ${seconds(until - s.startMs)}`);
    lines.push(`duration ${seconds(until - from)}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * ffconcat reads a token with av_get_token: inside single quotes everything is
 * literal, so a `'` closes the quote, is written escaped, and reopens it.
 * A line break cannot be written at all (the list is read line by line).
 */
export function quoteConcatPath(path: string): string {
  if (/[\r\n]/.test(path))
    throw new Error(`ffconcat cannot list a path with a line break: ${path}`);
  return `'${path.replace(/'/g, "'\\''")}'`;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
