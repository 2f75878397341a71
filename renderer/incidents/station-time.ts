// Typing dates and times in station time (Asia/Ho_Chi_Minh) whatever the PC's
// zone is. Plain text "dd/MM/yyyy HH:mm:ss" rather than <input type="datetime-local">,
// whose picker follows the OS locale and may show a 12-hour US format.
import { STATION_TIME_ZONE } from '../i18n/format-time';

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: STATION_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallTimeOf(ms: number): WallTime {
  const p: Record<string, number> = {};
  for (const part of wallClock.formatToParts(ms)) p[part.type] = Number(part.value);
  return {
    year: p.year ?? 0,
    month: p.month ?? 0,
    day: p.day ?? 0,
    hour: p.hour ?? 0,
    minute: p.minute ?? 0,
    second: p.second ?? 0,
  };
}

/** The station zone's offset from UTC at an instant, in ms (Vietnam: +7 h, no DST). */
function zoneOffsetMs(ms: number): number {
  const w = wallTimeOf(ms);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - (ms - (ms % 1000));
}

/** A wall-clock time in the station zone → epoch ms; null when the date does not exist. */
export function stationWallTimeToMs(w: WallTime): number | null {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const ms = asUtc - zoneOffsetMs(asUtc);
  const back = wallTimeOf(ms);
  // Rejects 31/02 and 25:00, which Date.UTC would silently roll over.
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

/** "dd/MM/yyyy HH:mm:ss" in station time, the form the officer edits. */
export function formatStationInput(ms: number): string {
  const w = wallTimeOf(ms);
  return `${pad(w.day)}/${pad(w.month)}/${w.year} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

/** "dd/MM/yyyy" in station time. */
export function formatStationDateInput(ms: number): string {
  const w = wallTimeOf(ms);
  return `${pad(w.day)}/${pad(w.month)}/${w.year}`;
}

const DATE_TIME = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const DATE_ONLY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

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

/** "dd/MM/yyyy" → the station-time day as [start, next day's start); null when invalid. */
export function parseStationDate(text: string): { startMs: number; endMs: number } | null {
  const m = DATE_ONLY.exec(text.trim());
  if (!m) return null;
  const [, d, mo, y] = m;
  const day = { year: Number(y), month: Number(mo), day: Number(d), hour: 0, minute: 0, second: 0 };
  const startMs = stationWallTimeToMs(day);
  if (startMs === null) return null;
  // The next midnight, found from the wall clock so a zone with DST would still be right.
  const next = wallTimeOf(startMs + 36 * 3600_000);
  const endMs = stationWallTimeToMs({ ...next, hour: 0, minute: 0, second: 0 });
  return endMs === null ? null : { startMs, endMs };
}
