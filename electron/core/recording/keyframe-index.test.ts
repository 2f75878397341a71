import { describe, expect, it } from 'vitest';
import {
  decodeKeyframes,
  encodeKeyframes,
  keyframeAtOrBefore,
  keyframeIndexOf,
  type KeyframeIndex,
} from './keyframe-index';

/** A 60 s segment's index: a keyframe every `gopMs`, fragments of about `bytesPerGop`. */
function regularIndex(gopMs: number, bytesPerGop: number, initEnd = 771): KeyframeIndex {
  const keyframes = [];
  for (let ms = 0; ms < 60_000; ms += gopMs) {
    keyframes.push({ ms, offset: initEnd + (ms / gopMs) * bytesPerGop + (ms % 7) });
  }
  return { initEnd, keyframes };
}

describe('keyframe index encoding', () => {
  it('round-trips, in about 4 bytes a keyframe at recorded bitrates', () => {
    for (const gop of [1000, 2000, 4000]) {
      const index = regularIndex(gop, 250_000 * (gop / 1000));
      const blob = encodeKeyframes(index);
      expect(decodeKeyframes(index.initEnd, blob)).toEqual(index);
      expect(blob.length).toBeLessThanOrEqual(1 + index.keyframes.length * 6);
    }
    expect(encodeKeyframes(regularIndex(1000, 250_000)).length).toBeLessThan(360);
    expect(encodeKeyframes(regularIndex(4000, 1_000_000)).length).toBeLessThan(100);
  });

  it('keeps offsets past 4 GiB exact', () => {
    const index = {
      initEnd: 800,
      keyframes: [
        { ms: 0, offset: 800 },
        { ms: 900_000, offset: 2 ** 33 + 5 },
      ],
    };
    expect(decodeKeyframes(800, encodeKeyframes(index))).toEqual(index);
  });

  it('refuses a truncated or padded blob instead of guessing offsets', () => {
    const blob = encodeKeyframes(regularIndex(2000, 500_000));
    expect(() => decodeKeyframes(771, blob.subarray(0, blob.length - 1))).toThrow(/truncated/);
    expect(() => decodeKeyframes(771, Buffer.concat([blob, Buffer.from([0])]))).toThrow(/trailing/);
    expect(() => decodeKeyframes(771, Buffer.from([0xff, 0x7f]))).toThrow(/truncated/);
  });

  it('refuses to encode keyframes out of order', () => {
    expect(() =>
      encodeKeyframes({
        initEnd: 100,
        keyframes: [
          { ms: 0, offset: 200 },
          { ms: 1000, offset: 150 },
        ],
      }),
    ).toThrow(/order/);
    expect(() => encodeKeyframes({ initEnd: 100, keyframes: [{ ms: 0, offset: 50 }] })).toThrow(
      /order/,
    );
  });
});

describe('keyframeAtOrBefore', () => {
  const index = regularIndex(2000, 400_000);
  it('finds the keyframe at or before the target, and none before the first', () => {
    expect(keyframeAtOrBefore(index, 0)).toEqual(index.keyframes[0]);
    expect(keyframeAtOrBefore(index, 1999)).toEqual(index.keyframes[0]);
    expect(keyframeAtOrBefore(index, 2000)).toEqual(index.keyframes[1]);
    expect(keyframeAtOrBefore(index, 45_500)).toEqual(index.keyframes[22]);
    expect(keyframeAtOrBefore(index, 600_000)).toEqual(index.keyframes.at(-1));
    const late = { initEnd: 10, keyframes: [{ ms: 500, offset: 10 }] };
    expect(keyframeAtOrBefore(late, 499)).toBeNull();
  });
});

describe('keyframeIndexOf', () => {
  it('gives no index without an init segment or keyframes', () => {
    const keyframes = [{ ms: 0, offset: 771 }];
    expect(keyframeIndexOf({ hasInit: true, initEnd: 771, keyframes })).toEqual({
      initEnd: 771,
      keyframes,
    });
    expect(keyframeIndexOf({ hasInit: false, initEnd: 0, keyframes })).toBeNull();
    expect(keyframeIndexOf({ hasInit: true, initEnd: 771, keyframes: [] })).toBeNull();
  });
});
