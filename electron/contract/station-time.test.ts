import { describe, expect, it } from 'vitest';
import {
  formatStationDate,
  formatStationDateTime,
  formatStationDateTimeSeconds,
  formatStationIsoDate,
  parseStationDate,
  parseStationDateTime,
  STATION_TIME_ZONE,
  STATION_UTC_OFFSET_MS,
  stationWallClock,
} from './station-time';

// 2026-03-05 07:30:00 UTC = 14:30 in Vietnam (UTC+7).
const afternoon = Date.UTC(2026, 2, 5, 7, 30, 0);

describe('station time', () => {
  it('is the offset the time zone database gives Asia/Ho_Chi_Minh', () => {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: STATION_TIME_ZONE,
      hour: '2-digit',
      hourCycle: 'h23',
    });
    for (const ms of [afternoon, Date.UTC(2026, 6, 1, 20, 0, 0)]) {
      const zoneHour = Number(parts.format(ms));
      expect(zoneHour).toBe(new Date(ms + STATION_UTC_OFFSET_MS).getUTCHours());
    }
  });

  it('formats at UTC+7 across midnight, whatever the machine zone', () => {
    const lateUtc = Date.UTC(2026, 11, 31, 17, 30); // 00:30 on 01/01/2027 in Hà Nội
    expect(formatStationDateTime(lateUtc)).toBe('01/01/2027 00:30');
    expect(formatStationIsoDate(lateUtc)).toBe('2027-01-01');
    expect(formatStationDateTime(lateUtc, 0)).toBe('31/12/2026 17:30');
    expect(stationWallClock(lateUtc)).toEqual({
      year: 2027,
      month: 1,
      day: 1,
      hour: 0,
      minute: 30,
      second: 0,
    });
  });

  it('formats the text an officer reads and types', () => {
    expect(formatStationDateTimeSeconds(afternoon)).toBe('05/03/2026 14:30:00');
    // 17:00 UTC is already the next day in Vietnam.
    expect(formatStationDateTimeSeconds(Date.UTC(2026, 2, 5, 17, 0, 0))).toBe(
      '06/03/2026 00:00:00',
    );
    expect(formatStationDate(Date.UTC(2026, 2, 5, 17, 0, 0))).toBe('06/03/2026');
  });

  it('parses what it formats, with or without seconds', () => {
    expect(parseStationDateTime('05/03/2026 14:30:00')).toBe(afternoon);
    expect(parseStationDateTime('  5/3/2026 14:30 ')).toBe(afternoon);
    expect(parseStationDateTime('06/03/2026 00:00:00')).toBe(Date.UTC(2026, 2, 5, 17, 0, 0));
    const odd = Date.UTC(2025, 11, 31, 23, 59, 58);
    expect(parseStationDateTime(formatStationDateTimeSeconds(odd))).toBe(odd);
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
