// The audit dialog's filter as the officer picks it (calendar days in station
// time, "all" choices) turned into the contract's request.
import type { AuditAction, AuditFilter } from '../../electron/contract/audit-schemas';
import { formatStationIsoDate, STATION_UTC_OFFSET_MS } from '../../electron/contract/station-time';
const DAY_MS = 24 * 3600_000;

export interface AuditFilterForm {
  /** yyyy-mm-dd from <input type="date">, '' = open. */
  fromDay: string;
  toDay: string;
  action: AuditAction | '';
  officerId: string;
}

export const EMPTY_AUDIT_FILTER: AuditFilterForm = {
  fromDay: '',
  toDay: '',
  action: '',
  officerId: '',
};

/** Midnight at the station of a yyyy-mm-dd day, as UTC ms; null if not a date. */
export function stationDayStart(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - STATION_UTC_OFFSET_MS;
  return Number.isFinite(ms) ? ms : null;
}

/** yyyy-mm-dd of an instant at the station (for the date inputs' defaults). */
export function stationDay(ms: number): string {
  return formatStationIsoDate(ms);
}

export function auditRequest(
  form: AuditFilterForm,
  limit: number,
  beforeSeq?: number,
): Omit<AuditFilter, 'limit'> & { limit: number } {
  const from = stationDayStart(form.fromDay);
  const toStart = stationDayStart(form.toDay);
  return {
    limit,
    ...(from !== null && from >= 0 ? { from } : {}),
    // The whole "to" day counts.
    ...(toStart !== null && toStart >= 0 ? { to: toStart + DAY_MS - 1 } : {}),
    ...(form.action ? { action: form.action } : {}),
    ...(form.officerId ? { officerId: form.officerId } : {}),
    ...(beforeSeq !== undefined ? { beforeSeq } : {}),
  };
}

/** "to" before "from" is a mistake the officer should see, not an empty list. */
export function filterRangeError(form: AuditFilterForm): boolean {
  const from = stationDayStart(form.fromDay);
  const to = stationDayStart(form.toDay);
  return from !== null && to !== null && to < from;
}
