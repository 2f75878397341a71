import { describe, expect, it } from 'vitest';
import { CATEGORY_VI, formatDurationVi, labelOf } from './report-labels-vi';

describe('report wording', () => {
  it('writes durations in whole units, the two largest', () => {
    expect(formatDurationVi(0)).toBe('0 giây');
    expect(formatDurationVi(45_999)).toBe('45 giây');
    expect(formatDurationVi(65 * 60_000 + 30_000)).toBe('1 giờ 5 phút');
    expect(formatDurationVi(3 * 3600_000)).toBe('3 giờ');
    expect(formatDurationVi(12 * 60_000)).toBe('12 phút');
    expect(formatDurationVi((2 * 24 + 3) * 3600_000 + 7 * 60_000)).toBe('2 ngày 3 giờ');
    expect(formatDurationVi(24 * 3600_000 + 5 * 60_000)).toBe('1 ngày');
  });

  it('labels known codes and prints unknown ones as they are', () => {
    expect(labelOf(CATEGORY_VI, 'theft')).toBe('Trộm cắp tài sản');
    expect(labelOf(CATEGORY_VI, 'toString')).toBe('toString');
  });
});
