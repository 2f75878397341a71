// The storage folder, and the commander's change of it: picked from the offered
// folders (with their free space) or, as the last resort, typed.
import { useEffect, useState } from 'react';
import { errorMessage, fieldMessage, toUiError } from '../api/api-error';
import { useT } from '../i18n/use-t';
import { useStationState, useStationStore } from '../store/store-context';
import { selectIsCommander } from '../auth/session-slice';
import { FolderChoices, useFolderChoices } from './folder-choices';

/** The storage folder: shown, and changed after a confirmation (old footage stays put). */
export function FolderEditor(props: { current: string }) {
  const { current } = props;
  const t = useT();
  const store = useStationStore();
  const [text, setText] = useState(current);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setText(current), [current]);
  const wanted = text.trim();
  // Moving the storage root is a commander's decision; others see where footage goes.
  const commander = useStationState(selectIsCommander);
  const choices = useFolderChoices(current, commander);

  const apply = async () => {
    setBusy(true);
    setError(null);
    try {
      await store.getState().setStorageFolder(wanted);
      setConfirming(false);
      store
        .getState()
        .pushToast({ kind: 'success', key: 'storage.folderChanged', params: {}, at: null });
    } catch (err) {
      const issue = toUiError(err).fields.path;
      setError(issue ? fieldMessage(issue, t) : errorMessage(err, t));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="storage-path">
      <label className="field-label" htmlFor="storage-folder-input">
        {t('storage.folder')}
      </label>
      <span className="mono" title={props.current} data-testid="storage-folder">
        {props.current}
      </span>
      {commander ? (
        <form
          className="quota-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setError(null);
            if (wanted !== '' && wanted !== props.current) setConfirming(true);
          }}
        >
          <input
            id="storage-folder-input"
            className={`input mono${error ? ' input-invalid' : ''}`}
            data-testid="storage-folder-input"
            value={text}
            placeholder={t('storage.folderHint')}
            spellCheck={false}
            // A full path is long; the field takes the row, the button keeps its size.
            style={{ flex: 1, minWidth: 0 }}
            disabled={busy}
            onChange={(e) => {
              setText(e.target.value);
              setConfirming(false);
            }}
          />
          <button
            type="submit"
            className="btn"
            data-testid="storage-folder-change"
            disabled={busy || wanted === '' || wanted === props.current}
          >
            {t('storage.folderChange')}
          </button>
        </form>
      ) : null}
      {commander ? (
        <FolderChoices
          choices={choices}
          picked={wanted}
          disabled={busy}
          onPick={(path) => {
            setText(path);
            setError(null);
            setConfirming(false);
          }}
        />
      ) : null}
      {error ? (
        <div className="field-error" role="alert" data-testid="storage-folder-error">
          {error}
        </div>
      ) : null}
      {confirming ? (
        <div className="form-error" role="alertdialog" data-testid="storage-folder-confirm-box">
          <strong>{t('storage.folderConfirmTitle')}</strong>
          <p>{t('storage.folderConfirmText', { path: wanted })}</p>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="storage-folder-confirm"
            disabled={busy}
            onClick={() => void apply()}
          >
            {t('storage.folderConfirm')}
          </button>{' '}
          <button
            type="button"
            className="btn"
            data-testid="storage-folder-cancel"
            disabled={busy}
            onClick={() => setConfirming(false)}
          >
            {t('storage.folderCancel')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
