// Add or edit an officer account (commander only). The password is set here
// only when adding; afterwards it is reset separately, never shown.
import { useState, type FormEvent } from 'react';
import { zodIssuesToFields } from '../../electron/contract/errors';
import {
  OfficerInput,
  OfficerUpdate,
  Password,
  type Officer,
  type OfficerRole,
} from '../../electron/contract/officer-schemas';
import { errorMessage, fieldMessage, toUiError } from '../api/api-error';
import { RankOptions } from '../auth/police-ranks';
import { FormField } from '../shell/form-field';
import { useT } from '../i18n/use-t';
import { DialogActions } from '../shell/dialog-actions';
import { FormError } from '../shell/form-error';
import { useStationStore } from '../store/store-context';
import { IdentityFields, NewPasswordFields } from './officer-fields';

export function OfficerForm(props: { officer: Officer | null; onDone: () => void }) {
  const t = useT();
  const store = useStationStore();
  const editing = props.officer;
  const [form, setForm] = useState({
    fullName: editing?.fullName ?? '',
    rank: editing?.rank ?? '',
    badgeNumber: editing?.badgeNumber ?? '',
    role: (editing?.role ?? 'duty') as OfficerRole,
    password: '',
    confirm: '',
  });
  const [fields, setFields] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) =>
    setForm((f) => ({ ...f, [k]: v }));
  const err = (k: string) => (fields[k] ? fieldMessage(fields[k], t) : undefined);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const base = {
      fullName: form.fullName,
      rank: form.rank,
      badgeNumber: form.badgeNumber,
      role: form.role,
    };
    const parsed = editing
      ? OfficerUpdate.safeParse({ id: editing.id, ...base })
      : OfficerInput.safeParse({ ...base, password: form.password });
    const issues = parsed.success ? {} : zodIssuesToFields(parsed.error);
    if (!editing && form.confirm !== form.password) issues.confirm = 'password_mismatch';
    setFields(issues);
    if (!parsed.success || Object.keys(issues).length > 0) return;
    setBusy(true);
    try {
      const s = store.getState();
      const saved = editing
        ? await s.updateOfficer(OfficerUpdate.parse({ id: editing.id, ...base }))
        : await s.createOfficer(OfficerInput.parse({ ...base, password: form.password }));
      s.pushToast({
        kind: 'success',
        key: editing ? 'toast.officerSaved' : 'toast.officerAdded',
        params: { name: saved.fullName },
        at: null,
      });
      props.onDone();
    } catch (e2) {
      const ui = toUiError(e2);
      setFields(ui.fields);
      // A field issue is shown under its field; anything else as a sentence.
      if (Object.keys(ui.fields).length === 0 || ui.code !== 'conflict')
        setFormError(errorMessage(e2, t));
      setBusy(false);
    }
  };

  return (
    <form className="dialog-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h3 className="subview-title">
        {editing ? t('officers.editTitle', { name: editing.fullName }) : t('officers.addTitle')}
      </h3>
      <div className="form-grid">
        <IdentityFields
          testIdPrefix="officer"
          values={form}
          onChange={(k, v) => set(k, v)}
          err={err}
        />
        <FormField
          label={t('officer.role')}
          name="role"
          error={err('role')}
          hint={form.role === 'commander' ? t('role.commanderHint') : t('role.dutyHint')}
          wide
        >
          <select
            className="select"
            data-testid="officer-role"
            value={form.role}
            onChange={(e) => set('role', e.target.value as OfficerRole)}
          >
            <option value="duty">{t('role.duty')}</option>
            <option value="commander">{t('role.commander')}</option>
          </select>
        </FormField>
        {!editing ? (
          <NewPasswordFields
            testIds={{ password: 'officer-password', confirm: 'officer-password2' }}
            password={form.password}
            confirm={form.confirm}
            onPassword={(v) => set('password', v)}
            onConfirm={(v) => set('confirm', v)}
            err={err}
          />
        ) : null}
      </div>
      <RankOptions />
      <FormError error={formError} testId="officer-form-error" />
      <DialogActions
        onCancel={props.onDone}
        cancelTestId="officer-cancel"
        submitTestId="officer-save"
        submitDisabled={busy}
        submitLabel={busy ? t('dialog.saving') : editing ? t('dialog.save') : t('officers.create')}
      />
    </form>
  );
}

export function ResetPasswordForm(props: { officer: Officer; onDone: () => void }) {
  const t = useT();
  const store = useStationStore();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const err = (k: string) => (fields[k] ? fieldMessage(fields[k], t) : undefined);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const parsed = Password.safeParse(password);
    const issues: Record<string, string> = parsed.success
      ? {}
      : { password: parsed.error.issues[0]?.message ?? 'invalid' };
    if (confirm !== password) issues.confirm = 'password_mismatch';
    setFields(issues);
    if (Object.keys(issues).length > 0) return;
    setBusy(true);
    try {
      await store.getState().resetOfficerPassword(props.officer.id, password);
      store.getState().pushToast({
        kind: 'success',
        key: 'toast.passwordReset',
        params: { name: props.officer.fullName },
        at: null,
      });
      props.onDone();
    } catch (e2) {
      setFields(toUiError(e2).fields);
      setFormError(errorMessage(e2, t));
      setBusy(false);
    }
  };

  return (
    <form className="dialog-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h3 className="subview-title">
        {t('officers.resetTitle', { name: `${props.officer.rank} ${props.officer.fullName}` })}
      </h3>
      <p className="form-note">{t('officers.resetNote')}</p>
      <div className="form-grid">
        <NewPasswordFields
          label={t('password.new')}
          testIds={{ password: 'reset-password', confirm: 'reset-password2' }}
          password={password}
          confirm={confirm}
          onPassword={setPassword}
          onConfirm={setConfirm}
          err={err}
          autoFocus
        />
      </div>
      <FormError error={formError} />
      <DialogActions
        onCancel={props.onDone}
        submitTestId="reset-save"
        submitDisabled={busy}
        submitLabel={busy ? t('dialog.saving') : t('officers.resetSubmit')}
      />
    </form>
  );
}
