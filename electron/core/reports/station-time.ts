// Station wall-clock formatting for printed documents: a fixed UTC offset, so a
// report reads the same whatever time zone the machine is set to.

/** Asia/Ho_Chi_Minh: UTC+7, no daylight saving. */
export const STATION_UTC_OFFSET_MINUTES = 420;

const pad = (n: number) => String(n).padStart(2, '0');

function shifted(ms: number, offsetMinutes: number): Date {
  return new Date(ms + offsetMinutes * 60_000);
}

/** dd/MM/yyyy */
export function formatStationDate(ms: number, offsetMinutes = STATION_UTC_OFFSET_MINUTES): string {
  const d = shifted(ms, offsetMinutes);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** dd/MM/yyyy HH:mm (vi-VN, 24-hour clock). */
export function formatStationDateTime(
  ms: number,
  offsetMinutes = STATION_UTC_OFFSET_MINUTES,
): string {
  const d = shifted(ms, offsetMinutes);
  return `${formatStationDate(ms, offsetMinutes)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** yyyy-MM-dd, for file names. */
export function formatStationIsoDate(
  ms: number,
  offsetMinutes = STATION_UTC_OFFSET_MINUTES,
): string {
  const d = shifted(ms, offsetMinutes);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** dd/MM/yyyy HH:mm:ss, for evidence times (the UTC ISO form next to it keeps the milliseconds). */
export function formatStationDateTimeSeconds(
  ms: number,
  offsetMinutes = STATION_UTC_OFFSET_MINUTES,
): string {
  const d = shifted(ms, offsetMinutes);
  return `${formatStationDateTime(ms, offsetMinutes)}:${pad(d.getUTCSeconds())}`;
}
