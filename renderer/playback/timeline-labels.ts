// Axis labels and tooltip times of the timeline, in station time.
import type { Language } from '../../electron/contract/schemas';
import { formatStationDate } from '../../electron/contract/station-time';
import { formatClock, formatHourMinute } from '../i18n/format-time';
import type { TickLabel } from './timeline-scale';

/** "dd/MM" of the station day. */
export function dayMonth(ms: number): string {
  return formatStationDate(ms).slice(0, 5);
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
