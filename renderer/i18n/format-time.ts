// Dates and times as the duty room reads them: 24-hour, dd/MM/yyyy HH:mm:ss,
// always in station time whatever the machine's zone is. Both languages write the
// same digits; only the weekday's name depends on the language.
import type { Language } from '../../electron/contract/schemas';
import {
  formatStationDate,
  formatStationDateTimeSeconds,
  STATION_TIME_ZONE,
  stationWallClock,
} from '../../electron/contract/station-time';

const localeOf: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };
const pad = (n: number) => String(n).padStart(2, '0');

export function formatDateTime(ms: number, _language: Language): string {
  return formatStationDateTimeSeconds(ms);
}

export function formatDate(ms: number, _language: Language): string {
  return formatStationDate(ms);
}

/** HH:mm, e.g. "Mất kết nối từ 14:05". */
export function formatHourMinute(ms: number, _language: Language): string {
  const w = stationWallClock(ms);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** HH:mm:ss for clocks. */
export function formatClock(ms: number, _language: Language): string {
  const w = stationWallClock(ms);
  return `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

/** "Thứ Sáu" / "Friday" in the station's time zone. */
export function formatWeekday(ms: number, language: Language): string {
  const s = new Intl.DateTimeFormat(localeOf[language], {
    timeZone: STATION_TIME_ZONE,
    weekday: 'long',
  }).format(ms);
  return s.charAt(0).toUpperCase() + s.slice(1);
}
