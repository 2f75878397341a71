// Words for the audit log: main stores action codes, ids and detail values; the
// commander reads an action in their language and subjects by name where known.
import { AuditAction, type AuditDetails } from '../../electron/contract/audit-schemas';
import type { MessageKey, Translate } from '../i18n/translate';

export const AUDIT_ACTIONS: readonly AuditAction[] = AuditAction.options;

export function auditActionKey(action: AuditAction): MessageKey {
  return `audit.action.${action}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A known id as its name; an unknown UUID shortened (its first 8 digits identify it). */
export function idText(value: string, names: ReadonlyMap<string, string>): string {
  const name = names.get(value);
  if (name !== undefined) return name;
  return UUID.test(value) ? `${value.slice(0, 8)}…` : value;
}

/** Officer and camera ids become names; anything else stays as stored. */
export function subjectText(subject: string | null, names: ReadonlyMap<string, string>): string {
  if (subject === null || subject === '') return '—';
  return idText(subject, names);
}

const DETAIL_SKIP = new Set(['transport']);

/** "key: value · key: value", ids named, booleans and nulls in words; bounded in length. */
export function detailsText(
  details: AuditDetails,
  names: ReadonlyMap<string, string>,
  t: Translate,
  max = 240,
): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(details)) {
    if (DETAIL_SKIP.has(key)) continue;
    let shown: string;
    if (value === null) shown = '—';
    else if (typeof value === 'boolean') shown = value ? t('audit.yes') : t('audit.no');
    else if (typeof value === 'string') shown = value === '' ? '—' : idText(value, names);
    else shown = String(value);
    parts.push(`${key}: ${shown}`);
  }
  const text = parts.join(' · ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
