// Reads what an export needs of one recorded fragmented-MP4 segment without
// touching its picture data: the track's sample entry and timescale from the
// moov, and every sample of the complete moof+mdat fragments (decode time,
// duration, size, composition offset, sync flag, byte offset in the file).
// Only box headers, the moov and the moofs are read. Anything this reader does
// not understand throws Fmp4ReadError: the export then remuxes with ffmpeg.
//
// The reads are synchronous: an hour holds ~10 000 small ones, which cost a few
// µs each from the page cache but ~100 µs each as round trips through libuv's
// pool on a busy station (measured: 1.4 s an hour). One file is ~1 ms of reads;
// the caller yields to the event loop between files.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export class Fmp4ReadError extends Error {}

/** One track's samples in decode order, as parallel arrays (an hour holds ~90 000). */
export interface SampleTable {
  dts: number[];
  duration: number[];
  size: number[];
  /** Byte offset of the sample's data in its file. */
  offset: number[];
  /** Composition offset (pts − dts), in timescale units. */
  cto: number[];
  sync: boolean[];
  /** Index of the first sample of each fragment: the output keeps one chunk per fragment. */
  fragmentStarts: number[];
}

export interface Fmp4Track {
  timescale: number;
  /** The whole `stsd` box as recorded (sample entry with its avcC/hvcC). */
  stsd: Buffer;
  /** Four-cc of the sample entry: avc1, hvc1, hev1, … */
  codec: string;
  /** tkhd width and height, 16.16 fixed point as stored. */
  width: number;
  height: number;
  /** mdhd language code as stored. */
  language: number;
  samples: SampleTable;
}

interface Defaults {
  duration: number;
  size: number;
  flags: number;
}

const NON_SYNC = 0x10000;
// A moov or moof bigger than this is not something our muxer writes; refuse rather than allocate.
const MAX_META_BOX = 8 * 1024 * 1024;

export function readFmp4Track(path: string): Fmp4Track {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw new Fmp4ReadError(`${path}: ${String(err)}`);
  }
  try {
    return readTrack(fd, fstatSync(fd).size, path);
  } finally {
    closeSync(fd);
  }
}

function readTrack(fd: number, fileBytes: number, path: string): Fmp4Track {
  let moov: (Omit<Fmp4Track, 'samples'> & { defaults: Defaults; trackId: number }) | null = null;
  const samples: SampleTable = {
    dts: [],
    duration: [],
    size: [],
    offset: [],
    cto: [],
    sync: [],
    fragmentStarts: [],
  };
  let nextDts = 0;
  let pendingMoof: { at: number; body: Buffer; headerSize: number } | null = null;
  let at = 0;
  const head = Buffer.alloc(16);
  while (at + 8 <= fileBytes) {
    const bytesRead = readSync(fd, head, 0, 16, at);
    if (bytesRead < 8) break;
    let size = head.readUInt32BE(0);
    const type = head.toString('latin1', 4, 8);
    let headerSize = 8;
    if (size === 1) {
      if (bytesRead < 16) break;
      size = Number(head.readBigUInt64BE(8));
      headerSize = 16;
    } else if (size === 0) size = fileBytes - at;
    if (size < headerSize) throw new Fmp4ReadError(`${path}: bad box size at ${at}`);
    // A torn tail: only complete boxes count.
    if (at + size > fileBytes) break;
    if (type === 'moov' || type === 'moof') {
      if (size > MAX_META_BOX) throw new Fmp4ReadError(`${path}: ${type} of ${size} B`);
      const body = Buffer.alloc(size - headerSize);
      readFully(fd, body, at + headerSize);
      if (type === 'moov') moov = parseMoov(body, path);
      else pendingMoof = { at, body, headerSize };
    } else if (type === 'mdat' && pendingMoof) {
      if (!moov) throw new Fmp4ReadError(`${path}: fragment before moov`);
      nextDts = parseMoof(pendingMoof, moov.trackId, moov.defaults, nextDts, samples, path);
      // Every sample of the fragment lies in this mdat.
      const last = samples.size.length - 1;
      const from = samples.fragmentStarts.at(-1) ?? 0;
      for (let i = from; i <= last; i++) {
        if (
          samples.offset[i]! < at + headerSize ||
          samples.offset[i]! + samples.size[i]! > at + size
        )
          throw new Fmp4ReadError(`${path}: sample data outside its mdat`);
      }
      pendingMoof = null;
    }
    at += size;
  }
  if (!moov) throw new Fmp4ReadError(`${path}: no moov`);
  const { defaults: _d, trackId: _t, ...track } = moov;
  return { ...track, samples };
}

function readFully(fd: number, buf: Buffer, position: number): void {
  let got = 0;
  while (got < buf.length) {
    const bytesRead = readSync(fd, buf, got, buf.length - got, position + got);
    if (bytesRead === 0) throw new Fmp4ReadError('unexpected end of file');
    got += bytesRead;
  }
}

interface Range {
  type: string;
  start: number;
  end: number;
}

function* children(buf: Buffer, start: number, end: number): Generator<Range> {
  let at = start;
  while (at + 8 <= end) {
    let size = buf.readUInt32BE(at);
    let header = 8;
    if (size === 1) {
      size = Number(buf.readBigUInt64BE(at + 8));
      header = 16;
    } else if (size === 0) size = end - at;
    if (size < header || at + size > end) throw new Fmp4ReadError('bad box inside a moov/moof');
    yield { type: buf.toString('latin1', at + 4, at + 8), start: at + header, end: at + size };
    at += size;
  }
}

function child(buf: Buffer, parent: { start: number; end: number }, path: string[]): Range | null {
  let range: Range | null = { type: '', ...parent };
  for (const type of path) {
    let next: Range | null = null;
    for (const c of children(buf, range.start, range.end)) {
      if (c.type === type) {
        next = c;
        break;
      }
    }
    if (!next) return null;
    range = next;
  }
  return range;
}

function parseMoov(buf: Buffer, path: string) {
  const whole = { start: 0, end: buf.length };
  const traks = [...children(buf, 0, buf.length)].filter((c) => c.type === 'trak');
  if (traks.length !== 1) throw new Fmp4ReadError(`${path}: ${traks.length} tracks`);
  const trak = traks[0]!;
  const tkhd = child(buf, trak, ['tkhd']);
  const mdhd = child(buf, trak, ['mdia', 'mdhd']);
  const hdlr = child(buf, trak, ['mdia', 'hdlr']);
  const stsd = child(buf, trak, ['mdia', 'minf', 'stbl', 'stsd']);
  const trex = child(buf, whole, ['mvex', 'trex']);
  if (!tkhd || !mdhd || !hdlr || !stsd || !trex)
    throw new Fmp4ReadError(`${path}: incomplete moov`);
  if (buf.toString('latin1', hdlr.start + 8, hdlr.start + 12) !== 'vide')
    throw new Fmp4ReadError(`${path}: not a video track`);
  if (buf.readUInt32BE(stsd.start + 4) !== 1)
    throw new Fmp4ReadError(`${path}: more than one sample entry`);
  const tv = buf.readUInt8(tkhd.start);
  const wAt = tkhd.start + (tv === 1 ? 88 : 76);
  const mv = buf.readUInt8(mdhd.start);
  const timescale = buf.readUInt32BE(mdhd.start + (mv === 1 ? 20 : 12));
  const language = buf.readUInt16BE(mdhd.start + (mv === 1 ? 32 : 20));
  if (timescale === 0) throw new Fmp4ReadError(`${path}: timescale 0`);
  return {
    trackId: buf.readUInt32BE(tkhd.start + (tv === 1 ? 20 : 12)),
    timescale,
    // The box with its header, as the output copies it.
    stsd: Buffer.from(buf.subarray(stsd.start - 8, stsd.end)),
    codec: buf.toString('latin1', stsd.start + 12, stsd.start + 16),
    width: buf.readUInt32BE(wAt),
    height: buf.readUInt32BE(wAt + 4),
    language,
    defaults: {
      duration: buf.readUInt32BE(trex.start + 12),
      size: buf.readUInt32BE(trex.start + 16),
      flags: buf.readUInt32BE(trex.start + 20),
    },
  };
}

/** Appends one fragment's samples; returns the decode time after its last sample. */
function parseMoof(
  moof: { at: number; body: Buffer; headerSize: number },
  trackId: number,
  trex: Defaults,
  nextDts: number,
  out: SampleTable,
  path: string,
): number {
  const buf = moof.body;
  const trafs = [...children(buf, 0, buf.length)].filter((c) => c.type === 'traf');
  if (trafs.length !== 1) throw new Fmp4ReadError(`${path}: ${trafs.length} trafs in a moof`);
  const traf = trafs[0]!;
  const tfhd = child(buf, traf, ['tfhd']);
  if (!tfhd) throw new Fmp4ReadError(`${path}: moof without tfhd`);
  const tfFlags = buf.readUInt32BE(tfhd.start) & 0xffffff;
  if (buf.readUInt32BE(tfhd.start + 4) !== trackId) throw new Fmp4ReadError(`${path}: other track`);
  const h = cursor(buf, tfhd.start + 8);
  // Without an explicit base, a single-track moof's data is addressed from the moof's first byte.
  const base = tfFlags & 0x01 ? h.u64() : moof.at;
  if (tfFlags & 0x02) h.u32();
  const d: Defaults = {
    duration: tfFlags & 0x08 ? h.u32() : trex.duration,
    size: tfFlags & 0x10 ? h.u32() : trex.size,
    flags: tfFlags & 0x20 ? h.u32() : trex.flags,
  };

  const tfdt = child(buf, traf, ['tfdt']);
  let dts = nextDts;
  if (tfdt) {
    dts =
      buf.readUInt8(tfdt.start) === 1
        ? Number(buf.readBigUInt64BE(tfdt.start + 4))
        : buf.readUInt32BE(tfdt.start + 4);
  }
  out.fragmentStarts.push(out.dts.length);
  let dataAt = base;
  for (const trun of children(buf, traf.start, traf.end)) {
    if (trun.type !== 'trun') continue;
    const version = buf.readUInt8(trun.start);
    const flags = buf.readUInt32BE(trun.start) & 0xffffff;
    const count = buf.readUInt32BE(trun.start + 4);
    const r = cursor(buf, trun.start + 8);
    if (flags & 0x01) dataAt = base + r.i32();
    const firstFlags = flags & 0x04 ? r.u32() : null;
    const entryBytes = 4 * [0x100, 0x200, 0x400, 0x800].filter((bit) => (flags & bit) !== 0).length;
    if (r.at() + count * entryBytes > trun.end) throw new Fmp4ReadError(`${path}: short trun`);
    for (let i = 0; i < count; i++) {
      const duration = flags & 0x100 ? r.u32() : d.duration;
      const size = flags & 0x200 ? r.u32() : d.size;
      let sampleFlags = flags & 0x400 ? r.u32() : d.flags;
      if (i === 0 && firstFlags !== null) sampleFlags = firstFlags;
      let cto = 0;
      if (flags & 0x800) cto = version === 1 ? r.i32() : r.u32();
      out.dts.push(dts);
      out.duration.push(duration);
      out.size.push(size);
      out.offset.push(dataAt);
      out.cto.push(cto);
      out.sync.push((sampleFlags & NON_SYNC) === 0);
      dts += duration;
      dataAt += size;
    }
  }
  if (out.dts.length === out.fragmentStarts.at(-1)) out.fragmentStarts.pop();
  return dts;
}

/** Big-endian fields read one after another from `at`. */
function cursor(buf: Buffer, at: number) {
  let p = at;
  const take = <T>(n: number, v: T): T => {
    p += n;
    return v;
  };
  return {
    u32: () => take(4, buf.readUInt32BE(p)),
    i32: () => take(4, buf.readInt32BE(p)),
    u64: () => take(8, Number(buf.readBigUInt64BE(p))),
    at: () => p,
  };
}
