// A shift's span as the duty room writes it: "07:00 – 19:00, 12/06/2026" within a
// day, "19:00 12/06/2026 – 07:00 13/06/2026" across midnight (station time).
import type { Language } from '../../electron/contract/schemas';
import { formatDate, formatHourMinute } from '../i18n/format-time';

export function formatShiftRange(fromMs: number, toMs: number | null, language: Language): string {
  const fromDay = formatDate(fromMs, language);
  const from = formatHourMinute(fromMs, language);
  if (toMs === null) return `${from} ${fromDay} – …`;
  const toDay = formatDate(toMs, language);
  const to = formatHourMinute(toMs, language);
  return fromDay === toDay ? `${from} – ${to}, ${fromDay}` : `${from} ${fromDay} – ${to} ${toDay}`;
}

/** "14:05 12/06/2026": time first, the way a log entry is read aloud. */
export function formatTimeDay(ms: number, language: Language): string {
  return `${formatHourMinute(ms, language)} ${formatDate(ms, language)}`;
}

/** "14:05" on the shift's first day, "02:10 13/06" after midnight: short, never ambiguous. */
export function formatInShift(ms: number, shiftStartMs: number, language: Language): string {
  const time = formatHourMinute(ms, language);
  const day = formatDate(ms, language);
  return day === formatDate(shiftStartMs, language) ? time : `${time} ${day.slice(0, 5)}`;
}
