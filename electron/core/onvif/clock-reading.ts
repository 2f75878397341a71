// A camera's clock against the station's, from the raw GetSystemDateAndTime
// reply (the library's own parse ignores the time zone and takes local time for
// UTC). Pure: the round trip's send and receive times come from the caller.
import { XMLParser } from 'fast-xml-parser';
import type { ClockLevel } from '../../contract/onvif';
import { STATION_UTC_OFFSET_MINUTES } from '../../contract/station-time';
import { xmlAt as at, xmlText as str } from './xml-tree';

export interface SystemDateAndTime {
  /** The camera's UTC clock (whole seconds), or null when it did not give one. */
  utcMs: number | null;
  /** The camera's local wall time read as if it were UTC, or null. */
  localMs: number | null;
  tz: string | null;
  dst: boolean | null;
  ntp: boolean | null;
}

/** Over this the camera is "lệch giờ" (a warning). */
export const CLOCK_WARNING_MS = 5_000;
/** Over this it is an alarm: footage stamped a minute off misleads. */
export const CLOCK_ALARM_MS = 60_000;
/** How far the camera's local − UTC may be from +7 h and still count as Vietnam's zone. */
const TZ_TOLERANCE_MS = 60_000;
const STATION_OFFSET_MS = STATION_UTC_OFFSET_MINUTES * 60_000;

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
});

/** Parses a GetSystemDateAndTime response; throws when it holds no SystemDateAndTime. */
export function parseSystemDateAndTime(xml: string): SystemDateAndTime {
  const doc = parser.parse(xml) as unknown;
  const sdt = at(doc, 'Envelope', 'Body', 'GetSystemDateAndTimeResponse', 'SystemDateAndTime');
  if (sdt === undefined) throw new Error('no SystemDateAndTime in the reply');
  const type = str(at(sdt, 'DateTimeType'));
  const dst = str(at(sdt, 'DaylightSavings'));
  return {
    utcMs: dateTimeMs(at(sdt, 'UTCDateTime')),
    localMs: dateTimeMs(at(sdt, 'LocalDateTime')),
    tz: str(at(sdt, 'TimeZone', 'TZ')) || null,
    dst: dst === '' ? null : dst === 'true',
    ntp: type === '' ? null : type.toUpperCase() === 'NTP',
  };
}

export interface ClockEstimate {
  offsetMs: number | null;
  uncertaintyMs: number | null;
  tz: string | null;
  tzOk: boolean | null;
  ntp: boolean | null;
  level: ClockLevel;
  /** The camera wrote its local time into the UTC field (it shows as a +7 h offset). */
  localAsUtc: boolean;
}

/**
 * The camera's offset from a reading sent at `sentAt` and answered at `receivedAt`
 * (station clock). The camera's clock was read somewhere in between: the midpoint
 * is the best guess, and it counts whole seconds, so the true time is within the
 * second after the one it says.
 */
export function estimateClock(
  sdt: SystemDateAndTime,
  sentAt: number,
  receivedAt: number,
): ClockEstimate {
  const tzOk = timeZoneOk(sdt);
  const utc = sdt.utcMs ?? null;
  const offsetMs = utc === null ? null : Math.round(utc + 500 - (sentAt + receivedAt) / 2);
  const uncertaintyMs = utc === null ? null : Math.round((receivedAt - sentAt) / 2) + 1_000;
  return {
    offsetMs,
    uncertaintyMs,
    tz: sdt.tz,
    tzOk,
    ntp: sdt.ntp,
    level: clockLevel(offsetMs, tzOk),
    localAsUtc: offsetMs !== null && Math.abs(offsetMs - STATION_OFFSET_MS) <= 2 * CLOCK_ALARM_MS,
  };
}

export function clockLevel(offsetMs: number | null, tzOk: boolean | null): ClockLevel {
  if (tzOk === false) return 'alarm';
  if (offsetMs === null) return 'unknown';
  const off = Math.abs(offsetMs);
  if (off <= CLOCK_WARNING_MS) return 'ok';
  return off <= CLOCK_ALARM_MS ? 'warning' : 'alarm';
}

/**
 * Whether the camera's local time is Vietnam's (UTC+7). Its own local − UTC wins
 * when it gives both; the TZ string must agree when it can be read.
 */
export function timeZoneOk(sdt: SystemDateAndTime): boolean | null {
  const verdicts: boolean[] = [];
  if (sdt.utcMs !== null && sdt.localMs !== null)
    verdicts.push(Math.abs(sdt.localMs - sdt.utcMs - STATION_OFFSET_MS) <= TZ_TOLERANCE_MS);
  const tzMinutes = sdt.tz === null ? null : tzUtcOffsetMinutes(sdt.tz);
  if (tzMinutes !== null) verdicts.push(tzMinutes === STATION_UTC_OFFSET_MINUTES);
  if (verdicts.length === 0) return null;
  return verdicts.every(Boolean);
}

/**
 * Local − UTC in minutes for a camera's TZ string; null when it cannot be read.
 * POSIX offsets are inverted ("ICT-7" and "CST-7:00:00" are UTC+7). Cameras also
 * write "GMT+07:00" / "UTC+7:00" meaning UTC+7 (the trap: read as POSIX it would
 * be UTC−7): a GMT/UTC name with an hh:mm offset is taken literally.
 */
export function tzUtcOffsetMinutes(tz: string): number | null {
  const m = /^\s*(<[^>]+>|[A-Za-z]{3,})([+-]?)(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?/.exec(tz);
  if (!m) return null;
  const [, name = '', sign = '', hh = '0', mm] = m;
  const minutes = Number(hh) * 60 + Number(mm ?? 0);
  if (minutes > 14 * 60) return null;
  const literal = /^(GMT|UTC)$/i.test(name) && mm !== undefined && sign !== '';
  const negative = sign === '-';
  if (literal) return negative ? -minutes : minutes;
  return negative ? minutes : 0 - minutes;
}

function dateTimeMs(node: unknown): number | null {
  if (node === undefined) return null;
  const n = (k1: string, k2: string): number => {
    const v = str(at(node, k1, k2));
    return v === '' ? NaN : Number(v);
  };
  const [year, month, day] = [n('Date', 'Year'), n('Date', 'Month'), n('Date', 'Day')];
  const [hour, minute, second] = [n('Time', 'Hour'), n('Time', 'Minute'), n('Time', 'Second')];
  const all = [year, month, day, hour, minute, second];
  if (all.some((v) => !Number.isInteger(v)) || year < 1970 || month < 1 || day < 1) return null;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}
