// Reads what the player needs from a recorded fragmented-MP4 segment before it
// hands the bytes to Media Source Extensions: the MSE codec string, where the
// media starts in the file's own time (first tfdt), the frame interval, and
// the end of the last complete fragment (a recovered file may be torn, and the
// trailing mfra index is of no use to MSE). Only box headers, moov and the
// first moof are read; the core's fmp4 readers use Node's Buffer, hence this one.

export interface Fmp4Layout {
  /** MSE codec string (avc1.PPCCLL, hvc1.…), or the sample entry four-cc when unknown. */
  codec: string | null;
  timescale: number;
  /** Decode time of the first fragment, seconds (0 for our recorder's files). */
  firstDecodeSec: number;
  /** Typical frame interval (median sample duration of the first fragment), seconds; null when none. */
  frameSec: number | null;
  /** Byte offset after the last complete moof+mdat pair (0 when none). */
  mediaEnd: number;
  /** Byte offset after the init segment (ftyp+moov), 0 when there is none. */
  initEnd: number;
}

interface Box {
  type: string;
  /** Offset of the payload. */
  body: number;
  end: number;
}

function boxes(v: DataView, start: number, end: number): Box[] {
  const out: Box[] = [];
  let at = start;
  while (at + 8 <= end) {
    let size = v.getUint32(at);
    const type = String.fromCharCode(
      v.getUint8(at + 4),
      v.getUint8(at + 5),
      v.getUint8(at + 6),
      v.getUint8(at + 7),
    );
    let body = at + 8;
    if (size === 1) {
      if (at + 16 > end) break;
      size = Number(v.getBigUint64(at + 8));
      body = at + 16;
    } else if (size === 0) {
      size = end - at;
    }
    if (size < body - at || at + size > end) break; // torn: stop at the last whole box
    out.push({ type, body, end: at + size });
    at += size;
  }
  return out;
}

function child(v: DataView, parent: Box, type: string, skip = 0): Box | undefined {
  return boxes(v, parent.body + skip, parent.end).find((b) => b.type === type);
}

function path(v: DataView, root: Box, types: string[]): Box | undefined {
  let box: Box | undefined = root;
  for (const t of types) box = box ? child(v, box, t) : undefined;
  return box;
}

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

function reverseBits32(x: number): number {
  let r = 0;
  for (let i = 0; i < 32; i++) r = (r << 1) | ((x >>> i) & 1);
  return r >>> 0;
}

/** Codec string of a visual sample entry (RFC 6381; ISO/IEC 14496-15 Annex E for HEVC). */
function codecOf(v: DataView, entry: Box): string {
  // VisualSampleEntry fields take 78 bytes before the child boxes.
  const kids = boxes(v, entry.body + 78, entry.end);
  if (entry.type === 'avc1' || entry.type === 'avc3') {
    const c = kids.find((b) => b.type === 'avcC');
    if (c && c.end - c.body >= 4) {
      const p = c.body;
      return `${entry.type}.${hex2(v.getUint8(p + 1))}${hex2(v.getUint8(p + 2))}${hex2(v.getUint8(p + 3))}`;
    }
  }
  if (entry.type === 'hvc1' || entry.type === 'hev1') {
    const c = kids.find((b) => b.type === 'hvcC');
    if (c && c.end - c.body >= 13) {
      const p = c.body;
      const b1 = v.getUint8(p + 1);
      const space = ['', 'A', 'B', 'C'][b1 >> 6] ?? '';
      const tier = (b1 >> 5) & 1 ? 'H' : 'L';
      const compat = reverseBits32(v.getUint32(p + 2)).toString(16);
      const constraints: number[] = [];
      for (let i = 6; i < 12; i++) constraints.push(v.getUint8(p + i));
      while (constraints.length && constraints[constraints.length - 1] === 0) constraints.pop();
      const tail = constraints.map((x) => '.' + x.toString(16).toUpperCase()).join('');
      return `${entry.type}.${space}${b1 & 0x1f}.${compat}.${tier}${v.getUint8(p + 12)}${tail}`;
    }
  }
  return entry.type;
}

function readMoov(
  v: DataView,
  moov: Box,
): { codec: string | null; timescale: number; trexDuration: number } {
  let codec: string | null = null;
  let timescale = 0;
  for (const trak of boxes(v, moov.body, moov.end)) {
    if (trak.type !== 'trak') continue;
    const mdhd = path(v, trak, ['mdia', 'mdhd']);
    const stsd = path(v, trak, ['mdia', 'minf', 'stbl', 'stsd']);
    // stsd is a FullBox (4 bytes) with an entry count (4 bytes) before its entries.
    const entry = stsd ? boxes(v, stsd.body + 8, stsd.end)[0] : undefined;
    if (!mdhd || !entry) continue;
    timescale = v.getUint32(mdhd.body + (v.getUint8(mdhd.body) === 1 ? 20 : 12));
    codec = codecOf(v, entry);
    break; // we record one video track
  }
  const trex = path(v, moov, ['mvex', 'trex']);
  // trex: FullBox(4) track_ID(4) desc_index(4) duration(4) size(4) flags(4).
  const trexDuration = trex && trex.end - trex.body >= 24 ? v.getUint32(trex.body + 12) : 0;
  return { codec, timescale, trexDuration };
}

/** Base decode time and first sample duration of a moof, in timescale units. */
function readMoof(v: DataView, moof: Box, trexDuration: number): { base: number; first: number } {
  const traf = child(v, moof, 'traf');
  let base = 0;
  let first = trexDuration;
  if (!traf) return { base, first };
  for (const c of boxes(v, traf.body, traf.end)) {
    if (c.type === 'tfhd') {
      const flags = v.getUint32(c.body) & 0xffffff;
      let at = c.body + 8;
      if (flags & 0x1) at += 8;
      if (flags & 0x2) at += 4;
      if (flags & 0x8) first = v.getUint32(at);
    } else if (c.type === 'tfdt') {
      base =
        v.getUint8(c.body) === 1 ? Number(v.getBigUint64(c.body + 4)) : v.getUint32(c.body + 4);
    } else if (c.type === 'trun') {
      const flags = v.getUint32(c.body) & 0xffffff;
      let at = c.body + 8;
      if (flags & 0x1) at += 4;
      if (flags & 0x4) at += 4;
      const count = v.getUint32(c.body + 4);
      if (flags & 0x100 && count > 0) first = medianDuration(v, at, count, flags, c.end);
    }
  }
  return { base, first };
}

/**
 * The median sample duration of a trun: a live camera's first sample often carries a
 * placeholder duration (one tick), which as "the frame interval" broke frame steps.
 */
function medianDuration(
  v: DataView,
  at: number,
  count: number,
  flags: number,
  end: number,
): number {
  // Per-sample fields present: duration (0x100), size (0x200), flags (0x400), cts (0x800).
  let stride = 0;
  for (const bit of [0x100, 0x200, 0x400, 0x800]) if (flags & bit) stride += 4;
  const durations: number[] = [];
  for (let i = 0; i < count && at + 4 <= end; i++, at += stride) durations.push(v.getUint32(at));
  durations.sort((x, y) => x - y);
  return durations[Math.floor(durations.length / 2)] ?? 0;
}

/** Reads the layout of a whole or partial segment file. Never throws on torn or foreign bytes. */
export function readFmp4Layout(bytes: Uint8Array): Fmp4Layout {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Fmp4Layout = {
    codec: null,
    timescale: 0,
    firstDecodeSec: 0,
    frameSec: null,
    mediaEnd: 0,
    initEnd: 0,
  };
  let trexDuration = 0;
  let pendingMoof = false;
  let sawFirst = false;
  try {
    for (const box of boxes(v, 0, bytes.byteLength)) {
      if (box.type === 'moov') {
        const m = readMoov(v, box);
        out.codec = m.codec;
        out.timescale = m.timescale;
        trexDuration = m.trexDuration;
        out.initEnd = box.end;
      } else if (box.type === 'moof') {
        if (!sawFirst && out.timescale > 0) {
          const f = readMoof(v, box, trexDuration);
          out.firstDecodeSec = f.base / out.timescale;
          out.frameSec = f.first > 0 ? f.first / out.timescale : null;
          sawFirst = true;
        }
        pendingMoof = true;
      } else if (box.type === 'mdat' && pendingMoof) {
        out.mediaEnd = box.end;
        pendingMoof = false;
      }
    }
  } catch {
    // A RangeError from a corrupt size inside moov/moof: keep what was read.
  }
  return out;
}

/**
 * [start, end) byte ranges covering `bytes` (init segment and whole fragments), each
 * about `target` bytes and cut only after a moov or an mdat, so every piece appends on
 * its own. A torn tail stays with the last piece (the caller has cut it already).
 */
export function appendChunks(bytes: Uint8Array, target: number): [number, number][] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: [number, number][] = [];
  let from = 0;
  for (const box of boxes(v, 0, bytes.byteLength)) {
    if ((box.type === 'mdat' || box.type === 'moov') && box.end - from >= target) {
      out.push([from, box.end]);
      from = box.end;
    }
  }
  if (from < bytes.byteLength) out.push([from, bytes.byteLength]);
  return out;
}
