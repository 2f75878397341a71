import { useEffect, useState } from 'react';
import { ExportPanel } from './export-panel';
import { IncidentLog } from './incident-log';
import { OverviewTable } from './overview-table';
import { formatTime } from './format';
import { useCentre } from './store';
import { useT } from './t';
import { TopBar } from './top-bar';

/** The read model changes as stations report; every few seconds is current enough for a duty desk. */
const POLL_MS = 5_000;

export function App() {
  const t = useT();
  const serviceDown = useCentre((s) => s.serviceDown);
  const updatedAt = useCentre((s) => s.updatedAt);
  const language = useCentre((s) => s.language);
  const [code, setCode] = useState('');

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  useEffect(() => {
    const refresh = useCentre.getState().refresh;
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, []);

  return (
    <div className="c-app">
      <TopBar />
      {serviceDown && (
        <div className="c-banner" role="alert">
          {t('service.down')}
        </div>
      )}
      <main className="c-main">
        <OverviewTable />
        <div className="c-detail">
          <IncidentLog onRequest={setCode} />
          <ExportPanel code={code} onCodeUsed={() => setCode('')} />
        </div>
      </main>
      <footer className="c-foot">
        <span>{updatedAt ? t('footer.updated', { t: formatTime(updatedAt, language) }) : ''}</span>
      </footer>
    </div>
  );
}
