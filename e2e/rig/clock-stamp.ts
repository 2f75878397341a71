// Reads the wall-clock stamp a rig camera burns into its picture (rtsp_rig.py
// --clock-stamp, clock_stamp.py): STAMP_BLOCKS black/white blocks across the top band,
// the Gray code of the millisecond clock mod 2^32 then a CRC-8 of it. A reader reduces
// the band to one luma value per block (ffmpeg's area scale, or a canvas drawImage
// down to STAMP_BLOCKS × 1) and hands them here.

export const STAMP_BLOCKS = 40;
const VALUE_BITS = 32;
const CRC_POLY = 0x07;
// A non-zero start value: an all-black band (no stamp, or a black picture) fails the CRC.
const CRC_INIT = 0xff;
const WRAP = 2 ** 32;

/** Height of the stamp band for a picture `width` pixels wide (blocks are twice as tall as wide). */
export function stampBandHeight(width: number): number {
  return 2 * Math.max(1, Math.floor(width / STAMP_BLOCKS));
}

/** Width covered by the blocks (the picture's width rounded down to whole blocks). */
export function stampBandWidth(width: number): number {
  return STAMP_BLOCKS * Math.max(1, Math.floor(width / STAMP_BLOCKS));
}

function crc8(bytes: number[]): number {
  let crc = CRC_INIT;
  for (const byte of bytes) {
    crc ^= byte;
    for (let i = 0; i < 8; i++)
      crc = crc & 0x80 ? ((crc << 1) ^ CRC_POLY) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

/**
 * The clock value (ms mod 2^32) the blocks carry, or null when they do not pass the CRC
 * (a torn or blended frame, or a picture without a stamp).
 */
export function decodeStamp(lumas: ArrayLike<number>): number | null {
  if (lumas.length < STAMP_BLOCKS) return null;
  let gray = 0;
  for (let i = 0; i < VALUE_BITS; i++) gray = gray * 2 + (lumas[i]! >= 128 ? 1 : 0);
  let crc = 0;
  for (let i = VALUE_BITS; i < STAMP_BLOCKS; i++) crc = crc * 2 + (lumas[i]! >= 128 ? 1 : 0);
  let value = gray;
  for (let shift = gray >>> 1; shift > 0; shift >>>= 1) value ^= shift;
  value >>>= 0;
  const bytes = [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
  return crc8(bytes) === crc ? value : null;
}

/** The full epoch milliseconds of a stamp, taking the one nearest `nearMs` (the wrap is ~49.7 days). */
export function stampEpochMs(stamp: number, nearMs: number): number {
  const base = nearMs - (((nearMs % WRAP) - stamp + WRAP) % WRAP);
  return nearMs - base > WRAP / 2 ? base + WRAP : base;
}
