import { describe, expect, it } from 'vitest';
import {
  formatClock,
  formatDate,
  formatDateTime,
  formatHourMinute,
  formatWeekday,
} from './format-time';

// 2026-01-05 17:04:05 UTC = 2026-01-06 00:04:05 in Vietnam (UTC+7): crosses midnight.
const t = Date.UTC(2026, 0, 5, 17, 4, 5);

describe('time formatting in Asia/Ho_Chi_Minh', () => {
  it('formats dd/MM/yyyy HH:mm:ss in both languages', () => {
    expect(formatDateTime(t, 'vi')).toBe('06/01/2026 00:04:05');
    expect(formatDateTime(t, 'en')).toBe('06/01/2026 00:04:05');
  });

  it('uses a 24-hour clock', () => {
    const afternoon = Date.UTC(2026, 6, 1, 8, 30, 0); // 15:30 local
    expect(formatHourMinute(afternoon, 'vi')).toBe('15:30');
    expect(formatClock(afternoon, 'en')).toBe('15:30:00');
    expect(formatDate(afternoon, 'vi')).toBe('01/07/2026');
  });

  it('does not depend on the machine time zone', () => {
    const before = process.env.TZ;
    try {
      process.env.TZ = 'America/New_York';
      expect(formatHourMinute(t, 'vi')).toBe('00:04');
    } finally {
      process.env.TZ = before;
    }
  });

  it('names the weekday in the station zone', () => {
    expect(formatWeekday(t, 'vi')).toBe('Thứ Ba');
    expect(formatWeekday(t, 'en')).toBe('Tuesday');
  });
});
