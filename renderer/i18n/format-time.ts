// Dates and times as the duty room reads them: 24-hour, dd/MM/yyyy HH:mm:ss,
// always in Vietnam's time zone whatever the machine's zone is.
import type { Language } from '../../electron/contract/schemas';

export const STATION_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const localeOf: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };
const formatters = new Map<string, Intl.DateTimeFormat>();

function partsOf(ms: number, language: Language): Record<string, string> {
  const locale = localeOf[language];
  let fmt = formatters.get(locale);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(locale, {
      timeZone: STATION_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(locale, fmt);
  }
  const out: Record<string, string> = {};
  for (const p of fmt.formatToParts(ms)) out[p.type] = p.value;
  return out;
}

// Assembled from parts because vi-VN's default order is "HH:mm:ss dd/MM/yyyy".
export function formatDateTime(ms: number, language: Language): string {
  const p = partsOf(ms, language);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

export function formatDate(ms: number, language: Language): string {
  const p = partsOf(ms, language);
  return `${p.day}/${p.month}/${p.year}`;
}

/** HH:mm, e.g. "Mất kết nối từ 14:05". */
export function formatHourMinute(ms: number, language: Language): string {
  const p = partsOf(ms, language);
  return `${p.hour}:${p.minute}`;
}

/** HH:mm:ss for clocks. */
export function formatClock(ms: number, language: Language): string {
  const p = partsOf(ms, language);
  return `${p.hour}:${p.minute}:${p.second}`;
}

/** "Thứ Sáu" / "Friday" in the station's time zone. */
export function formatWeekday(ms: number, language: Language): string {
  const s = new Intl.DateTimeFormat(localeOf[language], {
    timeZone: STATION_TIME_ZONE,
    weekday: 'long',
  }).format(ms);
  return s.charAt(0).toUpperCase() + s.slice(1);
}
