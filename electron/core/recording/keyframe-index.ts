// A segment's keyframe index: where each fragment that starts with a keyframe
// begins in the file, and when. Playback streams the init segment plus the file
// from the keyframe at or before a seek target instead of the whole segment.
// Stored per recording in recording_keyframes as varint deltas: a 60 s segment
// with a 1 s GOP costs about 250 bytes, with a 4 s GOP about 70.

/** A fragment whose first sample is a keyframe. */
export interface Keyframe {
  /**
   * Presentation time of the keyframe in ms after the first fragment's decode time
   * (its tfdt), rounded up: the media timeline playback maps onto the segment's start.
   */
  ms: number;
  /** Byte offset of the fragment's moof in the file. */
  offset: number;
}

export interface KeyframeIndex {
  /** Bytes of the init segment (ftyp + moov): file[0, initEnd) starts any stream. */
  initEnd: number;
  /** In file order; ms and offset both increasing. */
  keyframes: Keyframe[];
}

/** What a scan knows that the index needs (an Fmp4Scan has these fields). */
export interface KeyframeSource {
  hasInit: boolean;
  initEnd: number;
  keyframes: Keyframe[];
}

/**
 * The index a scan supports, or null when there is nothing to seek by: no init,
 * no keyframe, or sync flags the scan found untrustworthy (it then lists none).
 */
export function keyframeIndexOf(scan: KeyframeSource): KeyframeIndex | null {
  if (!scan.hasInit || scan.initEnd <= 0 || scan.keyframes.length === 0) return null;
  if (!isOrdered(scan.initEnd, scan.keyframes)) return null;
  return { initEnd: scan.initEnd, keyframes: scan.keyframes };
}

/**
 * The keyframe at or before `atMs` (ms after the segment's start), or null when there is
 * none: a target before the first keyframe (B-frame streams list it a frame or two after
 * 0) plays from the start of the file, as without an index.
 */
export function keyframeAtOrBefore(index: KeyframeIndex, atMs: number): Keyframe | null {
  const kfs = index.keyframes;
  let lo = 0;
  let hi = kfs.length - 1;
  let found: Keyframe | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const kf = kfs[mid]!;
    if (kf.ms <= atMs) {
      found = kf;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

function isOrdered(initEnd: number, keyframes: readonly Keyframe[]): boolean {
  let ms = 0;
  let offset = initEnd - 1;
  for (const kf of keyframes) {
    if (!Number.isSafeInteger(kf.ms) || !Number.isSafeInteger(kf.offset)) return false;
    if (kf.ms < ms || kf.offset <= offset) return false;
    ms = kf.ms;
    offset = kf.offset;
  }
  return true;
}

// Unsigned LEB128 with arithmetic, not bit operations: offsets can pass 2^31.
function pushVarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) + 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

/** Entries blob: count, then (Δms, Δoffset) per keyframe, the first relative to (0, initEnd). */
export function encodeKeyframes(index: KeyframeIndex): Buffer {
  if (!isOrdered(index.initEnd, index.keyframes)) {
    throw new Error('keyframe index out of order');
  }
  const out: number[] = [];
  pushVarint(out, index.keyframes.length);
  let ms = 0;
  let offset = index.initEnd;
  for (const kf of index.keyframes) {
    pushVarint(out, kf.ms - ms);
    pushVarint(out, kf.offset - offset);
    ms = kf.ms;
    offset = kf.offset;
  }
  return Buffer.from(out);
}

/** Reverses encodeKeyframes; throws on a truncated or trailing blob rather than guess. */
export function decodeKeyframes(initEnd: number, entries: Uint8Array): KeyframeIndex {
  let at = 0;
  const next = (): number => {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      if (at >= entries.length) throw new Error('keyframe index truncated');
      const byte = entries[at++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
    throw new Error('keyframe index varint too long');
  };
  const count = next();
  // Each entry takes at least 2 bytes: a count beyond that is a corrupt blob.
  if (count * 2 > entries.length - at) throw new Error('keyframe index truncated');
  const keyframes: Keyframe[] = [];
  let ms = 0;
  let offset = initEnd;
  for (let i = 0; i < count; i++) {
    ms += next();
    offset += next();
    keyframes.push({ ms, offset });
  }
  if (at !== entries.length) throw new Error('keyframe index has trailing bytes');
  return { initEnd, keyframes };
}
