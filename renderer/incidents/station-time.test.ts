import { describe, expect, it } from 'vitest';
import {
  formatStationDateInput,
  formatStationInput,
  parseStationDate,
  parseStationDateTime,
} from './station-time';

// 2026-03-05 07:30:00 UTC = 14:30 in Vietnam (UTC+7).
const afternoon = Date.UTC(2026, 2, 5, 7, 30, 0);

describe('station time as typed text', () => {
  it('formats in Vietnam time whatever the machine zone', () => {
    expect(formatStationInput(afternoon)).toBe('05/03/2026 14:30:00');
    // 17:00 UTC is already the next day in Vietnam.
    expect(formatStationInput(Date.UTC(2026, 2, 5, 17, 0, 0))).toBe('06/03/2026 00:00:00');
    expect(formatStationDateInput(Date.UTC(2026, 2, 5, 17, 0, 0))).toBe('06/03/2026');
  });

  it('parses what it formats, with or without seconds', () => {
    expect(parseStationDateTime('05/03/2026 14:30:00')).toBe(afternoon);
    expect(parseStationDateTime('  5/3/2026 14:30 ')).toBe(afternoon);
    expect(parseStationDateTime('06/03/2026 00:00:00')).toBe(Date.UTC(2026, 2, 5, 17, 0, 0));
    const odd = Date.UTC(2025, 11, 31, 23, 59, 58);
    expect(parseStationDateTime(formatStationInput(odd))).toBe(odd);
  });

  it('rejects times that do not exist instead of rolling them over', () => {
    expect(parseStationDateTime('31/02/2026 10:00:00')).toBeNull();
    expect(parseStationDateTime('05/03/2026 24:00')).toBeNull();
    expect(parseStationDateTime('05/03/2026 14:61')).toBeNull();
    expect(parseStationDateTime('2026-03-05 14:30')).toBeNull();
    expect(parseStationDateTime('')).toBeNull();
  });

  it('turns a date into its whole station-time day', () => {
    expect(parseStationDate('05/03/2026')).toEqual({
      startMs: Date.UTC(2026, 2, 4, 17, 0, 0),
      endMs: Date.UTC(2026, 2, 5, 17, 0, 0),
    });
    expect(parseStationDate('29/02/2026')).toBeNull();
    expect(parseStationDate('05/03')).toBeNull();
  });
});
