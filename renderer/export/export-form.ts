// The export dialog's form: prefilled from a draft (an incident or a playback
// range), turned into the contract's ExportSelection with the same checks as main.
import { ExportSelection } from '../../electron/contract/export-schemas';
import { zodIssuesToFields } from '../../electron/contract/errors';
import {
  formatStationDateTimeSeconds,
  parseStationDateTime,
} from '../../electron/contract/station-time';
import type { ExportDraft } from './export-slice';

export interface ExportForm {
  /** Station-time text, "dd/MM/yyyy HH:mm:ss". */
  start: string;
  end: string;
  caseNumber: string;
  /** Absolute folder: a drive's mount path, a chosen or a typed folder. */
  destination: string;
}

export type ExportFormField = 'start' | 'end' | 'caseNumber' | 'destination' | 'cameraIds';
export type ExportFields = Partial<Record<ExportFormField, string>>;

export type SelectionResult =
  { ok: true; value: ExportSelection } | { ok: false; fields: ExportFields };

export function formForDraft(draft: ExportDraft, destination = ''): ExportForm {
  return {
    start: formatStationDateTimeSeconds(draft.fromMs),
    end: formatStationDateTimeSeconds(draft.toMs),
    caseNumber: '',
    destination,
  };
}

/**
 * The typed time, except that an untouched field keeps the draft's exact instant:
 * a playback range is set to the frame (milliseconds), the text only to the second.
 */
function timeOf(text: string, draftMs: number): number | null {
  if (text === formatStationDateTimeSeconds(draftMs)) return Math.round(draftMs);
  return parseStationDateTime(text);
}

/** Contract paths ("toMs", "cameraIds.2") → the form's field names. */
const FORM_FIELD: Record<string, ExportFormField> = {
  fromMs: 'start',
  toMs: 'end',
  caseNumber: 'caseNumber',
  destination: 'destination',
  cameraIds: 'cameraIds',
};

/** Field issues from main or zod keyed by the form's names. */
export function exportFieldsOf(fields: Record<string, string>): ExportFields {
  const out: ExportFields = {};
  for (const [path, issue] of Object.entries(fields)) {
    const name = FORM_FIELD[path.split('.')[0] ?? ''];
    if (name && out[name] === undefined) out[name] = issue;
  }
  return out;
}

export function selectionOf(form: ExportForm, draft: ExportDraft): SelectionResult {
  const fromMs = timeOf(form.start, draft.fromMs);
  const toMs = timeOf(form.end, draft.toMs);
  const fields: ExportFields = {};
  if (fromMs === null) fields.start = 'invalid_time';
  if (toMs === null) fields.end = 'invalid_time';
  // A time that is not a time says so itself; the range rules wait for two real ones.
  const times = fromMs !== null && toMs !== null;
  const candidate = {
    incidentId: draft.incidentId,
    cameraIds: draft.cameraIds,
    fromMs: times ? fromMs : 0,
    toMs: times ? toMs : 1,
    destination: form.destination,
    caseNumber: form.caseNumber,
  };
  const parsed = ExportSelection.safeParse(candidate);
  if (!parsed.success) {
    for (const [k, v] of Object.entries(exportFieldsOf(zodIssuesToFields(parsed.error))))
      fields[k as ExportFormField] ??= v;
  }
  if (Object.keys(fields).length > 0 || !parsed.success) return { ok: false, fields };
  // The input shape (trimmed by zod) is what travels; main parses it again.
  return {
    ok: true,
    value: {
      incidentId: parsed.data.incidentId,
      cameraIds: parsed.data.cameraIds,
      fromMs: parsed.data.fromMs,
      toMs: parsed.data.toMs,
      destination: parsed.data.destination,
      caseNumber: parsed.data.caseNumber,
    },
  };
}

/** A stable key of a selection: the plan is asked again only when it changes. */
export function selectionKey(s: ExportSelection): string {
  return JSON.stringify([
    s.incidentId ?? null,
    s.cameraIds,
    s.fromMs,
    s.toMs,
    s.destination,
    s.caseNumber ?? '',
  ]);
}
