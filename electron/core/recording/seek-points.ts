// Where a ranged seek reply starts: the keyframe at or before the asked time, from
// the segment's keyframe index (written when it was filed), or from a scan of the
// file for a segment still being written or a row filed without an index. Scans
// and lookups are kept in a small LRU: a seek's neighbours (scrubbing, the next
// click) ask for the same segments again. The composer hands `find` to playback's
// recording route (playback/recording-routes.ts), which serves the bytes.
import { open } from 'node:fs/promises';
import { scanFmp4 } from './fmp4-scan';
import {
  keyframeAtOrBefore,
  keyframeIndexOf,
  type Keyframe,
  type KeyframeIndex,
} from './keyframe-index';

export interface SeekPoint {
  /** file[0, initEnd) is the init segment. */
  initEnd: number;
  keyframe: Keyframe;
  /** The file's first fragment's decode time (tfdt), in the track's timescale. */
  firstDecodeTime: number;
}

interface SeekMap {
  index: KeyframeIndex;
  firstDecodeTime: number;
}

/** Segments whose seek map is kept: a few hours of one camera, or minutes of sixteen. */
const CACHED_SEGMENTS = 256;

export class SeekPoints {
  private readonly cache = new Map<string, SeekMap | null>();

  constructor(
    /** The index stored when the segment was filed; null when it has none. */
    private readonly stored: (id: number) => Promise<KeyframeIndex | null>,
  ) {}

  /**
   * The keyframe at or before `atMs` (ms after the file's first fragment) in the first
   * `size` bytes of `path`; null when the file has no trustworthy keyframe there (the
   * whole file is served then).
   */
  async find(
    id: number,
    { path, size, growing }: { path: string; size: number; growing: boolean },
    atMs: number,
  ): Promise<SeekPoint | null> {
    const map = await this.mapOf(id, path, size, growing);
    if (!map) return null;
    // Before the first keyframe's picture (B-frames put it a few frames after the first
    // decode time) there is nothing to show but from that keyframe.
    const keyframe = keyframeAtOrBefore(map.index, atMs) ?? map.index.keyframes[0];
    // A keyframe past the bytes served (a file cut shorter since it was indexed) is no start.
    if (!keyframe || keyframe.offset >= size) return null;
    return { initEnd: map.index.initEnd, keyframe, firstDecodeTime: map.firstDecodeTime };
  }

  private async mapOf(
    id: number,
    path: string,
    size: number,
    growing: boolean,
  ): Promise<SeekMap | null> {
    // A growing file's size changes with every fragment: its key does too.
    const key = `${id}\n${path}\n${size}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) {
      this.cache.delete(key);
      this.cache.set(key, hit); // most recent last
      return hit;
    }
    const index = (growing ? null : await this.stored(id)) ?? (await scannedIndex(path, size));
    const map = index ? await withFirstDecode(index, path) : null;
    this.cache.set(key, map);
    if (this.cache.size > CACHED_SEGMENTS) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return map;
  }
}

async function scannedIndex(path: string, size: number): Promise<KeyframeIndex | null> {
  const index = keyframeIndexOf(await scanFmp4(path));
  if (!index) return null;
  // Only fragments complete within the bytes served count.
  const keyframes = index.keyframes.filter((k) => k.offset < size);
  return keyframes.length > 0 ? { initEnd: index.initEnd, keyframes } : null;
}

async function withFirstDecode(index: KeyframeIndex, path: string): Promise<SeekMap | null> {
  const firstDecodeTime = await firstFragmentDecodeTime(path, index.initEnd);
  return firstDecodeTime === null ? null : { index, firstDecodeTime };
}

/** Largest first moof read (ours are a few hundred bytes: one trun entry per frame). */
const MAX_MOOF_BYTES = 1 << 20;

/** The tfdt of the moof that starts at `at` (the first fragment after the init segment). */
export async function firstFragmentDecodeTime(path: string, at: number): Promise<number | null> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(8);
    if ((await fh.read(head, 0, 8, at)).bytesRead < 8) return null;
    const size = head.readUInt32BE(0);
    if (head.toString('latin1', 4, 8) !== 'moof' || size < 8 || size > MAX_MOOF_BYTES) return null;
    const moof = Buffer.alloc(size - 8);
    if ((await fh.read(moof, 0, moof.length, at + 8)).bytesRead < moof.length) return null;
    const traf = childBox(moof, 0, moof.length, 'traf');
    const tfdt = traf ? childBox(moof, traf.start, traf.end, 'tfdt') : null;
    if (!tfdt || tfdt.end - tfdt.start < 8) return null;
    return moof.readUInt8(tfdt.start) === 1
      ? Number(moof.readBigUInt64BE(tfdt.start + 4))
      : moof.readUInt32BE(tfdt.start + 4);
  } finally {
    await fh.close();
  }
}

/** The payload of the first child box of `type` in buf[start, end) (32-bit sizes: moof's children). */
function childBox(
  buf: Buffer,
  start: number,
  end: number,
  type: string,
): { start: number; end: number } | null {
  for (let at = start; at + 8 <= end;) {
    const size = buf.readUInt32BE(at);
    if (size < 8 || at + size > end) return null;
    if (buf.toString('latin1', at + 4, at + 8) === type) return { start: at + 8, end: at + size };
    at += size;
  }
  return null;
}
