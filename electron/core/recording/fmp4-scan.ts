// Reads the box structure of a fragmented MP4 segment without decoding it:
// timescale, every complete moof+mdat fragment with its samples' decode times
// and sizes. This is how a segment is measured (duration, per-second bytes) and
// how a half-written file is judged: everything up to the last complete
// fragment plays, a torn tail does not. Only box headers, moov and moof are
// read; mdat payloads are skipped, so scanning a 60 s segment costs a few reads.
import { open, type FileHandle } from 'node:fs/promises';
import type { Keyframe } from './keyframe-index';
import { firstPictureIsKeyframe, nalLengthSize, type NalCodec } from './nal-check';

export interface Fmp4Sample {
  /** Decode time in track timescale units, relative to the first sample of the file. */
  dts: number;
  duration: number;
  size: number;
}

export interface Fmp4Scan {
  fileBytes: number;
  /** ftyp and moov were both complete: the file has an init segment. */
  hasInit: boolean;
  timescale: number;
  fragmentCount: number;
  /** Byte offset just after the last complete moof+mdat pair. */
  completeBytes: number;
  /** Media duration covered by complete fragments, in ms. */
  durationMs: number;
  /** Bytes of sample data per second of media, from the first sample. */
  secondBytes: number[];
  /** The muxer wrote its trailer (mfra): the file was closed cleanly, not torn. */
  closedCleanly: boolean;
  /** Media codec four-cc of the first video/audio sample entry, e.g. avc1, hvc1. */
  codec: string | null;
  /** Byte offset just after the moov: file[0, initEnd) is the init segment (0 without one). */
  initEnd: number;
  /**
   * Complete fragments whose first sample is a keyframe, in file order. Empty when
   * the sync flags cannot be trusted: a sample flagged sync whose picture is not
   * an IDR/IRAP (cameras that flag every frame), or a codec whose NAL units we do
   * not read.
   */
  keyframes: Keyframe[];
}

interface TrackDefaults {
  duration: number;
  size: number;
  /** trex default_sample_flags: what a fragment's samples carry unless it says otherwise. */
  flags: number;
}

/** sample_is_non_sync_sample in ISO/IEC 14496-12 sample flags. */
const NON_SYNC = 0x10000;

const HEADER = 16;
// A moov or moof bigger than this is not something our muxer writes; refuse rather than allocate.
const MAX_META_BOX = 8 * 1024 * 1024;

async function readAt(fh: FileHandle, offset: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, offset + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got === length ? buf : buf.subarray(0, got);
}

interface BoxHeader {
  type: string;
  size: number;
  headerSize: number;
}

function parseHeader(buf: Buffer, at: number, remaining: number): BoxHeader | null {
  if (remaining < 8 || buf.length < at + 8) return null;
  let size = buf.readUInt32BE(at);
  const type = buf.toString('latin1', at + 4, at + 8);
  let headerSize = 8;
  if (size === 1) {
    if (buf.length < at + 16) return null;
    size = Number(buf.readBigUInt64BE(at + 8));
    headerSize = 16;
  } else if (size === 0) {
    size = remaining;
  }
  if (size < headerSize) return null;
  return { type, size, headerSize };
}

/** Iterates child boxes of a box payload held in memory. */
function* children(
  buf: Buffer,
  start: number,
  end: number,
): Generator<{ type: string; start: number; end: number }> {
  let at = start;
  while (at + 8 <= end) {
    const h = parseHeader(buf, at, end - at);
    if (!h || at + h.size > end) return;
    yield { type: h.type, start: at + h.headerSize, end: at + h.size };
    at += h.size;
  }
}

function find(
  buf: Buffer,
  start: number,
  end: number,
  path: string[],
): { start: number; end: number } | null {
  let range: { start: number; end: number } | null = { start, end };
  for (const type of path) {
    if (!range) return null;
    let next: { start: number; end: number } | null = null;
    for (const c of children(buf, range.start, range.end)) {
      if (c.type === type) {
        next = c;
        break;
      }
    }
    range = next;
  }
  return range;
}

function parseMoov(buf: Buffer): {
  timescale: number;
  defaults: TrackDefaults;
  codec: string | null;
  nal: NalCodec | null;
} {
  let timescale = 0;
  let codec: string | null = null;
  let nal: NalCodec | null = null;
  const defaults: TrackDefaults = { duration: 0, size: 0, flags: 0 };
  for (const trak of children(buf, 0, buf.length)) {
    if (trak.type !== 'trak') continue;
    const mdhd = find(buf, trak.start, trak.end, ['mdia', 'mdhd']);
    if (mdhd && timescale === 0) {
      const version = buf.readUInt8(mdhd.start);
      timescale = buf.readUInt32BE(mdhd.start + (version === 1 ? 20 : 12));
    }
    const stsd = find(buf, trak.start, trak.end, ['mdia', 'minf', 'stbl', 'stsd']);
    if (stsd && codec === null && stsd.end - stsd.start >= 16) {
      codec = buf.toString('latin1', stsd.start + 12, stsd.start + 16);
      nal = nalLengthSize(buf, stsd.start + 8, stsd.end);
    }
  }
  const mvex = find(buf, 0, buf.length, ['mvex']);
  if (mvex) {
    for (const c of children(buf, mvex.start, mvex.end)) {
      if (c.type === 'trex' && c.end - c.start >= 24) {
        defaults.duration = buf.readUInt32BE(c.start + 12);
        defaults.size = buf.readUInt32BE(c.start + 16);
        defaults.flags = buf.readUInt32BE(c.start + 20);
        break;
      }
    }
  }
  return { timescale, defaults, codec, nal };
}

interface FragmentSamples {
  baseDts: number;
  samples: { duration: number; size: number }[];
  /** The first sample's flags: trun first_sample_flags, else its own, else tfhd's, else trex's. */
  firstFlags: number;
  /** The first sample's composition offset (pts − dts), 0 when the trun has none. */
  firstCto: number;
  /** Where the first sample's data starts, relative to the moof; null = the mdat's payload. */
  dataOffset: number | null;
}

function parseMoof(buf: Buffer, defaults: TrackDefaults): FragmentSamples | null {
  // We record one track; the first traf is the video.
  const traf = find(buf, 0, buf.length, ['traf']);
  if (!traf) return null;
  let defDuration = defaults.duration;
  let defSize = defaults.size;
  let defFlags = defaults.flags;
  let baseDts = 0;
  let firstFlags: number | null = null;
  let firstCto = 0;
  let dataOffset: number | null = null;
  let explicitBase = false;
  const samples: { duration: number; size: number }[] = [];
  for (const c of children(buf, traf.start, traf.end)) {
    if (c.type === 'tfhd') {
      const flags = buf.readUInt32BE(c.start) & 0xffffff;
      let at = c.start + 8;
      if (flags & 0x1) {
        // An absolute base offset: not what our muxer writes, so the data is located by the mdat.
        explicitBase = true;
        at += 8;
      }
      if (flags & 0x2) at += 4;
      if (flags & 0x8) {
        defDuration = buf.readUInt32BE(at);
        at += 4;
      }
      if (flags & 0x10) {
        defSize = buf.readUInt32BE(at);
        at += 4;
      }
      if (flags & 0x20) defFlags = buf.readUInt32BE(at);
    } else if (c.type === 'tfdt') {
      const version = buf.readUInt8(c.start);
      baseDts =
        version === 1 ? Number(buf.readBigUInt64BE(c.start + 4)) : buf.readUInt32BE(c.start + 4);
    } else if (c.type === 'trun') {
      const flags = buf.readUInt32BE(c.start) & 0xffffff;
      const count = buf.readUInt32BE(c.start + 4);
      let at = c.start + 8;
      if (flags & 0x1) {
        if (samples.length === 0 && !explicitBase) dataOffset = buf.readInt32BE(at);
        at += 4;
      }
      if (flags & 0x4) {
        if (samples.length === 0) firstFlags = buf.readUInt32BE(at);
        at += 4;
      }
      for (let i = 0; i < count && at <= c.end; i++) {
        let duration = defDuration;
        let size = defSize;
        if (flags & 0x100) {
          duration = buf.readUInt32BE(at);
          at += 4;
        }
        if (flags & 0x200) {
          size = buf.readUInt32BE(at);
          at += 4;
        }
        if (flags & 0x400) {
          if (samples.length === 0) firstFlags ??= buf.readUInt32BE(at);
          at += 4;
        }
        if (flags & 0x800) {
          if (samples.length === 0) {
            // Version 1 truns carry signed offsets.
            firstCto = buf.readUInt8(c.start) === 1 ? buf.readInt32BE(at) : buf.readUInt32BE(at);
          }
          at += 4;
        }
        samples.push({ duration, size });
      }
    }
  }
  return { baseDts, samples, firstFlags: firstFlags ?? defFlags, firstCto, dataOffset };
}

/** Scans a fragmented MP4 file. Never throws for a torn or empty file; throws only on I/O errors. */
export async function scanFmp4(path: string): Promise<Fmp4Scan> {
  const fh = await open(path, 'r');
  try {
    const fileBytes = (await fh.stat()).size;
    const result: Fmp4Scan = {
      fileBytes,
      hasInit: false,
      timescale: 0,
      fragmentCount: 0,
      completeBytes: 0,
      durationMs: 0,
      secondBytes: [],
      codec: null,
      closedCleanly: false,
      initEnd: 0,
      keyframes: [],
    };
    let sawFtyp = false;
    let defaults: TrackDefaults = { duration: 0, size: 0, flags: 0 };
    let nal: NalCodec | null = null;
    let syncTrusted = true;
    let pending: FragmentSamples | null = null;
    let pendingAt = 0;
    let firstDts: number | null = null;
    let endDts = 0;
    const samples: Fmp4Sample[] = [];
    let at = 0;
    while (at + 8 <= fileBytes) {
      const headBuf = await readAt(fh, at, Math.min(HEADER, fileBytes - at));
      const h = parseHeader(headBuf, 0, fileBytes - at);
      if (!h || at + h.size > fileBytes) break; // torn box: the tail of a killed recording
      if (h.type === 'ftyp') {
        sawFtyp = true;
        result.completeBytes = at + h.size;
      } else if (h.type === 'moov' || h.type === 'moof') {
        if (h.size > MAX_META_BOX) break;
        const body = await readAt(fh, at + h.headerSize, h.size - h.headerSize);
        if (h.type === 'moov') {
          const moov = parseMoov(body);
          result.timescale = moov.timescale;
          result.codec = moov.codec;
          defaults = moov.defaults;
          nal = moov.nal;
          result.hasInit = sawFtyp && moov.timescale > 0;
          result.completeBytes = at + h.size;
          if (result.hasInit) result.initEnd = at + h.size;
        } else {
          pending = parseMoof(body, defaults);
          pendingAt = at;
        }
      } else if (h.type === 'mdat') {
        if (pending && result.hasInit) {
          // A fragment counts once its mdat is complete on disk.
          if (syncTrusted && pending.samples.length > 0 && !(pending.firstFlags & NON_SYNC)) {
            const dataAt =
              pending.dataOffset === null ? at + h.headerSize : pendingAt + pending.dataOffset;
            const size = pending.samples[0]!.size;
            // Trust the flag only as far as the picture confirms it (see Fmp4Scan.keyframes).
            const inMdat = dataAt >= at + h.headerSize && dataAt + size <= at + h.size;
            const read = (offset: number, length: number) => readAt(fh, offset, length);
            if (nal && inMdat && (await firstPictureIsKeyframe(read, dataAt, size, nal))) {
              // Its presentation time, rounded up: a keyframe listed at or before a
              // target never shows after it.
              const fromFirst = pending.baseDts + pending.firstCto - (firstDts ?? pending.baseDts);
              result.keyframes.push({
                ms: Math.ceil((fromFirst * 1000) / result.timescale),
                offset: pendingAt,
              });
            } else {
              syncTrusted = false;
            }
          }
          let dts = pending.baseDts;
          for (const s of pending.samples) {
            firstDts ??= dts;
            samples.push({ dts: dts - firstDts, duration: s.duration, size: s.size });
            dts += s.duration;
          }
          endDts = dts;
          result.fragmentCount++;
          result.completeBytes = at + h.size;
        }
        pending = null;
      } else if (result.fragmentCount > 0) {
        // Trailing complete boxes (mfra, written on a clean close) are part of a whole file.
        result.completeBytes = at + h.size;
        if (h.type === 'mfra') result.closedCleanly = true;
      }
      at += h.size;
    }
    if (!syncTrusted) result.keyframes = [];
    if (result.timescale > 0 && firstDts !== null) {
      result.durationMs = Math.round(((endDts - firstDts) * 1000) / result.timescale);
      for (const s of samples) {
        const second = Math.floor(s.dts / result.timescale);
        while (result.secondBytes.length <= second) result.secondBytes.push(0);
        result.secondBytes[second] = (result.secondBytes[second] ?? 0) + s.size;
      }
    }
    return result;
  } finally {
    await fh.close();
  }
}
