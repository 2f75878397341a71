// Bookmark a new incident (F2) or edit one: cameras, category, severity, place,
// description and the footage range to lock. Same dialog for both; an edit sends
// only what changed with the version it edits.
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import {
  IncidentCategory,
  IncidentSeverity,
  type Incident,
} from '../../electron/contract/incident-schemas';
import { errorMessage, toUiError } from '../api/api-error';
import { FormField } from '../shell/form-field';
import { useCameraName } from '../cameras/last-known-names';
import { formatDateTime } from '../i18n/format-time';
import type { Translate } from '../i18n/translate';
import { useLanguage, useT } from '../i18n/use-t';
import { DialogActions } from '../shell/dialog-actions';
import { FormError } from '../shell/form-error';
import { Icon } from '../shell/icons';
import { Modal } from '../shell/modal';
import type { BookmarkDraft } from './incidents-slice';
import { useApi, useStationState, useStationStore } from '../store/store-context';
import {
  createRequestOf,
  formFieldsOf,
  formForBookmark,
  formForIncident,
  updateRequestOf,
  type FormFields,
  type IncidentForm,
} from './incident-form';
import { categoryKey, formatDuration, incidentFieldMessage, severityKey } from './incident-labels';
import { StatusChip } from './incident-chips';
import { parseStationDateTime } from '../../electron/contract/station-time';
import { useEscapeFirst } from './use-escape-first';
import { replaceOnFirstTyping } from '../shell/select-on-focus';

function durationText(form: IncidentForm, t: Translate): string | null {
  const start = parseStationDateTime(form.start);
  const end = parseStationDateTime(form.end);
  if (start === null || end === null || end <= start) return null;
  return formatDuration(end - start, t);
}

export function IncidentEditorDialog() {
  const editor = useStationState((s) => s.incidentEditor);
  if (!editor) return null;
  return editor.mode === 'create' ? (
    <EditorForm key={`new:${editor.draft.atMs}`} draft={editor.draft} incident={null} />
  ) : (
    <EditorForm key={`edit:${editor.incident.id}`} draft={null} incident={editor.incident} />
  );
}

function EditorForm(
  props: { draft: BookmarkDraft; incident: null } | { draft: null; incident: Incident },
) {
  const t = useT();
  const api = useApi();
  const language = useLanguage();
  const store = useStationStore();
  const cameras = useStationState((s) => s.cameras);
  const beforeSec = useStationState((s) => s.settings.incidentBeforeSec);
  const afterSec = useStationState((s) => s.settings.incidentAfterSec);
  const { draft } = props;
  const [incident, setIncident] = useState<Incident | null>(props.incident);
  const [form, setForm] = useState<IncidentForm>(() =>
    draft
      ? formForBookmark({
          atMs: draft.atMs,
          cameraIds: draft.cameraIds,
          cameras,
          beforeSec,
          afterSec,
        })
      : formForIncident(props.incident),
  );
  // The camera's place is a suggestion: while untouched, typing replaces it.
  const [prefilledLocation] = useState(() => (draft ? form.location : null));
  const [fields, setFields] = useState<FormFields>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const close = () => store.getState().closeIncidentEditor();
  useEscapeFirst(close);

  // Cameras of the incident that were deleted since stay listed so they can be unticked.
  const choices = useMemo(() => {
    const list = cameras.map((c) => ({ id: c.id, name: c.name, location: c.location }));
    for (const c of incident?.cameras ?? [])
      if (!list.some((x) => x.id === c.id)) list.push({ id: c.id, name: c.name, location: '' });
    return list;
  }, [cameras, incident]);
  const registeredName = useCameraName(form.cameraIds);
  const cameraName = (id: string) => choices.find((c) => c.id === id)?.name ?? registeredName(id);
  const snapshots = (draft?.snapshots ?? []).filter((s) => form.cameraIds.includes(s.cameraId));

  const setF = <K extends keyof IncidentForm>(k: K, v: IncidentForm[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    if (fields[k]) setFields((x) => ({ ...x, [k]: undefined }));
  };
  const toggleCamera = (id: string, on: boolean) =>
    setF('cameraIds', on ? [...form.cameraIds, id] : form.cameraIds.filter((x) => x !== id));
  const err = (k: keyof IncidentForm) =>
    fields[k] ? incidentFieldMessage(fields[k], t) : undefined;

  const create = async (d: BookmarkDraft) => {
    const r = createRequestOf(form, d.atMs);
    if (!r.ok) {
      setFields(r.fields);
      return;
    }
    const s = store.getState();
    const { incident: created, failedSnapshots } = await s.createIncident(r.value, snapshots);
    s.pushToast({
      kind: 'success',
      key: 'incident.created',
      params: { code: created.code },
      at: null,
    });
    if (failedSnapshots > 0)
      s.pushToast({
        kind: 'warning',
        key: 'incident.snapshotsFailed',
        params: { code: created.code, n: failedSnapshots },
        at: null,
      });
    close();
  };

  const update = async (base: Incident) => {
    const r = updateRequestOf(form, base);
    if (!r.ok) {
      setFields(r.fields);
      return;
    }
    if (r.value === null) {
      setNotice(t('incident.nothingChanged'));
      return;
    }
    const s = store.getState();
    try {
      const saved = await s.updateIncident(r.value);
      s.pushToast({
        kind: 'success',
        key: 'incident.saved',
        params: { code: saved.code },
        at: null,
      });
      close();
    } catch (e) {
      if (toUiError(e).code !== 'conflict') throw e;
      // stale_version: someone saved first. Show theirs; the officer edits again on top.
      const fresh = await api.incidents.get({ id: base.id });
      setIncident(fresh.incident);
      setForm(formForIncident(fresh.incident));
      setFields({});
      setNotice(t('incident.stale'));
      s.editIncident(fresh.incident);
    }
  };

  const onSubmit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    setFormError(null);
    setNotice(null);
    setBusy(true);
    try {
      if (draft) await create(draft);
      else if (incident) await update(incident);
    } catch (e2) {
      setFields(formFieldsOf(toUiError(e2).fields));
      setFormError(errorMessage(e2, t));
    } finally {
      setBusy(false);
    }
  };

  const duration = durationText(form, t);
  const title = incident
    ? t('incident.editTitle', { code: incident.code })
    : t('incident.createTitle');

  return (
    <Modal title={title} testId="incident-dialog" onClose={close} className="modal-incident">
      <form className="incident-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className="incident-form-meta">
          {draft ? (
            <span className="incident-marked" data-testid="incident-marked-at">
              <Icon name="alert" size={14} />
              {t('incident.markedAt', { time: formatDateTime(draft.atMs, language) })}
            </span>
          ) : incident ? (
            <>
              <span className="incident-code">{incident.code}</span>
              <StatusChip status={incident.status} />
            </>
          ) : null}
        </div>
        <div className="incident-form-cols">
          <div className="form-grid">
            <FormField
              label={t('incident.category')}
              name="incident-category"
              error={err('category')}
            >
              <select
                className="select"
                data-testid="incident-category"
                value={form.category}
                autoFocus={Boolean(draft)}
                onChange={(e) => setF('category', e.target.value as IncidentForm['category'])}
              >
                <option value="" disabled>
                  {t('incident.categoryPlaceholder')}
                </option>
                {IncidentCategory.options.map((c) => (
                  <option key={c} value={c}>
                    {t(categoryKey(c))}
                  </option>
                ))}
              </select>
            </FormField>
            <FormField
              label={t('incident.severity')}
              name="incident-severity"
              error={err('severity')}
            >
              <div className="segmented" role="radiogroup" aria-label={t('incident.severity')}>
                {IncidentSeverity.options.map((sv) => (
                  <button
                    key={sv}
                    type="button"
                    role="radio"
                    aria-checked={form.severity === sv}
                    className={`segment segment-${sv}${form.severity === sv ? ' segment-on' : ''}`}
                    data-testid={`incident-severity-${sv}`}
                    onClick={() => setF('severity', sv)}
                  >
                    {t(severityKey(sv))}
                  </button>
                ))}
              </div>
            </FormField>
            <FormField
              label={t('incident.location')}
              name="incident-location"
              error={err('location')}
              wide
            >
              <input
                className="input"
                data-testid="incident-location"
                value={form.location}
                maxLength={160}
                placeholder={t('incident.locationPlaceholder')}
                onChange={(e) => setF('location', e.target.value)}
                {...replaceOnFirstTyping(form.location === prefilledLocation)}
              />
            </FormField>
            <FormField
              label={t('incident.description')}
              name="incident-description"
              error={err('description')}
              wide
            >
              <textarea
                className="input textarea"
                data-testid="incident-description"
                value={form.description}
                rows={5}
                maxLength={4000}
                autoFocus={!draft}
                placeholder={t('incident.descriptionPlaceholder')}
                onChange={(e) => setF('description', e.target.value)}
                onKeyDown={(e) => {
                  // Ctrl+Enter saves from the description, as in most report forms.
                  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void onSubmit();
                }}
              />
            </FormField>
            <fieldset className="range-fieldset field-wide">
              <legend className="field-label">{t('incident.range')}</legend>
              <div className="field-pair">
                <FormField label={t('incident.start')} name="incident-start" error={err('start')}>
                  <input
                    className="input mono-input"
                    data-testid="incident-start"
                    value={form.start}
                    placeholder={t('incident.timePlaceholder')}
                    spellCheck={false}
                    onChange={(e) => setF('start', e.target.value)}
                  />
                </FormField>
                <FormField label={t('incident.end')} name="incident-end" error={err('end')}>
                  <input
                    className="input mono-input"
                    data-testid="incident-end"
                    value={form.end}
                    placeholder={t('incident.timePlaceholder')}
                    spellCheck={false}
                    onChange={(e) => setF('end', e.target.value)}
                  />
                </FormField>
              </div>
              <span className="field-hint" data-testid="incident-duration">
                {t('incident.rangeHint', { duration: duration ?? '—' })}
              </span>
            </fieldset>
          </div>

          <div className="incident-side">
            <Section
              title={t('incident.cameras')}
              aside={t('incident.camerasCount', { n: form.cameraIds.length })}
            >
              <ul
                className={`camera-checklist${fields.cameraIds ? ' camera-checklist-invalid' : ''}`}
                data-testid="incident-cameras"
              >
                {choices.map((c) => {
                  const on = form.cameraIds.includes(c.id);
                  return (
                    <li key={c.id}>
                      <label className={`camera-check${on ? ' camera-check-on' : ''}`}>
                        <input
                          type="checkbox"
                          data-testid={`incident-camera-${c.id}`}
                          checked={on}
                          onChange={(e) => toggleCamera(c.id, e.target.checked)}
                        />
                        <span className="camera-check-text">
                          <span className="camera-item-name">{c.name}</span>
                          {c.location ? (
                            <span className="camera-item-location">{c.location}</span>
                          ) : null}
                        </span>
                      </label>
                    </li>
                  );
                })}
              </ul>
              {fields.cameraIds ? (
                <span className="field-error" data-testid="field-error-incident-cameras">
                  {incidentFieldMessage(fields.cameraIds, t)}
                </span>
              ) : null}
            </Section>
            {draft ? (
              <Section title={t('incident.snapshots')}>
                {snapshots.length === 0 ? (
                  <p className="muted incident-empty-note">{t('incident.noSnapshots')}</p>
                ) : (
                  <div className="snapshot-strip" data-testid="incident-snapshots">
                    {snapshots.map((s) => (
                      <figure key={s.cameraId} className="snapshot" data-camera-id={s.cameraId}>
                        <img
                          src={`data:${s.mime};base64,${s.dataBase64}`}
                          alt={t('incident.snapshotAlt', {
                            camera: cameraName(s.cameraId),
                            time: formatDateTime(s.takenAt, language),
                          })}
                        />
                        <figcaption>{cameraName(s.cameraId)}</figcaption>
                      </figure>
                    ))}
                  </div>
                )}
              </Section>
            ) : null}
          </div>
        </div>

        <p className="form-note incident-lock-note">
          <Icon name="shield" size={14} /> {t('incident.lockNote')}
        </p>
        {notice ? (
          <div className="form-notice" role="status" data-testid="incident-notice">
            {notice}
          </div>
        ) : null}
        <FormError error={formError} testId="incident-form-error" />
        <DialogActions
          onCancel={close}
          cancelTestId="incident-cancel"
          submitTestId="incident-save"
          submitDisabled={busy}
          submitLabel={busy ? t('dialog.saving') : draft ? t('incident.save') : t('dialog.save')}
        />
      </form>
    </Modal>
  );
}

function Section(props: { title: string; aside?: string; children: ReactNode }) {
  return (
    <section className="incident-section">
      <div className="incident-section-head">
        <h3 className="section-h">{props.title}</h3>
        {props.aside ? <span className="muted">{props.aside}</span> : null}
      </div>
      {props.children}
    </section>
  );
}
