import { formatAge, formatDateTime } from './format';
import { useCentre } from './store';
import { useT } from './t';

export function OverviewTable() {
  const t = useT();
  const language = useCentre((s) => s.language);
  const stations = useCentre((s) => s.stations);
  const now = useCentre((s) => s.now);
  const selected = useCentre((s) => s.selected);
  const select = useCentre((s) => s.select);
  return (
    <section className="c-panel" aria-labelledby="overview-title">
      <div className="c-panel-head">
        <h2 id="overview-title">{t('overview.title')}</h2>
      </div>
      {stations.length === 0 ? (
        <p className="list-empty">{t('overview.empty')}</p>
      ) : (
        <div className="c-table-wrap">
          <table className="data-table c-table" data-testid="stations-table">
            <thead>
              <tr>
                <th>{t('overview.station')}</th>
                <th>{t('overview.lastSeen')}</th>
                <th className="num">{t('overview.cameras')}</th>
                <th className="num">{t('overview.recording')}</th>
                <th className="num">{t('overview.alarms')}</th>
                <th className="num">{t('overview.outages')}</th>
                <th className="num">{t('overview.incidentsToday')}</th>
              </tr>
            </thead>
            <tbody>
              {stations.map((s) => (
                <tr
                  key={s.id}
                  className={s.id === selected ? 'c-row-selected' : ''}
                  onClick={() => select(s.id)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') select(s.id);
                  }}
                  tabIndex={0}
                  data-testid={`station-${s.id}`}
                  aria-selected={s.id === selected}
                >
                  <td>
                    <div className="c-station">
                      <span className={`c-dot ${s.connected ? 'c-dot-ok' : 'c-dot-bad'}`} />
                      <div>
                        <div className="c-station-name">{s.name}</div>
                        <div className="c-station-id mono">{s.id}</div>
                      </div>
                    </div>
                  </td>
                  <td>
                    {s.lastSeen === null ? (
                      <span className="pill pill-muted">{t('overview.never')}</span>
                    ) : (
                      <div className="c-seen">
                        <span className={`pill ${s.connected ? 'pill-ok' : 'c-pill-bad'}`}>
                          {s.connected ? t('overview.connected') : t('overview.lost')}
                        </span>
                        <span className="c-sub" title={formatDateTime(s.lastSeen, language)}>
                          {t('overview.ago', { t: formatAge(now - s.lastSeen, language) })}
                        </span>
                      </div>
                    )}
                  </td>
                  <td className="num">
                    <Ratio part={s.online} whole={s.cameras} />
                  </td>
                  <td className="num">
                    <Ratio part={s.recording} whole={s.cameras} />
                  </td>
                  <td className="num">
                    <Count n={s.openAlarms} tone="warn" />
                  </td>
                  <td className="num">
                    <Count n={s.openOutages} tone="bad" />
                  </td>
                  <td className="num">
                    <span className="c-big">{s.incidentsToday}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Ratio(props: { part: number | null; whole: number | null }) {
  if (props.part === null || props.whole === null) return <span className="muted">—</span>;
  const short = props.part < props.whole;
  return (
    <span className={`c-ratio ${short ? 'c-ratio-short' : ''}`}>
      <b>{props.part}</b>/{props.whole}
    </span>
  );
}

function Count(props: { n: number | null; tone: 'warn' | 'bad' }) {
  if (props.n === null) return <span className="muted">—</span>;
  if (props.n === 0) return <span className="c-zero">0</span>;
  return <span className={`c-count c-count-${props.tone}`}>{props.n}</span>;
}
