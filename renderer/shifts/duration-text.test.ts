import { describe, expect, it } from 'vitest';
import { createTranslator } from '../i18n/translate';
import { formatDurationWords } from './duration-text';

const vi = createTranslator('vi');
const en = createTranslator('en');
const sec = 1000;
const min = 60 * sec;
const hour = 60 * min;

describe('duration in words', () => {
  it('reads like the handover report in Vietnamese', () => {
    expect(formatDurationWords(0, vi)).toBe('0 giây');
    expect(formatDurationWords(59_999, vi)).toBe('59 giây');
    expect(formatDurationWords(3 * min + 20 * sec, vi)).toBe('3 phút 20 giây');
    expect(formatDurationWords(3 * min, vi)).toBe('3 phút');
    expect(formatDurationWords(42 * min + 30 * sec, vi)).toBe('42 phút');
    expect(formatDurationWords(hour + 5 * min, vi)).toBe('1 giờ 5 phút');
    expect(formatDurationWords(8 * hour, vi)).toBe('8 giờ');
    expect(formatDurationWords(51 * hour, vi)).toBe('2 ngày 3 giờ');
    expect(formatDurationWords(48 * hour + 59 * min, vi)).toBe('2 ngày');
  });

  it('never goes negative and speaks English too', () => {
    expect(formatDurationWords(-5000, vi)).toBe('0 giây');
    expect(formatDurationWords(hour + 5 * min, en)).toBe('1 h 5 min');
    expect(formatDurationWords(45 * sec, en)).toBe('45 s');
  });
});
