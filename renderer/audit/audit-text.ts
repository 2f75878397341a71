// Words for the audit log: main stores action codes, ids and detail values; the
// commander reads an action in their language and subjects by name where known.
import {
  AuditAction,
  type AuditDetails,
  type AuditEntry,
} from '../../electron/contract/audit-schemas';
import type { MessageKey } from '../i18n/translate';
import { detailLines, type DetailContext } from './audit-details';

export const AUDIT_ACTIONS: readonly AuditAction[] = AuditAction.options;

export function auditActionKey(action: AuditAction): MessageKey {
  return `audit.action.${action}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Camera actions whose details carry the camera's name at the time. */
const NAMING_ACTIONS = new Set<string>(['camera.added', 'camera.updated', 'camera.removed']);

/**
 * Officers and cameras by id, with the names the log itself recorded for cameras
 * removed since, so a removed camera is still shown by its name.
 */
export function namesFor(
  officers: readonly { id: string; name: string }[],
  cameras: readonly { id: string; name: string }[],
  entries: readonly AuditEntry[],
): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of entries) {
    const name = e.details.name;
    if (NAMING_ACTIONS.has(e.action) && e.subject && typeof name === 'string' && !m.has(e.subject))
      m.set(e.subject, name);
  }
  for (const o of officers) m.set(o.id, o.name);
  for (const c of cameras) m.set(c.id, c.name);
  return m;
}

/**
 * The subject by name; an incident by its code; an id no name is known for
 * (a shift, an export) as "—", never as raw digits.
 */
export function subjectText(
  subject: string | null,
  names: ReadonlyMap<string, string>,
  details: AuditDetails = {},
): string {
  if (subject === null || subject === '') return '—';
  const name = names.get(subject);
  if (name !== undefined) return name;
  const code = details.code ?? details.incident;
  if (typeof code === 'string' && code !== '') return code;
  return UUID.test(subject) ? '—' : subject;
}

/** "Nhãn: giá trị · Nhãn: giá trị" (audit-details.ts), bounded in length. */
export function detailsText(details: AuditDetails, ctx: DetailContext, max = 240): string {
  const text = detailLines(details, ctx)
    .map((l) => `${l.label}: ${l.value}`)
    .join(' · ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
