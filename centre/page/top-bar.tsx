import { useEffect, useState } from 'react';
import { Icon } from '../../renderer/shell/icons';
import { formatDate, formatTime } from './format';
import { useCentre } from './store';
import { useT } from './t';

export function TopBar() {
  const t = useT();
  const language = useCentre((s) => s.language);
  const now = useClock();
  const stations = useCentre((s) => s.stations);
  const setLanguage = useCentre((s) => s.setLanguage);
  const lost = stations.filter((s) => !s.connected).length;
  const alarms = stations.reduce((n, s) => n + (s.openAlarms ?? 0), 0);
  const incidents = stations.reduce((n, s) => n + s.incidentsToday, 0);
  return (
    <header className="c-top">
      <div className="c-brand">
        <span className="c-brand-mark">
          <Icon name="shield" size={18} />
        </span>
        <div className="c-brand-text">
          <span className="c-brand-name">{t('brand.name')}</span>
          <span className="c-brand-sub">{t('brand.sub')}</span>
        </div>
      </div>
      <div className="c-summary" data-testid="centre-summary">
        <span className="c-chip">
          <Icon name="shield" size={14} />
          {t('summary.stations', { n: stations.length })}
        </span>
        <span className={`c-chip ${lost > 0 ? 'c-chip-bad' : ''}`}>
          <span className={`c-dot ${lost > 0 ? 'c-dot-bad' : 'c-dot-ok'}`} />
          {t('summary.lost', { n: lost })}
        </span>
        <span className={`c-chip ${alarms > 0 ? 'c-chip-warn' : ''}`}>
          <Icon name="bell" size={14} />
          {t('summary.alarms', { n: alarms })}
        </span>
        <span className="c-chip">
          <Icon name="file" size={14} />
          {t('summary.incidents', { n: incidents })}
        </span>
      </div>
      <div className="c-top-right">
        <div className="c-clock">
          <span className="c-clock-time mono">{formatTime(now, language)}</span>
          <span className="c-clock-date">{formatDate(now, language)}</span>
        </div>
        <button
          type="button"
          className="btn btn-ghost c-lang"
          onClick={() => setLanguage(language === 'vi' ? 'en' : 'vi')}
        >
          {t('lang.switch')}
        </button>
      </div>
    </header>
  );
}

/** The wall clock, ticking every second (the data refresh is slower). */
function useClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
