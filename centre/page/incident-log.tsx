import { useState } from 'react';
import {
  INCIDENT_CATEGORY_LABELS,
  INCIDENT_SEVERITY_LABELS,
} from '../../electron/contract/incident-labels';
import { Icon } from '../../renderer/shell/icons';
import { dayStartMs, formatDateTime, isoDay } from './format';
import type { MessageKey } from './messages';
import { useCentre } from './store';
import { useT } from './t';

const DAY = 86_400_000;

export function IncidentLog(props: { onRequest(code: string): void }) {
  const t = useT();
  const language = useCentre((s) => s.language);
  const stations = useCentre((s) => s.stations);
  const selected = useCentre((s) => s.selected);
  const incidents = useCentre((s) => s.incidents);
  const openItems = useCentre((s) => s.openItems);
  const range = useCentre((s) => s.range);
  const setRange = useCentre((s) => s.setRange);
  const now = useCentre((s) => s.now);
  const [from, setFrom] = useState(isoDay(range.from));
  const [to, setTo] = useState(isoDay(range.to - 1));
  const station = stations.find((s) => s.id === selected);
  if (!station) {
    return (
      <section className="c-panel">
        <p className="list-empty">{t('log.pick')}</p>
      </section>
    );
  }
  const categories = INCIDENT_CATEGORY_LABELS[language] as Record<string, string>;
  const severities = INCIDENT_SEVERITY_LABELS[language] as Record<string, string>;
  const showRange = () => {
    const a = dayStartMs(from);
    const b = dayStartMs(to);
    if (a !== null && b !== null && b >= a) setRange(a, b + DAY, false);
  };
  return (
    <section className="c-panel c-log" aria-labelledby="log-title">
      <div className="c-panel-head">
        <h2 id="log-title">{t('log.title', { station: station.name })}</h2>
        <div className="c-range">
          <button
            type="button"
            className={`btn ${range.today ? 'c-btn-on' : 'btn-ghost'}`}
            onClick={() => {
              const day = now + 7 * 3600_000;
              const start = day - (day % DAY) - 7 * 3600_000;
              setRange(start, start + DAY, true);
            }}
          >
            {t('log.today')}
          </button>
          <label className="c-inline">
            <span>{t('log.from')}</span>
            <input
              className="input input-compact"
              type="date"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
            />
          </label>
          <label className="c-inline">
            <span>{t('log.to')}</span>
            <input
              className="input input-compact"
              type="date"
              value={to}
              onChange={(e) => setTo(e.target.value)}
            />
          </label>
          <button
            type="button"
            className={`btn ${range.today ? 'btn-ghost' : 'c-btn-on'}`}
            onClick={showRange}
          >
            {t('log.show')}
          </button>
        </div>
      </div>
      <div className="c-table-wrap c-grow">
        {incidents.length === 0 ? (
          <p className="list-empty">{t('log.empty')}</p>
        ) : (
          <table className="data-table c-table" data-testid="incident-log">
            <thead>
              <tr>
                <th>{t('log.time')}</th>
                <th>{t('log.code')}</th>
                <th>{t('log.category')}</th>
                <th>{t('log.severity')}</th>
                <th>{t('log.status')}</th>
                <th>{t('log.location')}</th>
                <th>{t('log.cameras')}</th>
                <th aria-label={t('log.request')} />
              </tr>
            </thead>
            <tbody>
              {incidents.map((i) => (
                <tr key={i.incidentId}>
                  <td className="mono c-nowrap">{formatDateTime(i.occurredAt, language)}</td>
                  <td className="mono c-code">{i.code}</td>
                  <td>{categories[i.category] ?? i.category}</td>
                  <td>
                    <span className={`c-sev c-sev-${i.severity}`}>
                      {severities[i.severity] ?? i.severity}
                    </span>
                  </td>
                  <td>
                    <span
                      className={`pill ${i.status === 'closed' ? 'pill-muted' : i.status === 'new' ? 'c-pill-info' : 'pill-warn'}`}
                    >
                      {statusLabel(t, i.status)}
                    </span>
                  </td>
                  <td className="c-ellipsis" title={i.location}>
                    {i.location}
                  </td>
                  <td className="c-sub">{i.cameraNames.join(', ')}</td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-ghost c-btn-small"
                      onClick={() => props.onRequest(i.code)}
                    >
                      <Icon name="export" size={14} />
                      {t('log.request')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="c-open">
        <h3>{t('open.title')}</h3>
        {openItems.length === 0 ? (
          <p className="c-sub">{t('open.none')}</p>
        ) : (
          <ul className="c-open-list">
            {openItems.map((o) => (
              <li key={`${o.kind}-${o.itemId}`} className={`c-open-item c-open-${o.kind}`}>
                <span className="c-open-kind">{t(`open.${o.kind}` as MessageKey)}</span>
                <span>{o.cameraName ?? o.cameraId}</span>
                <span className="c-sub mono">{formatDateTime(o.startedAt, language)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function statusLabel(t: ReturnType<typeof useT>, status: string): string {
  const key = `status.${status}` as MessageKey;
  return ['new', 'in_progress', 'closed'].includes(status) ? t(key) : status;
}
