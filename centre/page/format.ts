// Times as the duty room reads them: station time (Asia/Ho_Chi_Minh), 24-hour clock.
import { STATION_TIME_ZONE } from '../../electron/contract/station-time';
import type { Language } from './messages';

const locale = (l: Language) => (l === 'vi' ? 'vi-VN' : 'en-GB');

export function formatDateTime(ms: number, l: Language): string {
  return new Intl.DateTimeFormat(locale(l), {
    timeZone: STATION_TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(ms);
}

export function formatTime(ms: number, l: Language): string {
  return new Intl.DateTimeFormat(locale(l), {
    timeZone: STATION_TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(ms);
}

export function formatDate(ms: number, l: Language): string {
  return new Intl.DateTimeFormat(locale(l), {
    timeZone: STATION_TIME_ZONE,
    weekday: 'long',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(ms);
}

/** "3 phút" / "3 min": how long ago, coarse. */
export function formatAge(ms: number, l: Language): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const vi = l === 'vi';
  if (s < 60) return vi ? `${s} giây` : `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return vi ? `${m} phút` : `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return vi ? `${h} giờ` : `${h} h`;
  const d = Math.floor(h / 24);
  return vi ? `${d} ngày` : `${d} days`;
}

/** yyyy-mm-dd of the station day holding ms, for <input type=date>. */
export function isoDay(ms: number): string {
  return new Date(ms + 7 * 3600_000).toISOString().slice(0, 10);
}

/** Station midnight of a yyyy-mm-dd. */
export function dayStartMs(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - 7 * 3600_000;
}
