// Ending the shift: what the core gathered about it, the outgoing officer's
// notes, then the handover. The session ends with it; the sign-in screen shows
// the handover waiting for the next officer.
import { useEffect, useState } from 'react';
import type { CurrentShift } from '../../electron/contract/shift-schemas';
import { errorMessage } from '../api/api-error';
import { rankAndName } from '../auth/officer-name';
import { useLanguage, useT } from '../i18n/use-t';
import { Modal } from '../shell/modal';
import { useNow } from '../shell/use-now';
import { useApi, useStationStore } from '../store/store-context';
import { formatDurationWords } from './duration-text';
import { HandoverSummarySections } from './handover-summary-sections';
import { formatShiftRange } from './shift-time';
import { Icon } from '../shell/icons';
import { FormError } from '../shell/form-error';

const NOTES_MAX = 4000;

export function EndShiftDialog() {
  const t = useT();
  const language = useLanguage();
  const api = useApi();
  const store = useStationStore();
  const now = useNow();
  const [current, setCurrent] = useState<CurrentShift | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => store.getState().openDialog(null);

  useEffect(() => {
    let live = true;
    api.shifts
      .current()
      .then((c) => live && setCurrent(c))
      .catch((e: unknown) => live && setLoadError(errorMessage(e, t)));
    return () => {
      live = false;
    };
  }, [api, t]);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await store.getState().endShift(notes);
    } catch (e) {
      setError(errorMessage(e, t));
      setBusy(false);
    }
  };

  return (
    <Modal
      title={t('endShift.title')}
      testId="end-shift-dialog"
      onClose={close}
      className="modal-handover"
    >
      {!current ? (
        <div className="dialog-loading">
          {loadError ? <div className="form-error">{loadError}</div> : <span className="spinner" />}
        </div>
      ) : (
        <>
          <div className="shift-head">
            <div>
              <div className="shift-head-label">{t('endShift.outgoing')}</div>
              <div className="shift-head-value">{rankAndName(current.shift.officer)}</div>
            </div>
            <div>
              <div className="shift-head-label">{t('endShift.span')}</div>
              <div className="shift-head-value">
                {formatShiftRange(current.shift.startedAt, now, language)}
              </div>
            </div>
            <div>
              <div className="shift-head-label">{t('endShift.length')}</div>
              <div className="shift-head-value">
                {formatDurationWords(now - current.shift.startedAt, t)}
              </div>
            </div>
          </div>
          <p className="dialog-text muted">{t('endShift.auto')}</p>
          <div className="handover-scroll">
            <HandoverSummarySections summary={current.summary} />
          </div>
          <label className="field notes-field">
            <span className="field-label">{t('endShift.notes')}</span>
            <textarea
              className="input duty-textarea"
              data-testid="end-shift-notes"
              rows={4}
              maxLength={NOTES_MAX}
              placeholder={t('endShift.notesPlaceholder')}
              value={notes}
              onChange={(e) => setNotes(e.target.value)}
            />
            <span className="field-hint">
              {t('endShift.notesCount', { n: notes.length, max: NOTES_MAX })}
            </span>
          </label>
          <p className="form-note">{t('endShift.warning')}</p>
          <FormError error={error} testId="end-shift-error" />
          <div className="dialog-actions">
            <div className="top-spacer" />
            <button type="button" className="btn" onClick={close}>
              {t('dialog.cancel')}
            </button>
            <button
              type="button"
              className="btn btn-primary"
              data-testid="end-shift-confirm"
              disabled={busy}
              onClick={() => void confirm()}
            >
              <Icon name="handover" />
              {busy ? t('endShift.ending') : t('endShift.confirm')}
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}
