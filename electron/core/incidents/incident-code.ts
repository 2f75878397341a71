// Human incident numbers: <year>-<NNNN>, a sequence that restarts every year of
// station time (a Hanoi station's New Year starts at 17:00 UTC, not 00:00).
import { stationWallClock } from '../../contract/station-time';
import type { Queryable } from '../db/database';

/** The calendar fields of an instant in station time. */
export function stationDate(ms: number, utcOffsetMinutes: number): { year: number; month: number } {
  const { year, month } = stationWallClock(ms, utcOffsetMinutes);
  return { year, month };
}

/** The next free code of the year `atMs` falls in; call inside the writing transaction. */
export async function nextIncidentCode(
  q: Queryable,
  atMs: number,
  utcOffsetMinutes: number,
): Promise<string> {
  const { year } = stationDate(atMs, utcOffsetMinutes);
  // Numeric MAX, not text order: the 10 000th incident of a year sorts after 9999.
  const row = await q.get<{ n: number | null }>(
    "SELECT MAX(CAST(substr(code, 6) AS INTEGER)) AS n FROM incidents WHERE code LIKE ? || '-%'",
    [String(year)],
  );
  return `${year}-${String((row?.n ?? 0) + 1).padStart(4, '0')}`;
}
