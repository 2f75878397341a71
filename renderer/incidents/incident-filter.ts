// The incident log's filter bar → the contract's incident.list request.
import type {
  IncidentCategory,
  IncidentFilter,
  IncidentStatus,
} from '../../electron/contract/incident-schemas';
import { parseStationDate } from '../../electron/contract/station-time';

export interface IncidentFilterForm {
  /** Station-time dates, "dd/MM/yyyy"; empty = open-ended. */
  from: string;
  to: string;
  category: IncidentCategory | '';
  cameraId: string;
  status: IncidentStatus | '';
  officerId: string;
  text: string;
}

export const EMPTY_FILTER: IncidentFilterForm = {
  from: '',
  to: '',
  category: '',
  cameraId: '',
  status: '',
  officerId: '',
  text: '',
};

export const PAGE_SIZE = 50;
/** The contract's largest page; a refresh re-reads everything shown so far up to this. */
export const MAX_PAGE = 500;

export type FilterIssues = Partial<Record<'from' | 'to', string>>;

export function isFilterEmpty(form: IncidentFilterForm): boolean {
  return Object.values(form).every((v) => v.trim() === '');
}

/**
 * Empty fields are left out; "to" covers its whole day. An unreadable date is
 * reported and left out rather than silently matching nothing.
 */
export function filterRequest(
  form: IncidentFilterForm,
  page: { offset: number; limit: number },
): { request: IncidentFilter; issues: FilterIssues } {
  const issues: FilterIssues = {};
  const request: IncidentFilter = {
    offset: Math.max(0, page.offset),
    limit: Math.min(MAX_PAGE, Math.max(1, page.limit)),
  };
  const from = form.from.trim() ? parseStationDate(form.from) : null;
  const to = form.to.trim() ? parseStationDate(form.to) : null;
  if (form.from.trim() && !from) issues.from = 'invalid_date';
  if (form.to.trim() && !to) issues.to = 'invalid_date';
  if (from && to && to.endMs <= from.startMs) issues.to = 'range_end_before_start';
  else {
    if (from) request.from = from.startMs;
    // Inclusive of the last millisecond of that day.
    if (to) request.to = to.endMs - 1;
  }
  if (form.category) request.category = form.category;
  if (form.cameraId) request.cameraId = form.cameraId;
  if (form.status) request.status = form.status;
  if (form.officerId) request.officerId = form.officerId;
  const text = form.text.trim().slice(0, 200);
  if (text) request.text = text;
  return { request, issues };
}
