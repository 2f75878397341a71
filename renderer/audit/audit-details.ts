// Audit details in the officer's words: main stores keys, codes, ids, hashes and
// epoch milliseconds; each becomes a label, a name, a vi-VN date or a size here.
// Internal ids no name is known for (shift, export, snapshot) are left out.
import type { AuditDetails } from '../../electron/contract/audit-schemas';
import type { Language } from '../../electron/contract/schemas';
import { formatDateTime } from '../i18n/format-time';
import { CameraAlarmKind } from '../../electron/contract/camera-alarms';
import { CARD_TEXT } from '../alerts/picture-alarms';
import { formatClockOffset } from '../cameras/clock-text';
import { isMessageKey, type MessageKey, type Translate } from '../i18n/translate';
import { shortHash } from '../export/export-format';
import { formatBytes } from '../storage/format-storage';

export interface DetailContext {
  t: Translate;
  language: Language;
  /** Officers and cameras by id (audit-text.ts namesFor). */
  names: ReadonlyMap<string, string>;
}

export interface DetailLine {
  label: string;
  value: string;
}

type Value = AuditDetails[string];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Carried for machines (the transport of a request), not for the reader. */
const HIDDEN = new Set(['transport']);

/** Keys whose code values have words under a message prefix; other values show as typed. */
const CODE_WORDS: Readonly<Record<string, string>> = {
  category: 'incident.category.',
  severity: 'incident.severity.',
  status: 'incident.status.',
  role: 'role.',
  reason: 'audit.reason.',
  error: 'audit.error.',
  problem: 'audit.problemName.',
  vendor: 'audit.vendor.',
  stream: 'audit.stream.',
  language: 'audit.language.',
  kind: 'audit.quotaKind.',
  source: 'audit.alarmSource.',
};

const HASHES = new Set(['contentHash', 'sha256', 'manifestSha256', 'sumsSha256']);

/** A time in epoch milliseconds: fromMs, startMs, openedAt… */
const isTimeKey = (key: string) => /(Ms|At)$/.test(key);
/** An id of a row: named when the name is known, else left out. */
const isIdKey = (key: string) => /Id$/.test(key);

/** Picture and clock alarm kinds: a `kind` holding one is an alarm's, not a storage quota's. */
const ALARM_KINDS = new Set(CameraAlarmKind.options as readonly string[]);
/** A tamper check's setting, e.g. "covered.threshold": the check's name and the setting's. */
const TAMPER_SETTING = /^(black|frozen|covered|scene)\.(enabled|threshold|holdSeconds)$/;
/** Signed offsets in ms (a camera clock against the station's), not times. */
const OFFSET_KEYS = new Set(['offsetMs', 'uncertaintyMs']);

export function detailLabel(key: string, t: Translate): string {
  const own = `audit.detail.${key}`;
  if (isMessageKey(own)) return t(own);
  const setting = TAMPER_SETTING.exec(key);
  if (setting)
    return `${t(`tamper.kind.${setting[1]}` as MessageKey)} – ${detailLabel(setting[2] ?? '', t)}`;
  const incidentField = `incident.fieldName.${key}`;
  return isMessageKey(incidentField) ? t(incidentField) : t('audit.detail.other');
}

function codeWords(key: string, code: string, t: Translate): string {
  const prefix = CODE_WORDS[key];
  const k = prefix === undefined ? '' : `${prefix}${code}`;
  return isMessageKey(k) ? t(k) : code;
}

/** One value in words, or null when there is nothing the reader could use. */
export function detailValue(key: string, value: Value, ctx: DetailContext): string | null {
  const { t, language, names } = ctx;
  // An empty value alone says nothing ("Lỗi: —"); a before/after pair shows it as —.
  if (value === null || value === '') return null;
  if (typeof value === 'boolean') return value ? t('audit.yes') : t('audit.no');
  if (typeof value === 'number') {
    if (OFFSET_KEYS.has(key)) return formatClockOffset(value, t);
    if (/\.threshold$|^threshold$/.test(key)) return `${Math.round(value * 100)} %`;
    if (isTimeKey(key)) return formatDateTime(value, language);
    if (key === 'bytes') return formatBytes(value, language);
    return new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB').format(value);
  }
  const named = names.get(value);
  if (named !== undefined) return named;
  if (isIdKey(key) || UUID.test(value)) return null;
  if (HASHES.has(key)) return shortHash(value);
  if (key === 'cameras')
    return value
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c !== '')
      .map((c) => names.get(c) ?? (UUID.test(c) ? t('incident.value.removedCamera') : c))
      .join(', ');
  if (key === 'fields')
    return value
      .split(',')
      .filter((f) => f !== '')
      .map((f) => detailLabel(f, t))
      .join(', ');
  // Trigger names are the database's; the reader needs how many were put back.
  if (key === 'triggers') return String(value.split(',').filter((x) => x !== '').length);
  if (key === 'kind' && ALARM_KINDS.has(value)) return t(CARD_TEXT[value as CameraAlarmKind]);
  const slot = `tamper.slot.${value}`;
  if (key === 'slot' && isMessageKey(slot)) return t(slot);
  return codeWords(key, value, t);
}

/** "fullName.from"/"fullName.to", or "beforeOffsetMs"/"afterOffsetMs": one field's two sides. */
function changePair(key: string): { field: string; from: string; to: string } | null {
  const dotted = /^(.+)\.(from|to)$/.exec(key);
  if (dotted?.[1]) return { field: dotted[1], from: `${dotted[1]}.from`, to: `${dotted[1]}.to` };
  const named = /^(before|after)([A-Z]\w*)$/.exec(key);
  if (!named?.[2]) return null;
  const rest = named[2];
  return {
    field: rest[0]!.toLowerCase() + rest.slice(1),
    from: `before${rest}`,
    to: `after${rest}`,
  };
}

/**
 * The lines of an entry's details. A field's before and after ("fullName.from",
 * "fullName.to", or "beforeTz", "afterTz") make one line "Họ tên: A → B".
 */
export function detailLines(details: AuditDetails, ctx: DetailContext): DetailLine[] {
  const lines: DetailLine[] = [];
  const done = new Set<string>();
  for (const [key, value] of Object.entries(details)) {
    if (HIDDEN.has(key) || done.has(key)) continue;
    const pair = changePair(key);
    if (pair) {
      done.add(pair.from).add(pair.to);
      const side = (k: string) => detailValue(pair.field, details[k] ?? null, ctx) ?? '—';
      lines.push({
        label: detailLabel(pair.field, ctx.t),
        value: ctx.t('audit.detail.change', { from: side(pair.from), to: side(pair.to) }),
      });
      continue;
    }
    const shown = detailValue(key, value, ctx);
    const alarmKind = key === 'kind' && typeof value === 'string' && ALARM_KINDS.has(value);
    const label = alarmKind ? ctx.t('audit.detail.alarmKind') : detailLabel(key, ctx.t);
    if (shown !== null) lines.push({ label, value: shown });
  }
  return lines;
}
