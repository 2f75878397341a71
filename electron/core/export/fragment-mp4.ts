// Builds an export's MP4 from the recorded fragments themselves: the samples
// are copied byte for byte into one plain (non-fragmented) MP4 whose moov is
// written from the fragments' headers, so the file is written once,
// sequentially, front to back (moov first: it plays while still downloading).
//
// Timing follows the ffconcat list of clip-plan.ts: the file starts on the
// keyframe at or before the requested instant and an edit list hides the
// pictures before it (nothing is re-encoded); each later segment sits at its
// wall-clock offset, a gap being held by the last sample before it; the end
// stops before the first sample at or after the requested end.
//
// H.265 recorded as hev1 is written as hvc1, as `ffmpeg -c copy -tag:v hvc1`
// does (Apple players want it): the hvcC already holds the parameter sets, which
// are marked complete; the in-band copies stay in the samples.
//
// What this writer cannot vouch for is left to ffmpeg (remux-clip.ts): segments
// whose sample entries or timescales differ, an hvcC without its parameter sets,
// and footage whose sync flags cannot be trusted.
import { open, type FileHandle } from 'node:fs/promises';
import type { ClipPlan } from './clip-plan';
import { Fmp4ReadError, readFmp4Track, type Fmp4Track } from './fmp4-read';
import { box, boxHeader, fits32, fourcc, fullBox, i32, table, u16, u32, u64 } from './mp4-boxes';

/** One run of sample bytes in a recorded file, copied as is. */
export interface Piece {
  path: string;
  offset: number;
  size: number;
}

export interface FragmentLayout {
  /** ftyp, moov and the mdat header: everything before the first sample byte. */
  header: Buffer;
  /** The mdat payload, in order. */
  pieces: Piece[];
  /** Size of the whole file. */
  bytes: number;
  codec: 'h264' | 'hevc';
  width: number;
  height: number;
  /** Shown length (the edit), ms. */
  durationMs: number;
  samples: number;
}

export type FragmentPlan = { layout: FragmentLayout } | { fallback: string };

const CODECS: Record<string, FragmentLayout['codec']> = {
  avc1: 'h264',
  hvc1: 'hevc',
  hev1: 'hevc',
};

export async function planFragmentMp4(plan: ClipPlan): Promise<FragmentPlan> {
  if (plan.contentStartMs === null || plan.contentEndMs === null || plan.segments.length === 0)
    return { fallback: 'no footage' };
  const tracks: Fmp4Track[] = [];
  try {
    for (const s of plan.segments) {
      tracks.push(readFmp4Track(s.path));
      // Each file's reads block for about a millisecond: let live video and calls through between.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (err) {
    if (err instanceof Fmp4ReadError) return { fallback: err.message };
    throw err;
  }
  const why = unsupported(tracks);
  if (why) return { fallback: why };
  const stsd = tracks[0]!.codec === 'hev1' ? hvc1Stsd(tracks[0]!.stsd) : tracks[0]!.stsd;
  if (!stsd) return { fallback: 'hev1 without parameter sets in its hvcC' };
  return { layout: layoutClip(plan, tracks, stsd) };
}

// stsd: header 8, version/flags 4, entry count 4; the visual sample entry: header 8, fields 78.
const ENTRY_AT = 16;
const ENTRY_CHILDREN_AT = ENTRY_AT + 8 + 78;
// hvcC: 22 bytes of fields, then the number of arrays.
const HVCC_ARRAYS_AT = 22;
const VPS = 32;
const SPS = 33;
const PPS = 34;

/**
 * The hev1 stsd as an hvc1 one: the four-cc renamed and the VPS, SPS and PPS
 * arrays marked complete (ffmpeg's hvcC writer for the hvc1 tag). Null when
 * the hvcC lacks one of them: then the samples' own are the only copies.
 */
export function hvc1Stsd(stsd: Buffer): Buffer | null {
  const out = Buffer.from(stsd);
  out.write('hvc1', ENTRY_AT + 4, 'latin1');
  const entryEnd = ENTRY_AT + out.readUInt32BE(ENTRY_AT);
  let at = ENTRY_CHILDREN_AT;
  while (at + 8 <= entryEnd) {
    const size = out.readUInt32BE(at);
    if (size < 8 || at + size > entryEnd) return null;
    if (out.toString('latin1', at + 4, at + 8) === 'hvcC') {
      const found = new Set<number>();
      const end = at + size;
      let p = at + 8 + HVCC_ARRAYS_AT;
      if (p >= end) return null;
      const arrays = out.readUInt8(p++);
      for (let a = 0; a < arrays; a++) {
        if (p + 3 > end) return null;
        const type = out.readUInt8(p) & 0x3f;
        const count = out.readUInt16BE(p + 1);
        if ([VPS, SPS, PPS].includes(type) && count > 0) {
          out.writeUInt8(out.readUInt8(p) | 0x80, p);
          found.add(type);
        }
        p += 3;
        for (let n = 0; n < count; n++) {
          if (p + 2 > end) return null;
          p += 2 + out.readUInt16BE(p);
        }
      }
      return found.size === 3 && p <= end ? out : null;
    }
    at += size;
  }
  return null;
}

function unsupported(tracks: Fmp4Track[]): string | null {
  const first = tracks[0]!;
  if (!CODECS[first.codec]) return `sample entry ${first.codec}`;
  for (const t of tracks) {
    if (t.timescale !== first.timescale) return 'timescales differ';
    if (!t.stsd.equals(first.stsd)) return 'sample entries differ';
    const n = t.samples.sync.length;
    if (n === 0) return 'a segment without samples';
    if (!t.samples.sync[0]) return 'a segment not starting on a sync sample';
    // A camera that marks every picture sync cannot be cut on its flags.
    if (n > 1 && t.samples.sync.every(Boolean)) return 'every sample flagged sync';
  }
  return null;
}

interface Cut {
  track: Fmp4Track;
  /** Samples [from, to) in decode order. */
  from: number;
  to: number;
  /** Added to the file's decode times to place them on the output timeline. */
  shift: number;
}

function layoutClip(plan: ClipPlan, tracks: Fmp4Track[], stsd: Buffer): FragmentLayout {
  const ts = tracks[0]!.timescale;
  const ticks = (ms: number) => Math.round((ms * ts) / 1000);
  const startMs = plan.contentStartMs!;
  const cuts: Cut[] = [];
  let mediaTime = 0;
  plan.segments.forEach((seg, i) => {
    const track = tracks[i]!;
    const s = track.samples;
    const pts = (j: number) => s.dts[j]! + s.cto[j]!;
    let ptsBase = Infinity;
    for (let j = 0; j < s.dts.length; j++) ptsBase = Math.min(ptsBase, pts(j));
    const next = plan.segments[i + 1];
    const untilTicks = ptsBase + ticks((next ? next.startMs : plan.contentEndMs!) - seg.startMs);
    let from = 0;
    let shift: number;
    if (i === 0) {
      const inTicks = ptsBase + ticks(startMs - seg.startMs);
      for (let j = 0; j < s.dts.length && pts(j) <= inTicks; j++) if (s.sync[j]) from = j;
      shift = -s.dts[from]!;
      mediaTime = inTicks + shift;
    } else {
      shift = mediaTime + ticks(seg.startMs - startMs) - ptsBase;
    }
    let to = from + 1;
    while (to < s.dts.length && pts(to) < untilTicks) to++;
    cuts.push({ track, from, to, shift });
  });

  // Decode durations as written: a segment's last sample lasts until the next one starts.
  const durations: number[] = [];
  const ctos: number[] = [];
  const sizes: number[] = [];
  const syncs: number[] = [];
  const chunks: { samples: number; piece: Piece }[] = [];
  for (const [i, c] of cuts.entries()) {
    const s = c.track.samples;
    const next = cuts[i + 1];
    // Trimming the decode order's tail never removes a reference of a sample kept.
    while (
      next &&
      c.to - c.from > 1 &&
      next.track.samples.dts[next.from]! + next.shift - (s.dts[c.to - 1]! + c.shift) <= 0
    )
      c.to--;
    let fragment = 0;
    for (let j = c.from; j < c.to; j++) {
      const last = j === c.to - 1;
      durations.push(
        last && next
          ? Math.max(1, next.track.samples.dts[next.from]! + next.shift - (s.dts[j]! + c.shift))
          : s.duration[j]!,
      );
      ctos.push(s.cto[j]!);
      sizes.push(s.size[j]!);
      if (s.sync[j]) syncs.push(durations.length);
      // One chunk per run of adjacent bytes of one fragment.
      while (fragment + 1 < s.fragmentStarts.length && s.fragmentStarts[fragment + 1]! <= j)
        fragment++;
      const prev = chunks.at(-1);
      const contiguous =
        prev &&
        j > c.from &&
        prev.piece.offset + prev.piece.size === s.offset[j] &&
        s.fragmentStarts[fragment] !== j;
      if (contiguous) {
        prev.samples++;
        prev.piece.size += s.size[j]!;
      } else {
        chunks.push({
          samples: 1,
          piece: { path: planPath(plan, i), offset: s.offset[j]!, size: s.size[j]! },
        });
      }
    }
  }

  let presentationEnd = 0;
  let dts = 0;
  for (let j = 0; j < durations.length; j++) {
    presentationEnd = Math.max(presentationEnd, dts + ctos[j]! + durations[j]!);
    dts += durations[j]!;
  }
  const mediaDuration = dts;
  const editDuration = Math.max(0, presentationEnd - mediaTime);
  const payload = sizes.reduce((a, b) => a + b, 0);
  const first = tracks[0]!;
  const tables = { durations, ctos, sizes, syncs, chunks };
  const track = { first, stsd, ts, mediaTime, mediaDuration, editDuration };
  const ftyp = ftypBox(first.codec);
  // Sizes do not depend on the offsets' values, only on their width: measure, then write.
  let wide = false;
  let moov = moovBox(track, tables, 0, wide);
  const mdatHeader = boxHeader('mdat', payload);
  if (ftyp.length + moov.length + mdatHeader.length + payload > 0xffff_ffff) {
    wide = true;
    moov = moovBox(track, tables, 0, wide);
  }
  const dataStart = ftyp.length + moov.length + mdatHeader.length;
  moov = moovBox(track, tables, dataStart, wide);
  const header = Buffer.concat([ftyp, moov, mdatHeader]);
  return {
    header,
    pieces: chunks.map((c) => c.piece),
    bytes: header.length + payload,
    codec: CODECS[first.codec]!,
    width: first.width >>> 16,
    height: first.height >>> 16,
    durationMs: Math.round((editDuration * 1000) / ts),
    samples: sizes.length,
  };
}

function planPath(plan: ClipPlan, i: number): string {
  return plan.segments[i]!.path;
}

function ftypBox(codec: string): Buffer {
  const brands = ['isom', 'iso2', ...(codec === 'avc1' ? ['avc1'] : []), 'mp41'];
  return box('ftyp', fourcc('isom'), u32(512), ...brands.map(fourcc));
}

const MATRIX = Buffer.concat([0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000].map((v) => u32(v)));

interface TrackFacts {
  first: Fmp4Track;
  /** The sample entry as written (hev1 renamed hvc1). */
  stsd: Buffer;
  ts: number;
  mediaTime: number;
  mediaDuration: number;
  editDuration: number;
}

interface Tables {
  durations: number[];
  ctos: number[];
  sizes: number[];
  syncs: number[];
  chunks: { samples: number; piece: Piece }[];
}

/** A 32- or 64-bit time field, with the version that says which. */
function time(n: number): { v: number; b: (x: number) => Buffer } {
  return fits32(n) ? { v: 0, b: u32 } : { v: 1, b: u64 };
}

function moovBox(t: TrackFacts, tables: Tables, dataStart: number, wide: boolean): Buffer {
  const big = Math.max(t.editDuration, t.mediaDuration);
  const { v, b } = time(big);
  // No creation times: the same clip exported twice is the same file, byte for byte.
  const mvhd = fullBox(
    'mvhd',
    v,
    0,
    b(0),
    b(0),
    u32(t.ts),
    b(t.editDuration),
    u32(0x10000),
    u16(0x100),
    Buffer.alloc(10),
    MATRIX,
    Buffer.alloc(24),
    u32(2),
  );
  const tkhd = fullBox(
    'tkhd',
    v,
    3,
    b(0),
    b(0),
    u32(1),
    u32(0),
    b(t.editDuration),
    Buffer.alloc(8),
    u16(0),
    u16(0),
    u16(0),
    u16(0),
    MATRIX,
    u32(t.first.width),
    u32(t.first.height),
  );
  const elst = fullBox(
    'elst',
    v,
    0,
    u32(1),
    b(t.editDuration),
    v === 1 ? u64(t.mediaTime) : i32(t.mediaTime),
    u16(1),
    u16(0),
  );
  const mdhd = fullBox(
    'mdhd',
    v,
    0,
    b(0),
    b(0),
    u32(t.ts),
    b(t.mediaDuration),
    u16(t.first.language),
    u16(0),
  );
  const hdlr = fullBox(
    'hdlr',
    0,
    0,
    u32(0),
    fourcc('vide'),
    Buffer.alloc(12),
    Buffer.from('VideoHandler\0', 'latin1'),
  );
  const vmhd = fullBox('vmhd', 0, 1, Buffer.alloc(8));
  const dinf = box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1)));
  const stbl = box('stbl', t.stsd, ...sampleTables(tables, dataStart, wide));
  return box(
    'moov',
    mvhd,
    box('trak', tkhd, box('edts', elst), box('mdia', mdhd, hdlr, box('minf', vmhd, dinf, stbl))),
  );
}

function sampleTables(t: Tables, dataStart: number, wide: boolean): Buffer[] {
  const out: Buffer[] = [];
  out.push(fullBox('stts', 0, 0, ...runs(t.durations)));
  if (t.ctos.some((c) => c !== 0)) {
    const negative = t.ctos.some((c) => c < 0);
    out.push(fullBox('ctts', negative ? 1 : 0, 0, ...runs(t.ctos, negative)));
  }
  if (t.syncs.length < t.sizes.length)
    out.push(
      fullBox(
        'stss',
        0,
        0,
        u32(t.syncs.length),
        table(t.syncs.length, 4, (b, i, at) => b.writeUInt32BE(t.syncs[i]!, at)),
      ),
    );
  const stsc: [number, number][] = [];
  t.chunks.forEach((c, i) => {
    if (stsc.at(-1)?.[1] !== c.samples) stsc.push([i + 1, c.samples]);
  });
  out.push(
    fullBox(
      'stsc',
      0,
      0,
      u32(stsc.length),
      table(stsc.length, 12, (b, i, at) => {
        b.writeUInt32BE(stsc[i]![0], at);
        b.writeUInt32BE(stsc[i]![1], at + 4);
        b.writeUInt32BE(1, at + 8);
      }),
    ),
  );
  out.push(
    fullBox(
      'stsz',
      0,
      0,
      u32(0),
      u32(t.sizes.length),
      table(t.sizes.length, 4, (b, i, at) => b.writeUInt32BE(t.sizes[i]!, at)),
    ),
  );
  let offset = dataStart;
  const offsets = t.chunks.map((c) => {
    const at = offset;
    offset += c.piece.size;
    return at;
  });
  out.push(
    wide
      ? fullBox(
          'co64',
          0,
          0,
          u32(offsets.length),
          table(offsets.length, 8, (b, i, at) => b.writeBigUInt64BE(BigInt(offsets[i]!), at)),
        )
      : fullBox(
          'stco',
          0,
          0,
          u32(offsets.length),
          table(offsets.length, 4, (b, i, at) => b.writeUInt32BE(offsets[i]!, at)),
        ),
  );
  return out;
}

/** stts/ctts: (count, value) pairs of equal neighbours. */
function runs(values: number[], signed = false): Buffer[] {
  const pairs: [number, number][] = [];
  for (const v of values) {
    const last = pairs.at(-1);
    if (last && last[1] === v) last[0]++;
    else pairs.push([1, v]);
  }
  return [
    u32(pairs.length),
    table(pairs.length, 8, (b, i, at) => {
      b.writeUInt32BE(pairs[i]![0], at);
      if (signed) b.writeInt32BE(pairs[i]![1], at + 4);
      else b.writeUInt32BE(pairs[i]![1], at + 4);
    }),
  ];
}

/** Read and write size: as the verified copy's. */
const CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * The file's bytes in order (the header, then the samples in 4 MiB buffers),
 * the next buffer filled from the recordings while the caller writes the
 * current one. A recording that changed since it was read fails the export.
 */
export async function* fragmentMp4Bytes(layout: FragmentLayout): AsyncGenerator<Buffer> {
  yield layout.header;
  const buffers = [Buffer.allocUnsafe(CHUNK_BYTES), Buffer.allocUnsafe(CHUNK_BYTES)];
  let piece = 0;
  let within = 0;
  let fh: FileHandle | null = null;
  let fhPath = '';
  const fill = async (buf: Buffer): Promise<number> => {
    let filled = 0;
    while (filled < buf.length && piece < layout.pieces.length) {
      const p = layout.pieces[piece]!;
      if (fhPath !== p.path) {
        await fh?.close();
        fh = null;
        fh = await open(p.path, 'r');
        fhPath = p.path;
      }
      const want = Math.min(p.size - within, buf.length - filled);
      const { bytesRead } = await fh!.read(buf, filled, want, p.offset + within);
      if (bytesRead === 0) throw new Error(`${p.path} is shorter than when it was read`);
      filled += bytesRead;
      within += bytesRead;
      if (within === p.size) {
        piece++;
        within = 0;
      }
    }
    return filled;
  };
  let turn = 0;
  let pending = fill(buffers[turn]!);
  try {
    for (;;) {
      const n = await pending;
      if (n === 0) return;
      const chunk = buffers[turn]!.subarray(0, n);
      turn ^= 1;
      pending = fill(buffers[turn]!);
      yield chunk;
    }
  } finally {
    await pending.catch(() => undefined);
    await (fh as FileHandle | null)?.close().catch(() => undefined);
  }
}
