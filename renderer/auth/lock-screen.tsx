// The lock: a dim layer over the console that leaves the live grid playing
// visibly behind it (nothing is unmounted), and a card to unlock with the
// officer's password or hand the console to another officer.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { errorMessage } from '../api/api-error';
import { useLanguage, useT } from '../i18n/use-t';
import { formatTimeDay } from '../shifts/shift-time';
import { useStationState, useStationStore } from '../store/store-context';
import { avatarLetter } from './officer-name';
import { Icon } from '../shell/icons';
import { FormError } from '../shell/form-error';

export function LockScreen() {
  const t = useT();
  const language = useLanguage();
  const store = useStationStore();
  const session = useStationState((s) => s.session);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [switching, setSwitching] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const locked = session?.locked ?? false;

  useEffect(() => {
    if (!locked) return;
    setPassword('');
    setError(null);
    setSwitching(false);
    inputRef.current?.focus();
  }, [locked]);

  if (!session || !locked) return null;
  const { officer } = session;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!password) return setError(t('signIn.passwordRequired'));
    setBusy(true);
    setError(null);
    try {
      await store.getState().unlockScreen(password);
    } catch (e2) {
      setError(errorMessage(e2, t));
      setPassword('');
      inputRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      className="lock-layer"
      data-testid="lock-screen"
      role="dialog"
      aria-modal="true"
      aria-label={t('lock.title')}
      // Keys typed here are for the password, not the console's shortcuts below.
      onKeyDown={(e) => e.stopPropagation()}
    >
      <form className="lock-card" onSubmit={(e) => void onSubmit(e)} noValidate>
        <span className="lock-badge">
          <Icon name="lock" size={22} />
        </span>
        <h2 className="lock-title">{t('lock.title')}</h2>
        <p className="lock-sub">{t('lock.sub')}</p>
        <div className="lock-officer">
          <span
            className={`avatar avatar-large${officer.role === 'commander' ? ' avatar-commander' : ''}`}
          >
            {avatarLetter(officer.fullName)}
          </span>
          <div>
            <div className="lock-officer-rank">{officer.rank}</div>
            <div className="lock-officer-name" data-testid="lock-officer">
              {officer.fullName}
            </div>
            <div className="lock-officer-shift">
              {session.shiftStartedAt === null
                ? t('user.supervising')
                : t('lock.shiftSince', { time: formatTimeDay(session.shiftStartedAt, language) })}
            </div>
          </div>
        </div>
        <label className="field">
          <span className="field-label">{t('lock.password')}</span>
          <input
            ref={inputRef}
            className="input input-large"
            type="password"
            data-testid="lock-password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <FormError error={error} testId="lock-error" />
        <button
          type="submit"
          className="btn btn-primary btn-large lock-unlock"
          data-testid="lock-unlock"
          disabled={busy}
        >
          <Icon name="unlock" />
          {busy ? t('lock.unlocking') : t('lock.unlock')}
        </button>
        <div className="lock-switch">
          {switching ? (
            <>
              <p className="lock-switch-text">{t('lock.switchExplain')}</p>
              <div className="lock-switch-actions">
                <button type="button" className="btn" onClick={() => setSwitching(false)}>
                  {t('dialog.cancel')}
                </button>
                <button
                  type="button"
                  className="btn btn-warn"
                  data-testid="lock-switch-confirm"
                  onClick={() => void store.getState().signOut()}
                >
                  <Icon name="signOut" />
                  {t('lock.switchConfirm')}
                </button>
              </div>
            </>
          ) : (
            <button
              type="button"
              className="btn btn-ghost lock-switch-btn"
              data-testid="lock-switch-officer"
              onClick={() => setSwitching(true)}
            >
              <Icon name="users" />
              {t('lock.switchOfficer')}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
