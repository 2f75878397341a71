import { describe, expect, it } from 'vitest';
import {
  clockLevel,
  estimateClock,
  parseSystemDateAndTime,
  timeZoneOk,
  tzUtcOffsetMinutes,
} from './clock-reading';

function reply(opts: {
  utc?: [number, number, number, number, number, number];
  local?: [number, number, number, number, number, number];
  tz?: string;
  type?: string;
  dst?: boolean;
}): string {
  const dt = (tag: string, v?: number[]): string =>
    v
      ? `<tt:${tag}><tt:Time><tt:Hour>${v[3]}</tt:Hour><tt:Minute>${v[4]}</tt:Minute><tt:Second>${v[5]}</tt:Second></tt:Time>` +
        `<tt:Date><tt:Year>${v[0]}</tt:Year><tt:Month>${v[1]}</tt:Month><tt:Day>${v[2]}</tt:Day></tt:Date></tt:${tag}>`
      : '';
  return (
    '<?xml version="1.0"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" ' +
    'xmlns:tds="http://www.onvif.org/ver10/device/wsdl" xmlns:tt="http://www.onvif.org/ver10/schema"><SOAP-ENV:Body>' +
    '<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime>' +
    `<tt:DateTimeType>${opts.type ?? 'Manual'}</tt:DateTimeType><tt:DaylightSavings>${opts.dst ?? false}</tt:DaylightSavings>` +
    (opts.tz !== undefined ? `<tt:TimeZone><tt:TZ>${opts.tz}</tt:TZ></tt:TimeZone>` : '') +
    dt('UTCDateTime', opts.utc) +
    dt('LocalDateTime', opts.local) +
    '</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>'
  );
}

describe('parseSystemDateAndTime', () => {
  it('reads UTC, local time, TZ, DST and NTP from the raw reply', () => {
    const sdt = parseSystemDateAndTime(
      reply({
        utc: [2026, 12, 7, 1, 2, 3],
        local: [2026, 12, 7, 8, 2, 3],
        tz: 'ICT-7',
        type: 'NTP',
      }),
    );
    expect(sdt).toEqual({
      utcMs: Date.UTC(2026, 11, 7, 1, 2, 3),
      localMs: Date.UTC(2026, 11, 7, 8, 2, 3),
      tz: 'ICT-7',
      dst: false,
      ntp: true,
    });
  });

  it('a reply without UTC gives a null UTC (not local time taken for UTC)', () => {
    const sdt = parseSystemDateAndTime(reply({ local: [2026, 12, 7, 8, 0, 0], tz: 'ICT-7' }));
    expect(sdt.utcMs).toBeNull();
    expect(sdt.localMs).toBe(Date.UTC(2026, 11, 7, 8, 0, 0));
    expect(estimateClock(sdt, 0, 10).offsetMs).toBeNull();
    expect(estimateClock(sdt, 0, 10).level).toBe('unknown');
  });

  it('throws on a reply that is not a GetSystemDateAndTimeResponse', () => {
    expect(() => parseSystemDateAndTime('<html>401</html>')).toThrow();
  });
});

describe('estimateClock', () => {
  const utc = Date.UTC(2026, 11, 7, 1, 0, 0);
  const sdt = (offsetS: number, tz = 'ICT-7') => {
    const d = new Date(utc + offsetS * 1000);
    const parts = (t: Date): [number, number, number, number, number, number] => [
      t.getUTCFullYear(),
      t.getUTCMonth() + 1,
      t.getUTCDate(),
      t.getUTCHours(),
      t.getUTCMinutes(),
      t.getUTCSeconds(),
    ];
    const local = new Date(d.getTime() + 7 * 3600_000);
    return parseSystemDateAndTime(reply({ utc: parts(d), local: parts(local), tz }));
  };

  it('offset = camera UTC (+ half its whole second) − the round trip midpoint', () => {
    // Sent at utc − 100 ms, answered at utc + 100 ms: the midpoint is utc.
    const e = estimateClock(sdt(7200), utc - 100, utc + 100);
    expect(e.offsetMs).toBe(7_200_500);
    expect(e.uncertaintyMs).toBe(1_100);
    expect(e.level).toBe('alarm');
    expect(e.tzOk).toBe(true);
  });

  it('levels: ≤ 5 s ok, ≤ 60 s warning, beyond alarm', () => {
    expect(estimateClock(sdt(3), utc, utc).level).toBe('ok');
    expect(estimateClock(sdt(8), utc, utc).level).toBe('warning');
    expect(estimateClock(sdt(-59), utc, utc).level).toBe('warning');
    expect(estimateClock(sdt(61), utc, utc).level).toBe('alarm');
  });

  it('a wrong time zone is an alarm even with an exact clock', () => {
    const e = estimateClock(sdt(0, 'GMT0'), utc, utc);
    expect(e.tzOk).toBe(false);
    expect(e.level).toBe('alarm');
  });

  it('flags local time written into the UTC field (+7 h)', () => {
    expect(estimateClock(sdt(7 * 3600), utc, utc).localAsUtc).toBe(true);
    expect(estimateClock(sdt(2 * 3600), utc, utc).localAsUtc).toBe(false);
  });
});

describe('time zones', () => {
  it.each([
    ['ICT-7', 420],
    ['CST-7:00:00', 420],
    ['<+07>-7', 420],
    ['GMT+07:00', 420],
    ['UTC+7:00', 420],
    ['GMT-07:00', -420],
    ['GMT0', 0],
    ['EST5EDT,M3.2.0,M11.1.0', -300],
    ['UTC', null],
    ['', null],
  ])('%s → %s minutes', (tz, minutes) => {
    expect(tzUtcOffsetMinutes(tz)).toBe(minutes);
  });

  it("the camera's own local − UTC wins over a TZ string that reads right", () => {
    const base = {
      utcMs: 0,
      tz: 'ICT-7',
      dst: false,
      ntp: false,
    };
    expect(timeZoneOk({ ...base, localMs: 7 * 3600_000 })).toBe(true);
    expect(timeZoneOk({ ...base, localMs: -7 * 3600_000 })).toBe(false);
    expect(timeZoneOk({ ...base, localMs: null, tz: null })).toBeNull();
  });

  it('clockLevel without a reading is unknown unless the zone is wrong', () => {
    expect(clockLevel(null, null)).toBe('unknown');
    expect(clockLevel(null, false)).toBe('alarm');
  });
});
