// What the window shows: the first-start screen, the sign-in screen, or the
// console (with the lock over it when locked). The console is mounted only
// once a session exists, because every data call needs one.
import type { ReactNode } from 'react';
import { useT } from '../i18n/use-t';
import { useStationState, useStationStore } from '../store/store-context';
import { FirstStartScreen } from './first-start-screen';
import { LockScreen } from './lock-screen';
import { SignInScreen } from './sign-in-screen';
import { useIdleLock } from './use-idle-lock';

function IdleLock() {
  useIdleLock();
  return null;
}

function Waiting() {
  const t = useT();
  const store = useStationStore();
  const phase = useStationState((s) => s.authPhase);
  return (
    <div className="auth-screen" data-testid="auth-waiting" data-phase={phase}>
      <div className="auth-waiting">
        {phase === 'unreachable' ? (
          <>
            <p className="form-error">{t('auth.unreachable')}</p>
            <button
              type="button"
              className="btn btn-primary"
              data-testid="auth-retry"
              onClick={() =>
                void store
                  .getState()
                  .startSession()
                  .catch(() => undefined)
              }
            >
              {t('app.retry')}
            </button>
          </>
        ) : (
          <>
            <span className="spinner" />
            <p>{t('app.loading')}</p>
          </>
        )}
      </div>
    </div>
  );
}

export function AuthGate(props: { children: ReactNode }) {
  const phase = useStationState((s) => s.authPhase);
  if (phase === 'setup') return <FirstStartScreen />;
  if (phase === 'signIn') return <SignInScreen />;
  if (phase !== 'signedIn') return <Waiting />;
  return (
    <>
      {props.children}
      <LockScreen />
      <IdleLock />
    </>
  );
}
