import { describe, expect, it } from 'vitest';
import { Fmp4StreamSplitter } from './fmp4-stream-splitter';

function box(type: string, payload: number[]): number[] {
  const size = 8 + payload.length;
  return [
    size >>> 24,
    (size >>> 16) & 255,
    (size >>> 8) & 255,
    size & 255,
    ...[...type].map((c) => c.charCodeAt(0)),
    ...payload,
  ];
}

const file = [
  ...box('ftyp', [1, 2, 3, 4]),
  ...box('moov', [5, 6]),
  ...box('moof', [7]),
  ...box('mdat', [8, 9, 10]),
  ...box('moof', [11]),
  ...box('mdat', [12]),
];

describe('Fmp4StreamSplitter', () => {
  it('hands out the init once and each moof+mdat pair, however the bytes are chunked', () => {
    for (const step of [1, 3, 7, file.length]) {
      const s = new Fmp4StreamSplitter();
      const pieces = [];
      for (let i = 0; i < file.length; i += step) {
        pieces.push(...s.push(Uint8Array.from(file.slice(i, i + step))));
      }
      expect(
        pieces.map((p) => p.kind),
        `step ${step}`,
      ).toEqual(['init', 'media', 'media']);
      expect(Array.from(pieces[0]!.bytes)).toEqual(file.slice(0, 22));
      expect(Array.from(pieces[1]!.bytes)).toEqual(file.slice(22, 22 + 9 + 11));
      expect(Array.from(pieces[2]!.bytes)).toEqual(file.slice(42));
    }
  });

  it('keeps a torn fragment back until it is complete and refuses a box it cannot size', () => {
    const s = new Fmp4StreamSplitter();
    expect(s.push(Uint8Array.from(file.slice(0, 30))).map((p) => p.kind)).toEqual(['init']);
    expect(s.push(Uint8Array.from(file.slice(30, 41)))).toEqual([]);
    expect(s.push(Uint8Array.from(file.slice(41, 42))).map((p) => p.kind)).toEqual(['media']);
    expect(() =>
      new Fmp4StreamSplitter().push(Uint8Array.from([0, 0, 0, 3, 109, 111, 111, 118])),
    ).toThrow();
  });
});
