// First start: no officer exists yet, so the station's administrator (a
// commander) is created here and signed in; everything else needs a session.
// The unit's name is asked here too: exports and handovers print it as "Đơn vị".
import { useState, type FormEvent } from 'react';
import { zodIssuesToFields } from '../../electron/contract/errors';
import { SetupInput } from '../../electron/contract/officer-schemas';
import { errorMessage, fieldMessage, toUiError } from '../api/api-error';
import { useT } from '../i18n/use-t';
import { useStationStore } from '../store/store-context';
import { AuthFrame } from './auth-frame';
import { IdentityFields, NewPasswordFields } from '../officers/officer-fields';
import { RankOptions } from './police-ranks';
import { FormError } from '../shell/form-error';
import { FormField } from '../shell/form-field';

export function FirstStartScreen() {
  const t = useT();
  const store = useStationStore();
  const [form, setForm] = useState({
    fullName: '',
    rank: '',
    badgeNumber: '',
    password: '',
    confirm: '',
    stationName: '',
  });
  const [fields, setFields] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form, v: string) => setForm((f) => ({ ...f, [k]: v }));
  const err = (k: string) => (fields[k] ? fieldMessage(fields[k], t) : undefined);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const parsed = SetupInput.safeParse({
      fullName: form.fullName,
      rank: form.rank,
      badgeNumber: form.badgeNumber,
      password: form.password,
      stationName: form.stationName,
    });
    const issues = parsed.success ? {} : zodIssuesToFields(parsed.error);
    if (form.confirm !== form.password) issues.confirm = 'password_mismatch';
    setFields(issues);
    if (!parsed.success || issues.confirm) return;
    setBusy(true);
    try {
      await store.getState().setupStation(parsed.data);
    } catch (e2) {
      setFields(toUiError(e2).fields);
      setFormError(errorMessage(e2, t));
      setBusy(false);
    }
  };

  return (
    <AuthFrame testId="first-start">
      <form className="auth-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <h1 className="auth-title">{t('setup.title')}</h1>
        <p className="auth-lead">{t('setup.lead')}</p>
        <div className="form-grid">
          <IdentityFields
            testIdPrefix="setup"
            values={form}
            onChange={(k, v) => set(k, v)}
            err={err}
          />
          <NewPasswordFields
            testIds={{ password: 'setup-password', confirm: 'setup-password2' }}
            password={form.password}
            confirm={form.confirm}
            onPassword={(v) => set('password', v)}
            onConfirm={(v) => set('confirm', v)}
            err={err}
          />
          <FormField
            label={t('setup.stationName')}
            name="stationName"
            error={err('stationName')}
            hint={t('setup.stationNameHint')}
            wide
          >
            <input
              className="input"
              data-testid="setup-station-name"
              value={form.stationName}
              maxLength={120}
              autoComplete="off"
              placeholder={t('setup.stationNamePlaceholder')}
              onChange={(e) => set('stationName', e.target.value)}
            />
          </FormField>
        </div>
        <RankOptions />
        <p className="form-note auth-note">{t('setup.note')}</p>
        <FormError error={formError} testId="setup-error" />
        <div className="dialog-actions">
          <div className="top-spacer" />
          <button
            type="submit"
            className="btn btn-primary btn-large"
            data-testid="setup-submit"
            disabled={busy}
          >
            {busy ? t('setup.creating') : t('setup.submit')}
          </button>
        </div>
      </form>
    </AuthFrame>
  );
}
