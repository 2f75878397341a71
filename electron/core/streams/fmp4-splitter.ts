// Incremental parser over ffmpeg's fragmented-MP4 stdout: the init segment
// (ftyp+moov) once, then each moof+mdat as one Buffer, flagged when it starts
// with a keyframe, so a client can join (or rejoin after skipping) cleanly.
import { EventEmitter } from 'node:events';

export interface InitSegment {
  data: Buffer;
  /** MSE codec string (avc1.PPCCLL, hvc1.…), null when the sample entry is not recognised. */
  codec: string | null;
}

export interface MediaFragment {
  data: Buffer;
  isKeyframe: boolean;
}

export interface Fmp4SplitterEvents {
  init: [InitSegment];
  fragment: [MediaFragment];
  error: [Error];
}

/** Guards against a corrupt size field making us buffer without bound. */
const MAX_BOX_BYTES = 32 * 1024 * 1024;
const NON_SYNC_SAMPLE = 0x0001_0000;

interface Box {
  type: string;
  start: number;
  /** Offset of the payload (after size/type/largesize). */
  body: number;
  end: number;
}

function readBoxes(buf: Buffer, start: number, end: number): Box[] {
  const boxes: Box[] = [];
  let pos = start;
  while (pos + 8 <= end) {
    let size = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    let body = pos + 8;
    if (size === 1) {
      if (pos + 16 > end) break;
      size = Number(buf.readBigUInt64BE(pos + 8));
      body = pos + 16;
    } else if (size === 0) {
      size = end - pos;
    }
    if (size < body - pos || pos + size > end) break;
    boxes.push({ type, start: pos, body, end: pos + size });
    pos += size;
  }
  return boxes;
}

function child(buf: Buffer, parent: Box, type: string, skip = 0): Box | undefined {
  return readBoxes(buf, parent.body + skip, parent.end).find((b) => b.type === type);
}

function path(buf: Buffer, root: Box, types: string[]): Box | undefined {
  let box: Box | undefined = root;
  for (const t of types) {
    if (!box) return undefined;
    box = child(buf, box, t);
  }
  return box;
}

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

function reverseBits32(v: number): number {
  let r = 0;
  for (let i = 0; i < 32; i++) {
    r = (r << 1) | ((v >>> i) & 1);
  }
  return r >>> 0;
}

/** Codec string from a visual sample entry (ISO/IEC 14496-15 Annex E for HEVC). */
function codecFromSampleEntry(buf: Buffer, entry: Box): string | null {
  // VisualSampleEntry fields take 78 bytes before the child boxes.
  const children = readBoxes(buf, entry.body + 78, entry.end);
  if (entry.type === 'avc1' || entry.type === 'avc3') {
    const avcC = children.find((b) => b.type === 'avcC');
    if (!avcC || avcC.end - avcC.body < 4) return null;
    const p = avcC.body;
    return `${entry.type}.${hex2(buf[p + 1]!)}${hex2(buf[p + 2]!)}${hex2(buf[p + 3]!)}`;
  }
  if (entry.type === 'hvc1' || entry.type === 'hev1') {
    const hvcC = children.find((b) => b.type === 'hvcC');
    if (!hvcC || hvcC.end - hvcC.body < 13) return null;
    const p = hvcC.body;
    const b1 = buf[p + 1]!;
    const space = ['', 'A', 'B', 'C'][b1 >> 6] ?? '';
    const tier = (b1 >> 5) & 1 ? 'H' : 'L';
    const profile = b1 & 0x1f;
    const compat = reverseBits32(buf.readUInt32BE(p + 2)).toString(16);
    const constraints = [...buf.subarray(p + 6, p + 12)];
    while (constraints.length && constraints[constraints.length - 1] === 0) constraints.pop();
    const level = buf[p + 12]!;
    const tail = constraints.map((c) => '.' + c.toString(16).toUpperCase()).join('');
    return `${entry.type}.${space}${profile}.${compat}.${tier}${level}${tail}`;
  }
  return null;
}

function parseMoov(buf: Buffer, moov: Box): { codec: string | null; trexFlags: number | null } {
  let codec: string | null = null;
  for (const trak of readBoxes(buf, moov.body, moov.end).filter((b) => b.type === 'trak')) {
    const stsd = path(buf, trak, ['mdia', 'minf', 'stbl', 'stsd']);
    if (!stsd) continue;
    // stsd is a FullBox (4 bytes) with an entry count (4 bytes) before its entries.
    const entry = readBoxes(buf, stsd.body + 8, stsd.end)[0];
    if (entry) codec = codecFromSampleEntry(buf, entry) ?? codec;
    if (codec) break;
  }
  const trex = path(buf, moov, ['mvex', 'trex']);
  // trex: FullBox(4) track_ID(4) desc_index(4) duration(4) size(4) flags(4).
  const trexFlags = trex && trex.end - trex.body >= 24 ? buf.readUInt32BE(trex.body + 20) : null;
  return { codec, trexFlags };
}

/** Whether the first sample of the first track run in a moof is a sync sample. */
export function moofStartsWithKeyframe(buf: Buffer, moof: Box, trexFlags: number | null): boolean {
  const traf = child(buf, moof, 'traf');
  if (!traf) return false;
  let defaultFlags = trexFlags;
  const tfhd = child(buf, traf, 'tfhd');
  if (tfhd) {
    const flags = buf.readUInt32BE(tfhd.body) & 0xffffff;
    let p = tfhd.body + 8; // version/flags + track_ID
    if (flags & 0x01) p += 8;
    if (flags & 0x02) p += 4;
    if (flags & 0x08) p += 4;
    if (flags & 0x10) p += 4;
    if (flags & 0x20 && p + 4 <= tfhd.end) defaultFlags = buf.readUInt32BE(p);
  }
  const trun = child(buf, traf, 'trun');
  if (!trun) return false;
  const flags = buf.readUInt32BE(trun.body) & 0xffffff;
  let p = trun.body + 8; // version/flags + sample_count
  if (flags & 0x01) p += 4;
  let sampleFlags: number | null = null;
  if (flags & 0x04) {
    sampleFlags = buf.readUInt32BE(p);
  } else if (flags & 0x400) {
    if (flags & 0x100) p += 4;
    if (flags & 0x200) p += 4;
    sampleFlags = buf.readUInt32BE(p);
  } else {
    sampleFlags = defaultFlags;
  }
  return sampleFlags !== null && (sampleFlags & NON_SYNC_SAMPLE) === 0;
}

export class Fmp4Splitter extends EventEmitter<Fmp4SplitterEvents> {
  private pending: Buffer = Buffer.alloc(0);
  private ftyp: Buffer | null = null;
  private initDone = false;
  private trexFlags: number | null = null;
  private moof: { data: Buffer; isKeyframe: boolean } | null = null;
  private failed = false;

  get hasInit(): boolean {
    return this.initDone;
  }

  push(chunk: Buffer): void {
    if (this.failed) return;
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    let pos = 0;
    while (this.pending.length - pos >= 8) {
      let size = this.pending.readUInt32BE(pos);
      if (size === 1) {
        if (this.pending.length - pos < 16) break;
        size = Number(this.pending.readBigUInt64BE(pos + 8));
      }
      if (size < 8 || size > MAX_BOX_BYTES) {
        this.failed = true;
        this.emit('error', new Error('fmp4_bad_box_size'));
        return;
      }
      if (this.pending.length - pos < size) break;
      // Copy out, so a kept box does not pin ffmpeg's whole chunk in memory.
      const box = Buffer.from(this.pending.subarray(pos, pos + size));
      pos += size;
      this.onBox(box);
    }
    this.pending = pos === 0 ? this.pending : Buffer.from(this.pending.subarray(pos));
  }

  /** Drop partial state, e.g. before feeding a new ffmpeg process's output. */
  reset(): void {
    this.pending = Buffer.alloc(0);
    this.ftyp = null;
    this.initDone = false;
    this.trexFlags = null;
    this.moof = null;
    this.failed = false;
  }

  private onBox(box: Buffer): void {
    const type = box.toString('latin1', 4, 8);
    const whole: Box = {
      type,
      start: 0,
      body: box.readUInt32BE(0) === 1 ? 16 : 8,
      end: box.length,
    };
    switch (type) {
      case 'ftyp':
        this.ftyp = box;
        return;
      case 'moov': {
        const { codec, trexFlags } = parseMoov(box, whole);
        this.trexFlags = trexFlags;
        this.initDone = true;
        this.emit('init', { data: this.ftyp ? Buffer.concat([this.ftyp, box]) : box, codec });
        return;
      }
      case 'moof':
        this.moof = { data: box, isKeyframe: moofStartsWithKeyframe(box, whole, this.trexFlags) };
        return;
      case 'mdat':
        if (this.moof && this.initDone) {
          this.emit('fragment', {
            data: Buffer.concat([this.moof.data, box]),
            isKeyframe: this.moof.isKeyframe,
          });
        }
        this.moof = null;
        return;
      default:
        // styp, sidx, free, mfra …: not needed by MSE clients.
        return;
    }
  }
}
