// Station time: the duty room's wall clock, Asia/Ho_Chi_Minh, which has kept UTC+7
// without daylight saving since 1975. Both processes compute it from this fixed
// offset, so reports, file names and typed times read the same whatever time zone
// the PC is set to. The console's locale-aware clocks format with STATION_TIME_ZONE.

export const STATION_TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const STATION_UTC_OFFSET_MINUTES = 420;
export const STATION_UTC_OFFSET_MS = STATION_UTC_OFFSET_MINUTES * 60_000;

export interface WallTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock fields of an instant at the station (or at another fixed offset). */
export function stationWallClock(ms: number, offsetMinutes = STATION_UTC_OFFSET_MINUTES): WallTime {
  const d = new Date(ms + offsetMinutes * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** A wall-clock time at the station → epoch ms; null when it does not exist (31/02, 25:00). */
export function stationWallTimeToMs(w: WallTime): number | null {
  const ms =
    Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - STATION_UTC_OFFSET_MS;
  // Date.UTC silently rolls 31/02 over into March: a time that does not read back is refused.
  const back = stationWallClock(ms);
  const same =
    back.year === w.year &&
    back.month === w.month &&
    back.day === w.day &&
    back.hour === w.hour &&
    back.minute === w.minute &&
    back.second === w.second;
  return same ? ms : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** dd/MM/yyyy */
export function formatStationDate(ms: number, offsetMinutes = STATION_UTC_OFFSET_MINUTES): string {
  const w = stationWallClock(ms, offsetMinutes);
  return `${pad(w.day)}/${pad(w.month)}/${w.year}`;
}

/** dd/MM/yyyy HH:mm (vi-VN, 24-hour clock). */
export function formatStationDateTime(
  ms: number,
  offsetMinutes = STATION_UTC_OFFSET_MINUTES,
): string {
  const w = stationWallClock(ms, offsetMinutes);
  return `${formatStationDate(ms, offsetMinutes)} ${pad(w.hour)}:${pad(w.minute)}`;
}

/** yyyy-MM-dd, for file names and date inputs. */
export function formatStationIsoDate(
  ms: number,
  offsetMinutes = STATION_UTC_OFFSET_MINUTES,
): string {
  const w = stationWallClock(ms, offsetMinutes);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/**
 * dd/MM/yyyy HH:mm:ss: evidence times (the UTC ISO form next to them keeps the
 * milliseconds) and the form an officer types a time in.
 */
export function formatStationDateTimeSeconds(
  ms: number,
  offsetMinutes = STATION_UTC_OFFSET_MINUTES,
): string {
  const w = stationWallClock(ms, offsetMinutes);
  return `${formatStationDateTime(ms, offsetMinutes)}:${pad(w.second)}`;
}

const DATE_TIME = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const DATE_ONLY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const DAY_MS = 24 * 3600_000;

/** "dd/MM/yyyy HH:mm[:ss]" in station time → epoch ms; null when it is not a real time. */
export function parseStationDateTime(text: string): number | null {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return null;
  const [, d, mo, y, h, mi, s] = m;
  return stationWallTimeToMs({
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: s === undefined ? 0 : Number(s),
  });
}

/** "dd/MM/yyyy" → the station-time day as [its midnight, the next midnight); null when invalid. */
export function parseStationDate(text: string): { startMs: number; endMs: number } | null {
  const m = DATE_ONLY.exec(text.trim());
  if (!m) return null;
  const [, d, mo, y] = m;
  const startMs = stationWallTimeToMs({
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: 0,
    minute: 0,
    second: 0,
  });
  return startMs === null ? null : { startMs, endMs: startMs + DAY_MS };
}
