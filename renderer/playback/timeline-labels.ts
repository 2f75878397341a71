// Axis labels and tooltip times of the timeline, in station time.
import type { Language } from '../../electron/contract/schemas';
import { formatClock, formatHourMinute, STATION_TIME_ZONE } from '../i18n/format-time';
import type { TickLabel } from './timeline-scale';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: STATION_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The station zone's offset from UTC at `ms` (Vietnam: +7 h all year). */
export function stationOffsetMs(ms: number): number {
  const p: Record<string, number> = {};
  for (const part of parts.formatToParts(ms)) p[part.type] = Number(part.value);
  const wall = Date.UTC(
    p.year ?? 1970,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
  );
  return wall - Math.floor(ms / 1000) * 1000;
}

/** "dd/MM" of the station day. */
export function dayMonth(ms: number): string {
  const p: Record<string, string> = {};
  for (const part of parts.formatToParts(ms)) p[part.type] = part.value;
  return `${p.day}/${p.month}`;
}

/** A major tick's label: the day's first tick carries its date. */
export function tickText(
  ms: number,
  label: TickLabel,
  dayStart: boolean,
  language: Language,
): string {
  if (label === 'days') return dayMonth(ms);
  const time = label === 'seconds' ? formatClock(ms, language) : formatHourMinute(ms, language);
  return dayStart ? `${dayMonth(ms)} ${time}` : time;
}
