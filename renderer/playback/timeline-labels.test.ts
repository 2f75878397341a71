import { describe, expect, it } from 'vitest';
import { dayMonth, tickText } from './timeline-labels';

// 02/06/2025 00:00:00 in Vietnam.
const MIDNIGHT = Date.UTC(2025, 5, 1, 17, 0, 0);

describe('timeline labels', () => {
  it('writes hours, seconds and dates in station time', () => {
    expect(dayMonth(MIDNIGHT)).toBe('02/06');
    expect(tickText(MIDNIGHT + 90 * 60_000, 'minutes', false, 'vi')).toBe('01:30');
    expect(tickText(MIDNIGHT, 'minutes', true, 'vi')).toBe('02/06 00:00');
    expect(tickText(MIDNIGHT + 5_000, 'seconds', false, 'en')).toBe('00:00:05');
    expect(tickText(MIDNIGHT, 'days', true, 'vi')).toBe('02/06');
  });
});
