// Any officer changes their own password; the current one proves it is them.
import { useState, type FormEvent } from 'react';
import { zodIssuesToFields } from '../../electron/contract/errors';
import { ChangePassword } from '../../electron/contract/officer-schemas';
import { errorMessage, errorReason, fieldMessage, toUiError } from '../api/api-error';
import { FormField } from '../shell/form-field';
import { useT } from '../i18n/use-t';
import { DialogActions } from '../shell/dialog-actions';
import { FormError } from '../shell/form-error';
import { NewPasswordFields } from '../officers/officer-fields';
import { Modal } from '../shell/modal';
import { useStationStore } from '../store/store-context';

export function ChangePasswordDialog() {
  const t = useT();
  const store = useStationStore();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => store.getState().openDialog(null);
  const err = (k: string) => (fields[k] ? fieldMessage(fields[k], t) : undefined);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const parsed = ChangePassword.safeParse({ currentPassword: current, newPassword: next });
    const issues = parsed.success ? {} : zodIssuesToFields(parsed.error);
    if (!current) issues.currentPassword = 'required';
    if (confirm !== next) issues.confirm = 'password_mismatch';
    if (parsed.success && next === current) issues.newPassword = 'password_unchanged';
    setFields(issues);
    if (!parsed.success || Object.keys(issues).length > 0) return;
    setBusy(true);
    try {
      await store.getState().changePassword(current, next);
      store
        .getState()
        .pushToast({ kind: 'success', key: 'toast.passwordChanged', params: {}, at: null });
      close();
    } catch (e2) {
      // A wrong current password belongs under its field, not in a banner.
      if (errorReason(e2) === 'bad_password') setFields({ currentPassword: 'bad_password' });
      else {
        setFields(toUiError(e2).fields);
        setFormError(errorMessage(e2, t));
      }
      setBusy(false);
    }
  };

  return (
    <Modal title={t('password.title')} testId="change-password-dialog" onClose={close}>
      <form className="dialog-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className="form-grid form-grid-single">
          <FormField
            label={t('password.current')}
            name="currentPassword"
            error={err('currentPassword')}
          >
            <input
              className="input"
              type="password"
              data-testid="cp-current"
              autoComplete="current-password"
              autoFocus
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
            />
          </FormField>
          <NewPasswordFields
            name="newPassword"
            label={t('password.new')}
            testIds={{ password: 'cp-new', confirm: 'cp-confirm' }}
            password={next}
            confirm={confirm}
            onPassword={setNext}
            onConfirm={setConfirm}
            err={err}
          />
        </div>
        <FormError error={formError} />
        <DialogActions
          onCancel={close}
          submitTestId="cp-submit"
          submitDisabled={busy}
          submitLabel={busy ? t('dialog.saving') : t('password.submit')}
        />
      </form>
    </Modal>
  );
}
