// First start: no officer exists yet, so the station's administrator (a
// commander) is created here and signed in; everything else needs a session.
import { useState, type FormEvent } from 'react';
import { zodIssuesToFields } from '../../electron/contract/errors';
import { SetupInput } from '../../electron/contract/officer-schemas';
import { errorMessage, fieldMessage, toUiError } from '../api/api-error';
import { FormField } from '../cameras/form-field';
import { useT } from '../i18n/use-t';
import { useStationStore } from '../store/store-context';
import { AuthFrame } from './auth-frame';
import { RankOptions, RANKS_LIST_ID } from './police-ranks';

export function FirstStartScreen() {
  const t = useT();
  const store = useStationStore();
  const [form, setForm] = useState({
    fullName: '',
    rank: '',
    badgeNumber: '',
    password: '',
    confirm: '',
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
          <FormField label={t('officer.fullName')} name="fullName" error={err('fullName')} wide>
            <input
              className="input"
              data-testid="setup-fullname"
              value={form.fullName}
              maxLength={80}
              autoFocus
              autoComplete="off"
              placeholder={t('officer.fullNamePlaceholder')}
              onChange={(e) => set('fullName', e.target.value)}
            />
          </FormField>
          <FormField label={t('officer.rank')} name="rank" error={err('rank')}>
            <input
              className="input"
              data-testid="setup-rank"
              list={RANKS_LIST_ID}
              value={form.rank}
              maxLength={40}
              autoComplete="off"
              placeholder={t('officer.rankPlaceholder')}
              onChange={(e) => set('rank', e.target.value)}
            />
          </FormField>
          <FormField label={t('officer.badgeNumber')} name="badgeNumber" error={err('badgeNumber')}>
            <input
              className="input"
              data-testid="setup-badge"
              value={form.badgeNumber}
              maxLength={20}
              autoComplete="off"
              placeholder={t('officer.badgePlaceholder')}
              onChange={(e) => set('badgeNumber', e.target.value)}
            />
          </FormField>
          <FormField
            label={t('officer.password')}
            name="password"
            error={err('password')}
            hint={t('officer.passwordHint')}
          >
            <input
              className="input"
              data-testid="setup-password"
              type="password"
              value={form.password}
              autoComplete="new-password"
              onChange={(e) => set('password', e.target.value)}
            />
          </FormField>
          <FormField label={t('officer.passwordConfirm')} name="confirm" error={err('confirm')}>
            <input
              className="input"
              data-testid="setup-password2"
              type="password"
              value={form.confirm}
              autoComplete="new-password"
              onChange={(e) => set('confirm', e.target.value)}
            />
          </FormField>
        </div>
        <RankOptions />
        <p className="form-note auth-note">{t('setup.note')}</p>
        {formError ? (
          <div className="form-error" role="alert" data-testid="setup-error">
            {formError}
          </div>
        ) : null}
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
