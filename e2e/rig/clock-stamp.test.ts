import { describe, expect, it } from 'vitest';
import { decodeStamp, stampBandHeight, stampBandWidth, stampEpochMs } from './clock-stamp';

/** Blocks as clock_stamp.py paints them (bits from its stamp_bits), as luma 16/235 after decoding. */
const lumas = (bits: string) => [...bits].map((b) => (b === '1' ? 235 : 16));

// stamp_bits(1344356651) and stamp_bits(2^32 - 1), printed by e2e/rig/clock_stamp.py.
const VALUE = 1344356651;
const BITS = '0111100000110001111000011011111010011010';
const MAX_BITS = '1000000000000000000000000000000000001111';

describe('clock stamp', () => {
  it("reads the rig's blocks: Gray-coded value and CRC", () => {
    expect(decodeStamp(lumas(BITS))).toBe(VALUE);
    expect(decodeStamp(lumas(MAX_BITS))).toBe(2 ** 32 - 1);
  });

  it('rejects a block read wrong, a blank band and a short row', () => {
    for (let i = 0; i < BITS.length; i++) {
      const flipped = lumas(BITS);
      flipped[i] = flipped[i] === 235 ? 16 : 235;
      expect(decodeStamp(flipped)).toBeNull();
    }
    expect(decodeStamp(new Array(40).fill(128))).toBeNull();
    // A black band (no stamp, a black picture) is not the time 0.
    expect(decodeStamp(new Array(40).fill(16))).toBeNull();
    expect(decodeStamp(lumas(BITS).slice(0, 39))).toBeNull();
  });

  it('puts the 32-bit value back on the epoch nearest the reader, across the wrap', () => {
    const now = 1_796_640_686_379;
    const wrap = 2 ** 32;
    expect(stampEpochMs(now % wrap, now)).toBe(now);
    expect(stampEpochMs((now - 350) % wrap, now)).toBe(now - 350);
    // A stamp slightly ahead of the reader (clock steps) stays ahead.
    expect(stampEpochMs((now + 20) % wrap, now)).toBe(now + 20);
    const atWrap = Math.ceil(now / wrap) * wrap; // an epoch ms whose value is 0
    expect(stampEpochMs(wrap - 100, atWrap + 50)).toBe(atWrap - 100);
    expect(stampEpochMs(30, atWrap - 10)).toBe(atWrap + 30);
  });

  it('sizes the band from the picture width (16×32 blocks at 640, 17×34 at D1)', () => {
    expect([stampBandWidth(640), stampBandHeight(640)]).toEqual([640, 32]);
    expect([stampBandWidth(704), stampBandHeight(704)]).toEqual([680, 34]);
  });
});
