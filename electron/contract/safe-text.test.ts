import { describe, expect, it } from 'vitest';
import { hasForbiddenCharacters, INVALID_CHARACTERS, multiLine, singleLine } from './safe-text';

describe('safe text', () => {
  it('keeps Vietnamese, punctuation and ordinary symbols', () => {
    for (const ok of ['Ngõ 12 Phan Đình Phùng', 'Tổ dân phố số 5 (TDP-5)', 'rtsp://a/b?c=1&d=2']) {
      expect(singleLine().safeParse(ok).success).toBe(true);
    }
  });

  it.each([
    ['NUL', 'cam\u0000x'],
    ['line feed', 'a\nb'],
    ['escape', 'a\u001b[31mb'],
    ['DEL', 'a\u007fb'],
    ['C1 control', 'a\u0085b'],
    ['right-to-left override', 'Nguy\u202Eễn'],
    ['first-strong isolate', 'a\u2068b'],
    ['right-to-left mark', 'a\u200Fb'],
    ['line separator', 'a\u2028b'],
    ['byte-order mark', '\uFEFFa'],
  ])('refuses a %s in a one-line field', (_name, value) => {
    const r = singleLine().safeParse(value);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe(INVALID_CHARACTERS);
    expect(hasForbiddenCharacters(value)).toBe(true);
  });

  it('lets a multi-line field keep tabs and line breaks, nothing else', () => {
    expect(multiLine().safeParse('Dòng 1\r\n\tDòng 2').success).toBe(true);
    expect(multiLine().safeParse('a\u0000b').success).toBe(false);
    expect(multiLine().safeParse('a\u202Db').success).toBe(false);
  });
});
