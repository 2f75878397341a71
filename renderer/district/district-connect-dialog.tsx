// A commander connects the station to its centre with the credentials file the centre
// issued: read here (file picker or pasted text), shown back as station, name and hub
// address for a check, and only then sent (district.connect parses it again).
import { useRef, useState, type FormEvent } from 'react';
import { errorMessage, fieldMessage, toUiError } from '../api/api-error';
import { useT } from '../i18n/use-t';
import { DialogActions } from '../shell/dialog-actions';
import { FormError } from '../shell/form-error';
import { FormField } from '../shell/form-field';
import { Modal } from '../shell/modal';
import { useStationStore } from '../store/store-context';
import {
  checkCredentials,
  hubAddress,
  MAX_CREDENTIALS_CHARS,
  type CredentialsPreview,
} from './district-credentials';

export function DistrictConnectDialog() {
  const t = useT();
  const store = useStationStore();
  const fileInput = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [preview, setPreview] = useState<CredentialsPreview | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => store.getState().openDialog({ type: 'settings' });

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setPreview(null);
    setFormError(null);
    if (file.size > MAX_CREDENTIALS_CHARS) {
      setProblem(t('district.fileTooBig'));
      return;
    }
    try {
      const content = await file.text();
      setText(content);
      setFileName(file.name);
      const check = checkCredentials(content);
      setProblem(check.ok ? null : t(`district.problem.${check.problem}`));
    } catch {
      setProblem(t('district.fileUnreadable'));
    }
  };

  const onNext = (e: FormEvent) => {
    e.preventDefault();
    const check = checkCredentials(text);
    if (!check.ok) {
      setProblem(t(`district.problem.${check.problem}`));
      return;
    }
    setProblem(null);
    setPreview(check.preview);
  };

  const onConnect = async (e: FormEvent) => {
    e.preventDefault();
    if (!preview) return;
    setBusy(true);
    setFormError(null);
    try {
      await store.getState().connectDistrict(text.trim());
      store.getState().pushToast({
        kind: 'success',
        key: 'toast.districtConnected',
        params: { name: preview.stationName },
        at: null,
      });
      close();
    } catch (err) {
      const issue = toUiError(err).fields.credentials;
      setFormError(issue ? fieldMessage(issue, t) : errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={t('district.connectTitle')} testId="district-connect-dialog" onClose={close}>
      {preview === null ? (
        <form className="dialog-form" onSubmit={onNext} noValidate>
          <p className="dialog-text">{t('district.connectStep1')}</p>
          <div className="district-file-row">
            <button
              type="button"
              className="btn"
              data-testid="district-choose-file"
              onClick={() => fileInput.current?.click()}
            >
              {t('district.chooseFile')}
            </button>
            {fileName ? (
              <span className="district-file-name" data-testid="district-file-name">
                {t('district.fileChosen', { name: fileName })}
              </span>
            ) : null}
            <input
              ref={fileInput}
              type="file"
              accept=".json,application/json,text/plain"
              hidden
              data-testid="district-file"
              onChange={(e) => {
                void onFile(e.target.files?.[0]);
                // The same file chosen again after an edit still fires a change.
                e.target.value = '';
              }}
            />
          </div>
          <FormField label={t('district.paste')} name="credentials" error={problem ?? undefined}>
            <textarea
              className="input textarea mono district-credentials"
              data-testid="district-credentials-text"
              value={text}
              rows={7}
              spellCheck={false}
              placeholder={t('district.pastePlaceholder')}
              onChange={(e) => {
                setText(e.target.value);
                setFileName(null);
                setProblem(null);
              }}
            />
          </FormField>
          <DialogActions
            onCancel={close}
            submitTestId="district-next"
            submitDisabled={!text.trim()}
            submitLabel={t('district.next')}
          />
        </form>
      ) : (
        <form className="dialog-form" onSubmit={(e) => void onConnect(e)} noValidate>
          <p className="dialog-text">{t('district.confirmStep')}</p>
          <dl className="district-facts district-preview" data-testid="district-preview">
            <dt>{t('district.station')}</dt>
            <dd className="mono strong" data-testid="district-preview-station">
              {preview.stationId}
            </dd>
            <dt>{t('district.confirmStationName')}</dt>
            <dd className="strong" data-testid="district-preview-name">
              {preview.stationName}
            </dd>
            <dt>{t('district.hub')}</dt>
            <dd className="mono" data-testid="district-preview-hub">
              {hubAddress(preview.hubUrl)}
            </dd>
          </dl>
          <FormError error={formError} testId="district-connect-error" />
          <DialogActions
            onCancel={close}
            submitTestId="district-confirm-connect"
            submitDisabled={busy}
            submitLabel={busy ? t('district.connecting') : t('district.confirmConnect')}
            leading={
              <button
                type="button"
                className="btn btn-ghost"
                data-testid="district-back"
                disabled={busy}
                onClick={() => {
                  setPreview(null);
                  setFormError(null);
                }}
              >
                {t('district.back')}
              </button>
            }
          />
        </form>
      )}
    </Modal>
  );
}
