// The incident dialog's form: pre-filled from a bookmark (F2) or an existing
// incident, turned into the contract's create or update request. Pure, so the
// rules (range around the keystroke, what counts as a change) are unit-tested.
import type { Camera } from '../../electron/contract/schemas';
import {
  IncidentInput,
  IncidentUpdate,
  type Incident,
  type IncidentCategory,
  type IncidentSeverity,
} from '../../electron/contract/incident-schemas';
import { zodIssuesToFields } from '../../electron/contract/errors';
import {
  formatStationDateTimeSeconds,
  parseStationDateTime,
} from '../../electron/contract/station-time';

export interface IncidentForm {
  cameraIds: string[];
  category: IncidentCategory | '';
  severity: IncidentSeverity;
  location: string;
  description: string;
  /** Station-time text, "dd/MM/yyyy HH:mm:ss". */
  start: string;
  end: string;
}

/** Form field → issue code (the dialog translates it). Keys: the form's own names. */
export type FormFields = Partial<Record<keyof IncidentForm, string>>;

export type FormResult<T> = { ok: true; value: T } | { ok: false; fields: FormFields };

/** The range a new incident proposes: `beforeSec` before the keystroke to `afterSec` after it. */
export function prefillRange(
  atMs: number,
  beforeSec: number,
  afterSec: number,
): { startMs: number; endMs: number } {
  // Whole seconds: the officer edits them as HH:mm:ss, and a fraction would make
  // an untouched field look changed.
  const at = Math.floor(atMs / 1000) * 1000;
  return { startMs: Math.max(0, at - beforeSec * 1000), endMs: at + afterSec * 1000 };
}

/** The first camera's location, else its name: where the officer saw it happen. */
export function locationFor(cameraIds: readonly string[], cameras: readonly Camera[]): string {
  const first = cameras.find((c) => c.id === cameraIds[0]);
  if (!first) return '';
  return first.location.trim() || first.name;
}

export function formForBookmark(opts: {
  atMs: number;
  cameraIds: readonly string[];
  cameras: readonly Camera[];
  beforeSec: number;
  afterSec: number;
}): IncidentForm {
  const { startMs, endMs } = prefillRange(opts.atMs, opts.beforeSec, opts.afterSec);
  return {
    cameraIds: [...opts.cameraIds],
    category: '',
    severity: 'medium',
    location: locationFor(opts.cameraIds, opts.cameras),
    description: '',
    start: formatStationDateTimeSeconds(startMs),
    end: formatStationDateTimeSeconds(endMs),
  };
}

export function formForIncident(incident: Incident): IncidentForm {
  return {
    cameraIds: incident.cameras.map((c) => c.id),
    category: incident.category,
    severity: incident.severity,
    location: incident.location,
    description: incident.description,
    start: formatStationDateTimeSeconds(incident.startMs),
    end: formatStationDateTimeSeconds(incident.endMs),
  };
}

/** Contract field names (and their zod paths) → the form's names. */
const FORM_FIELD: Record<string, keyof IncidentForm> = {
  cameraIds: 'cameraIds',
  category: 'category',
  severity: 'severity',
  location: 'location',
  description: 'description',
  startMs: 'start',
  endMs: 'end',
};

/** Field issues from main or zod ("cameraIds.2", "endMs") keyed by the form's field names. */
export function formFieldsOf(fields: Record<string, string>): FormFields {
  const out: FormFields = {};
  for (const [path, issue] of Object.entries(fields)) {
    const name = FORM_FIELD[path.split('.')[0] ?? ''];
    if (name && out[name] === undefined) out[name] = issue;
  }
  return out;
}

function parseRange(form: IncidentForm): FormResult<{ startMs: number; endMs: number }> {
  const startMs = parseStationDateTime(form.start);
  const endMs = parseStationDateTime(form.end);
  const fields: FormFields = {};
  if (startMs === null) fields.start = 'invalid_time';
  if (endMs === null) fields.end = 'invalid_time';
  if (startMs === null || endMs === null) return { ok: false, fields };
  return { ok: true, value: { startMs, endMs } };
}

/** Same checks as main (the contract's zod schema) before a round trip. */
export function createRequestOf(form: IncidentForm, occurredAt: number): FormResult<IncidentInput> {
  const range = parseRange(form);
  const fields: FormFields = range.ok ? {} : { ...range.fields };
  if (form.category === '') fields.category = 'category_required';
  const parsed = IncidentInput.safeParse({
    category: form.category === '' ? 'other' : form.category,
    severity: form.severity,
    location: form.location,
    description: form.description,
    occurredAt: Math.floor(occurredAt),
    startMs: range.ok ? range.value.startMs : 0,
    endMs: range.ok ? range.value.endMs : 1,
    cameraIds: form.cameraIds,
  });
  if (!parsed.success) {
    for (const [k, v] of Object.entries(formFieldsOf(zodIssuesToFields(parsed.error))))
      fields[k as keyof IncidentForm] ??= v;
  }
  if (Object.keys(fields).length > 0 || !parsed.success) return { ok: false, fields };
  return { ok: true, value: parsed.data };
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id) => b.includes(id));

/**
 * Only what the officer changed, naming the version it edits; null when nothing
 * changed. Range and cameras travel together so main re-locks the new footage.
 */
export function updateRequestOf(
  form: IncidentForm,
  incident: Incident,
): FormResult<IncidentUpdate | null> {
  const range = parseRange(form);
  if (!range.ok) return range;
  if (form.category === '') return { ok: false, fields: { category: 'category_required' } };
  const patch: Record<string, unknown> = {};
  if (form.category !== incident.category) patch.category = form.category;
  if (form.severity !== incident.severity) patch.severity = form.severity;
  if (form.location.trim() !== incident.location) patch.location = form.location;
  if (form.description.trim() !== incident.description) patch.description = form.description;
  const { startMs, endMs } = range.value;
  if (startMs !== incident.startMs || endMs !== incident.endMs) {
    patch.startMs = startMs;
    patch.endMs = endMs;
  }
  const before = incident.cameras.map((c) => c.id);
  if (!sameSet(form.cameraIds, before)) patch.cameraIds = form.cameraIds;
  if (Object.keys(patch).length === 0) return { ok: true, value: null };
  const parsed = IncidentUpdate.safeParse({ id: incident.id, version: incident.version, ...patch });
  if (!parsed.success) return { ok: false, fields: formFieldsOf(zodIssuesToFields(parsed.error)) };
  return { ok: true, value: parsed.data };
}

/** "1 giờ 2 phút 3 giây"-style parts of a duration, for the range hint. */
export function durationParts(ms: number): { h: number; m: number; s: number } {
  const total = Math.max(0, Math.round(ms / 1000));
  return { h: Math.floor(total / 3600), m: Math.floor((total % 3600) / 60), s: total % 60 };
}
