// Words for an incident's enums and for its history ("Mức độ: Trung bình → Cao").
import type { Language } from '../../electron/contract/schemas';
import {
  IncidentCategory,
  IncidentSeverity,
  IncidentStatus,
  type IncidentChange,
} from '../../electron/contract/incident-schemas';
import { formatDateTime } from '../i18n/format-time';
import { isMessageKey, type MessageKey, type Translate } from '../i18n/translate';
import { fieldMessage } from '../api/api-error';
import { durationParts } from './incident-form';

export const categoryKey = (c: IncidentCategory): MessageKey => `incident.category.${c}`;
export const severityKey = (s: IncidentSeverity): MessageKey => `incident.severity.${s}`;
export const statusKey = (s: IncidentStatus): MessageKey => `incident.status.${s}`;
export const actionKey = (a: IncidentChange['action']): MessageKey => `incident.action.${a}`;

/** An issue code of an incident field → a Vietnamese sentence saying what to do. */
export function incidentFieldMessage(issue: string, t: Translate): string {
  const own = `incident.field.${issue}`;
  return isMessageKey(own) ? t(own) : fieldMessage(issue, t);
}

export function fieldNameOf(field: string, t: Translate): string {
  const key = `incident.fieldName.${field}`;
  return isMessageKey(key) ? t(key) : t('incident.fieldName.other', { field });
}

/** "5 phút", "1 giờ 2 phút 3 giây": zero seconds are left out of longer spans. */
export function formatDuration(ms: number, t: Translate): string {
  const { h, m, s } = durationParts(ms);
  if (h > 0)
    return s > 0 ? t('incident.duration.hms', { h, m, s }) : t('incident.duration.hm', { h, m });
  if (m > 0) return s > 0 ? t('incident.duration.ms', { m, s }) : t('incident.duration.m', { m });
  return t('incident.duration.s', { s });
}

export interface ValueContext {
  t: Translate;
  language: Language;
  cameraName: (id: string) => string | null;
}

/** One side of a change as text; values of unknown shape are shown as they are. */
export function formatChangeValue(field: string, value: unknown, ctx: ValueContext): string {
  const { t } = ctx;
  if (value === null || value === undefined || value === '') return t('incident.value.empty');
  if (field === 'category' && IncidentCategory.safeParse(value).success)
    return t(categoryKey(value as IncidentCategory));
  if (field === 'severity' && IncidentSeverity.safeParse(value).success)
    return t(severityKey(value as IncidentSeverity));
  if (field === 'status' && IncidentStatus.safeParse(value).success)
    return t(statusKey(value as IncidentStatus));
  if ((field === 'startMs' || field === 'endMs') && typeof value === 'number')
    return formatDateTime(value, ctx.language);
  if (field === 'cameraIds' && Array.isArray(value)) {
    if (value.length === 0) return t('incident.value.empty');
    return value
      .map((id) => {
        const s = String(id);
        return ctx.cameraName(s) ?? t('incident.value.removedCamera');
      })
      .join(', ');
  }
  if (typeof value === 'boolean') return value ? t('incident.value.yes') : t('incident.value.no');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

export interface ChangeLine {
  field: string;
  name: string;
  from: string;
  to: string;
  /** Said in words instead of "from → to" (a snapshot added has no old value worth showing). */
  summary?: string;
}

export function describeChanges(change: IncidentChange, ctx: ValueContext): ChangeLine[] {
  return change.changes.map((c) => {
    const line = { field: c.field, name: fieldNameOf(c.field, ctx.t) };
    // The stored values are the snapshot's id: the officer sees how many were added.
    if (c.field === 'snapshots')
      return {
        ...line,
        from: '',
        to: '',
        summary: ctx.t('incident.value.snapshotAdded', { n: 1 }),
      };
    return {
      ...line,
      from: formatChangeValue(c.field, c.from, ctx),
      to: formatChangeValue(c.field, c.to, ctx),
    };
  });
}

/** Every camera id the history's camera changes name, before or after. */
export function changedCameraIds(history: readonly IncidentChange[]): string[] {
  const ids = new Set<string>();
  for (const h of history)
    for (const c of h.changes)
      if (c.field === 'cameraIds')
        for (const side of [c.from, c.to])
          if (Array.isArray(side)) for (const id of side) ids.add(String(id));
  return [...ids];
}
