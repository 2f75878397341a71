// Sign-in: the station's active officers as cards, a password, and what the
// officer must know before starting (a handover waiting, why they are here).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { errorMessage, errorReason, toUiError } from '../api/api-error';
import type { MessageKey } from '../i18n/translate';
import { useLanguage, useT } from '../i18n/use-t';
import { Icon } from '../shell/icons';
import { useNow } from '../shell/use-now';
import { formatShiftRange } from '../shifts/shift-time';
import { useStationState, useStationStore } from '../store/store-context';
import { AuthFrame } from './auth-frame';
import { avatarLetter, rankAndName } from './officer-name';
import { FormError } from '../shell/form-error';

const NOTICE_KEY: Record<'shiftEnded' | 'sessionExpired' | 'signedOut', MessageKey> = {
  shiftEnded: 'signIn.notice.shiftEnded',
  sessionExpired: 'signIn.notice.sessionExpired',
  signedOut: 'signIn.notice.signedOut',
};

export function SignInScreen() {
  const t = useT();
  const language = useLanguage();
  const store = useStationStore();
  const now = useNow();
  const authState = useStationState((s) => s.authState);
  const notice = useStationState((s) => s.signInNotice);
  const officers = authState?.officers ?? [];
  const pending = authState?.pendingHandovers ?? [];
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  // One officer on the list needs no choosing.
  const chosen =
    officers.find((o) => o.id === selectedId) ?? (officers.length === 1 ? officers[0] : undefined);
  const waitSec = retryAt ? Math.max(0, Math.ceil((retryAt - now) / 1000)) : 0;

  useEffect(() => {
    if (chosen) passwordRef.current?.focus();
  }, [chosen]);

  const choose = (id: string) => {
    setSelectedId(id);
    setError(null);
    setRetryAt(null);
    setPassword('');
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return setError(t('signIn.chooseOfficer'));
    if (!password) return setError(t('signIn.passwordRequired'));
    setBusy(true);
    setError(null);
    try {
      await store.getState().signIn(chosen.id, password);
    } catch (e2) {
      setBusy(false);
      setPassword('');
      if (errorReason(e2) === 'too_many_attempts') {
        const sec = Number(toUiError(e2).fields.retryAfterSec ?? 60);
        setRetryAt(Date.now() + (Number.isFinite(sec) ? sec : 60) * 1000);
      } else {
        setRetryAt(null);
      }
      setError(errorMessage(e2, t));
      passwordRef.current?.focus();
    }
  };

  const throttled = waitSec > 0;
  const shownError = throttled
    ? t('error.forbidden.too_many_attempts', { retryAfterSec: waitSec })
    : retryAt
      ? null
      : error;

  return (
    <AuthFrame testId="sign-in">
      <form className="auth-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <h1 className="auth-title">{t('signIn.title')}</h1>
        {notice ? (
          <div
            className={`auth-notice auth-notice-${notice}`}
            role="status"
            data-testid="signin-notice"
            data-notice={notice}
          >
            <Icon name={notice === 'sessionExpired' ? 'alert' : 'check'} size={16} />
            <span>{t(NOTICE_KEY[notice])}</span>
          </div>
        ) : null}
        {pending.length > 0 ? (
          <div className="auth-pending" data-testid="signin-pending" data-count={pending.length}>
            <Icon name="handover" size={18} />
            <div>
              <strong>{t('signIn.pendingTitle', { n: pending.length })}</strong>
              <ul>
                {pending.slice(0, 3).map((h) => (
                  <li key={h.id}>
                    {t('signIn.pendingItem', {
                      officer: rankAndName(h.outgoing),
                      range: formatShiftRange(h.shiftStartedAt, h.shiftEndedAt, language),
                    })}
                  </li>
                ))}
              </ul>
              <span className="auth-pending-hint">{t('signIn.pendingHint')}</span>
            </div>
          </div>
        ) : null}

        <div className="field-label auth-section-label">{t('signIn.officer')}</div>
        {officers.length === 0 ? (
          <div className="auth-empty">{t('signIn.noOfficers')}</div>
        ) : (
          <div className="officer-cards" role="radiogroup" aria-label={t('signIn.officer')}>
            {officers.map((o) => (
              <button
                key={o.id}
                type="button"
                role="radio"
                aria-checked={chosen?.id === o.id}
                className={`officer-card${chosen?.id === o.id ? ' officer-card-active' : ''}`}
                data-testid={`signin-officer-${o.id}`}
                onClick={() => choose(o.id)}
              >
                <span className={`avatar${o.role === 'commander' ? ' avatar-commander' : ''}`}>
                  {avatarLetter(o.fullName)}
                </span>
                <span className="officer-card-text">
                  <span className="officer-card-rank">{o.rank}</span>
                  <span className="officer-card-name">{o.fullName}</span>
                </span>
                {o.role === 'commander' ? (
                  <span className="role-chip role-chip-commander">{t('role.commander')}</span>
                ) : null}
              </button>
            ))}
          </div>
        )}

        <label className="field auth-password">
          <span className="field-label">
            {chosen
              ? t('signIn.passwordFor', { officer: rankAndName(chosen) })
              : t('officer.password')}
          </span>
          <input
            ref={passwordRef}
            className="input input-large"
            data-testid="signin-password"
            type="password"
            value={password}
            autoComplete="current-password"
            disabled={!chosen}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <FormError error={shownError} testId="signin-error" />
        <button
          type="submit"
          className="btn btn-primary btn-large auth-submit"
          data-testid="signin-submit"
          disabled={busy || !chosen || throttled}
        >
          {busy ? t('signIn.signingIn') : t('signIn.submit')}
        </button>
        <p className="auth-hint">{t('signIn.shiftHint')}</p>
      </form>
    </AuthFrame>
  );
}
