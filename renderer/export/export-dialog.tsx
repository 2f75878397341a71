// "Trích xuất dữ liệu cho điều tra viên": what will be exported (cameras, range, incident,
// case number), where to (drives refreshed every 3 s, a chosen or typed folder),
// the plan main returns for it, and Start, which hands over to the progress panel.
import { useState } from 'react';
import { errorMessage, errorReason, toUiError } from '../api/api-error';
import { FormField } from '../shell/form-field';
import { formatDuration } from '../incidents/incident-labels';
import { parseStationDateTime } from '../../electron/contract/station-time';
import { useEscapeFirst } from '../incidents/use-escape-first';
import { useCameraName } from '../cameras/last-known-names';
import { useLanguage, useT } from '../i18n/use-t';
import { DialogActions } from '../shell/dialog-actions';
import { FormError } from '../shell/form-error';
import { Icon } from '../shell/icons';
import { Modal } from '../shell/modal';
import type { ExportDraft } from './export-slice';
import { useApi, useStationState, useStationStore } from '../store/store-context';
import { DestinationPicker } from './destination-picker';
import { driveAt, nextDestination, NO_DESTINATION, type Destination } from './export-destination';
import {
  exportFieldsOf,
  formForDraft,
  selectionKey,
  selectionOf,
  type ExportFields,
  type ExportForm,
} from './export-form';
import { blockerMessage, exportFieldMessage, isBlocker } from './export-messages';
import { ExportPlanView } from './export-plan-view';
import { useDrives } from './use-drives';
import { useRecentFolders } from './use-recent-folders';
import { useExportPlan } from './use-export-plan';

export function ExportDialog() {
  const draft = useStationState((s) => s.exportDraft);
  if (!draft) return null;
  return (
    <ExportDialogForm
      key={`${draft.incidentId ?? ''}:${draft.cameraIds.join(',')}:${draft.fromMs}:${draft.toMs}`}
      draft={draft}
    />
  );
}

/** The incident's code if the store has it at hand (the open detail or the log). */
function useIncidentCode(incidentId: string | null): string | null {
  return useStationState((s) => {
    if (!incidentId) return null;
    if (s.incidentDetail?.incident.id === incidentId) return s.incidentDetail.incident.code;
    return s.incidentList.items.find((i) => i.id === incidentId)?.code ?? null;
  });
}

function ExportDialogForm(props: { draft: ExportDraft }) {
  const { draft } = props;
  const t = useT();
  const api = useApi();
  const language = useLanguage();
  const store = useStationStore();
  const incidentCode = useIncidentCode(draft.incidentId);
  const drives = useDrives();
  const recent = useRecentFolders();
  const [form, setForm] = useState<ExportForm>(() => formForDraft(draft));
  const [picked, setPicked] = useState<Destination>(NO_DESTINATION);
  const [typing, setTyping] = useState(false);
  const [serverFields, setServerFields] = useState<ExportFields>({});
  const [startError, setStartError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const close = () => store.getState().closeExportDialog();
  useEscapeFirst(close);

  // Drives come and go: the proposal follows them (derived, so no effect is needed).
  const destination = nextDestination(picked, drives.drives);
  const drive = driveAt(destination.path, drives.drives);
  const withDestination = { ...form, destination: destination.path };
  const result = selectionOf(withDestination, draft);
  const selection = result.ok ? result.value : null;
  // The chosen stick's free space changing (or it being plugged back) asks the plan again.
  const planState = useExportPlan(
    selection,
    drive ? `${drive.mountPath}:${drive.freeBytes}` : `none:${drives.drives.length}`,
  );
  const current = selection !== null && planState.key === selectionKey(selection);

  const fields: ExportFields = {
    ...planState.fields,
    ...serverFields,
    ...(result.ok ? {} : result.fields),
  };
  // No destination yet is a hint (the drive list says what to do), not an error in red.
  const issue = (k: keyof ExportFields) =>
    fields[k] && !(k === 'destination' && destination.path === '')
      ? exportFieldMessage(fields[k], t)
      : undefined;

  const setF = <K extends keyof ExportForm>(k: K, v: ExportForm[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    setServerFields({});
    setStartError(null);
  };
  const pick = (d: Destination) => {
    setPicked(d);
    setServerFields({});
    setStartError(null);
  };
  const chooseFolder = async () => {
    try {
      const chosen = await api.exports.chooseFolder();
      if (!chosen.supported) setTyping(true);
      else if (chosen.path) pick({ path: chosen.path, fromDrive: false });
    } catch (e) {
      setStartError(errorMessage(e, t));
    }
  };

  const plan = current ? planState.plan : null;
  const canStart = Boolean(selection && plan && !plan.blocker && !planState.loading && !busy);

  const start = async () => {
    if (!selection || !canStart) return;
    setBusy(true);
    setStartError(null);
    try {
      await store.getState().startExport(selection);
    } catch (e) {
      const reason = errorReason(e);
      const ui = toUiError(e);
      setServerFields(exportFieldsOf(ui.fields));
      // A blocker that appeared since the plan (stick pulled out): the plan's sentence for it.
      setStartError(
        ui.code === 'conflict' && reason && isBlocker(reason) && plan
          ? blockerMessage({ ...plan, blocker: reason }, t, language)
          : errorMessage(e, t),
      );
    } finally {
      setBusy(false);
    }
  };

  const startMs = parseStationDateTime(form.start);
  const endMs = parseStationDateTime(form.end);
  const duration =
    startMs !== null && endMs !== null && endMs > startMs
      ? formatDuration(endMs - startMs, t)
      : '—';
  const cameraName = useCameraName(draft.cameraIds);

  return (
    <Modal
      title={t('export.title')}
      testId="export-dialog"
      onClose={close}
      className="modal-export"
    >
      <form
        className="export-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <dl className="incident-facts export-facts">
          <dt>{t('export.incident')}</dt>
          <dd data-testid="export-incident-code">
            {draft.incidentId ? (
              <span className="incident-code">{incidentCode ?? '…'}</span>
            ) : (
              <span className="muted">{t('export.noIncident')}</span>
            )}
          </dd>
          <dt>{t('export.cameras', { n: draft.cameraIds.length })}</dt>
          <dd className="camera-chips" data-testid="export-cameras">
            {draft.cameraIds.map((id) => (
              <span key={id} className="camera-chip" data-camera-id={id}>
                <Icon name="camera" size={12} />
                {cameraName(id)}
              </span>
            ))}
            {issue('cameraIds') ? <span className="field-error">{issue('cameraIds')}</span> : null}
          </dd>
        </dl>

        <div className="form-grid">
          <fieldset className="range-fieldset field-wide">
            <legend className="field-label">{t('export.range')}</legend>
            <div className="field-pair">
              <FormField label={t('export.start')} name="export-start" error={issue('start')}>
                <input
                  className="input mono-input"
                  data-testid="export-start-time"
                  value={form.start}
                  placeholder={t('export.timePlaceholder')}
                  spellCheck={false}
                  onChange={(e) => setF('start', e.target.value)}
                />
              </FormField>
              <FormField label={t('export.end')} name="export-end" error={issue('end')}>
                <input
                  className="input mono-input"
                  data-testid="export-end-time"
                  value={form.end}
                  placeholder={t('export.timePlaceholder')}
                  spellCheck={false}
                  onChange={(e) => setF('end', e.target.value)}
                />
              </FormField>
            </div>
            <span className="field-hint" data-testid="export-duration">
              {t('export.rangeHint', { duration })}
            </span>
          </fieldset>
          <FormField
            label={t('export.caseNumber')}
            name="export-case-number"
            error={issue('caseNumber')}
            wide
          >
            <input
              className="input"
              data-testid="export-case-number"
              value={form.caseNumber}
              maxLength={100}
              placeholder={t('export.caseNumberPlaceholder')}
              onChange={(e) => setF('caseNumber', e.target.value)}
            />
          </FormField>
        </div>

        <section className="export-section">
          <div className="export-section-head">
            <h3 className="section-h">{t('export.destination')}</h3>
          </div>
          <DestinationPicker
            drives={drives}
            recent={recent}
            destination={destination}
            typing={typing}
            error={issue('destination') ?? null}
            onPick={pick}
            onChooseFolder={() => void chooseFolder()}
          />
        </section>

        {selection ? <ExportPlanView state={planState} current={current} /> : null}

        <FormError error={startError} testId="export-start-error" />
        <DialogActions
          onCancel={close}
          cancelTestId="export-dialog-cancel"
          submitTestId="export-start"
          submitDisabled={!canStart}
          submitLabel={
            <>
              <Icon name="export" size={14} />
              {busy ? t('export.starting') : t('export.startButton')}
            </>
          }
        />
      </form>
    </Modal>
  );
}
