import { describe, expect, it } from 'vitest';
import { formatInShift, formatShiftRange, formatTimeDay } from './shift-time';

// 12/06/2026 07:00 in Asia/Ho_Chi_Minh is 00:00 UTC.
const day = Date.UTC(2026, 5, 12, 0, 0);
const hour = 3600_000;

describe('shift span', () => {
  it('writes a day shift once with its date, in station time', () => {
    expect(formatShiftRange(day, day + 12 * hour, 'vi')).toBe('07:00 – 19:00, 12/06/2026');
  });

  it('writes both dates for a night shift across midnight', () => {
    expect(formatShiftRange(day + 12 * hour, day + 24 * hour, 'vi')).toBe(
      '19:00 12/06/2026 – 07:00 13/06/2026',
    );
  });

  it('leaves an open shift open', () => {
    expect(formatShiftRange(day, null, 'vi')).toBe('07:00 12/06/2026 – …');
    expect(formatTimeDay(day + 90_000, 'vi')).toBe('07:01 12/06/2026');
  });
});

describe('times inside a shift', () => {
  it('adds the day only after midnight', () => {
    const start = day + 12 * hour; // 19:00 12/06
    expect(formatInShift(start + 2 * hour, start, 'vi')).toBe('21:00');
    expect(formatInShift(start + 7 * hour + 10 * 60_000, start, 'vi')).toBe('02:10 13/06');
  });
});
