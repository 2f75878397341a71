// Reads the NAL unit types of a recorded sample, to check a "sync" flag against
// the picture itself: some cameras flag every frame as sync, and an index built
// on those flags would start playback on pictures that cannot be decoded alone.
// H.264 keyframes are IDR slices; H.265 keyframes are IRAP pictures (BLA/IDR/CRA).

export interface NalCodec {
  kind: 'h264' | 'h265';
  /** Bytes of the length prefix before each NAL unit (avcC/hvcC lengthSizeMinusOne + 1). */
  lengthSize: number;
}

/** VisualSampleEntry fields before its child boxes (ISO/IEC 14496-12 12.1.3). */
const VISUAL_ENTRY_FIELDS = 78;
/** Non-VCL units (parameter sets, SEI, delimiters) before the picture; more means a broken sample. */
const MAX_NALS_BEFORE_PICTURE = 32;
const WINDOW = 512;

/**
 * The NAL framing of the first sample entry of an stsd, given the entry box's offset in
 * `buf` (a moov payload); null for a codec whose samples are not length-prefixed NALs.
 */
export function nalLengthSize(buf: Buffer, entryAt: number, end: number): NalCodec | null {
  if (entryAt + 8 > end) return null;
  const entryEnd = Math.min(end, entryAt + buf.readUInt32BE(entryAt));
  const type = buf.toString('latin1', entryAt + 4, entryAt + 8);
  const kind =
    type === 'avc1' || type === 'avc3'
      ? 'h264'
      : type === 'hvc1' || type === 'hev1'
        ? 'h265'
        : null;
  if (!kind) return null;
  const config = kind === 'h264' ? 'avcC' : 'hvcC';
  // The byte in the config record that holds lengthSizeMinusOne.
  const lengthByte = kind === 'h264' ? 4 : 21;
  let at = entryAt + 8 + VISUAL_ENTRY_FIELDS;
  while (at + 8 <= entryEnd) {
    const size = buf.readUInt32BE(at);
    if (size < 8 || at + size > entryEnd) return null;
    if (buf.toString('latin1', at + 4, at + 8) === config) {
      if (size < 8 + lengthByte + 1) return null;
      return { kind, lengthSize: (buf.readUInt8(at + 8 + lengthByte) & 0x3) + 1 };
    }
    at += size;
  }
  return null;
}

/**
 * Whether the first picture (VCL) NAL unit of the sample at file[at, at+size) is an
 * IDR (H.264) or IRAP (H.265) picture. Reads a few hundred bytes, skipping payloads.
 */
export async function firstPictureIsKeyframe(
  read: (offset: number, length: number) => Promise<Buffer>,
  at: number,
  size: number,
  codec: NalCodec,
): Promise<boolean> {
  const end = at + size;
  let window: Buffer = Buffer.alloc(0);
  let windowAt = at;
  let pos = at;
  for (let i = 0; i < MAX_NALS_BEFORE_PICTURE; i++) {
    const need = codec.lengthSize + 1;
    if (pos + need > end) return false;
    if (pos < windowAt || pos + need > windowAt + window.length) {
      window = await read(pos, Math.min(WINDOW, end - pos));
      windowAt = pos;
      if (window.length < need) return false;
    }
    const rel = pos - windowAt;
    const length = window.readUIntBE(rel, codec.lengthSize);
    const header = window.readUInt8(rel + codec.lengthSize);
    if (codec.kind === 'h264') {
      const type = header & 0x1f;
      if (type >= 1 && type <= 5) return type === 5;
    } else {
      const type = (header >> 1) & 0x3f;
      if (type <= 31) return type >= 16 && type <= 23;
    }
    pos += codec.lengthSize + length;
  }
  return false;
}
