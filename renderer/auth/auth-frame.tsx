// The frame of the screens shown before the console: the station's identity and
// clock on the left, the task (first start, sign-in) on the right.
import type { ReactNode } from 'react';
import { formatClock, formatDate, formatWeekday } from '../i18n/format-time';
import { useLanguage, useT } from '../i18n/use-t';
import { Icon } from '../shell/icons';
import { useNow } from '../shell/use-now';
import { useStationState } from '../store/store-context';

export function AuthFrame(props: { testId: string; children: ReactNode }) {
  const t = useT();
  const language = useLanguage();
  const now = useNow();
  // Before sign-in the settings are not loaded yet: auth.state carries the name.
  const stationName = useStationState(
    (s) => s.settings.stationName || s.authState?.stationName || '',
  );
  return (
    <div className="auth-screen" data-testid={props.testId}>
      <div className="auth-card">
        <aside className="auth-brand">
          <span className="auth-brand-mark">
            <Icon name="shield" size={30} />
          </span>
          <div className="auth-brand-kicker">{t('auth.kicker')}</div>
          <div className="auth-station" data-testid="auth-station-name">
            {stationName || t('auth.stationFallback')}
          </div>
          <div className="auth-app">{t('app.title')}</div>
          <div className="auth-time">
            <span className="auth-clock">{formatClock(now, language)}</span>
            <span className="auth-date">
              {formatWeekday(now, language)}, {formatDate(now, language)}
            </span>
          </div>
          <p className="auth-brand-foot">{t('auth.offlineNote')}</p>
        </aside>
        <section className="auth-panel">{props.children}</section>
      </div>
    </div>
  );
}
