import { describe, expect, it } from 'vitest';
import { decodeSecondBytes, encodeSecondBytes, SECOND_BYTES_UNIT } from './second-bytes';

describe('second bytes', () => {
  it('packs one uint16 per second in 64-byte units and saturates instead of wrapping', () => {
    const blob = encodeSecondBytes([0, 64_000, 100, 10 ** 9]);
    expect(blob.length).toBe(8);
    expect(decodeSecondBytes(blob)).toEqual([
      0,
      64_000,
      2 * SECOND_BYTES_UNIT,
      0xffff * SECOND_BYTES_UNIT,
    ]);
  });
});
