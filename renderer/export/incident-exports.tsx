// "Đã trích xuất": every export of the open incident (complete, failed, cancelled or
// running) with its time, officer, folder and short hash; re-read on export.changed.
import { useEffect } from 'react';
import type { ExportRecord } from '../../electron/contract/export-schemas';
import { formatDateTime } from '../i18n/format-time';
import { useLanguage, useT } from '../i18n/use-t';
import { useStationState, useStationStore } from '../store/store-context';
import { exportFolderPath, shortHash } from './export-format';
import { exportStatusKey, failureMessage } from './export-messages';

export function IncidentExports(props: { incidentId: string }) {
  const t = useT();
  const store = useStationStore();
  const list = useStationState((s) => s.incidentExports);
  const { incidentId } = props;
  useEffect(() => {
    void store.getState().loadIncidentExports(incidentId);
    return () => {
      // Only the incident still on screen keeps its list (and its refreshes).
      if (store.getState().incidentExports.incidentId === incidentId)
        void store.getState().loadIncidentExports(null);
    };
  }, [store, incidentId]);
  const items = list.incidentId === incidentId ? list.items : [];
  return (
    <section className="incident-block" data-testid="incident-exports" data-count={items.length}>
      <h4 className="section-h">{t('export.list.title')}</h4>
      {list.error && list.incidentId === incidentId ? (
        <p className="form-error">{t('export.list.loadFailed', { error: t(list.error) })}</p>
      ) : null}
      {items.length === 0 ? (
        <p className="muted" data-testid="incident-exports-empty">
          {list.loaded ? t('export.list.empty') : t('incident.loading')}
        </p>
      ) : (
        <ul className="export-list">
          {items.map((r) => (
            <ExportRow key={r.id} record={r} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ExportRow(props: { record: ExportRecord }) {
  const t = useT();
  const language = useLanguage();
  const { record } = props;
  return (
    <li
      className={`export-row export-row-${record.status}`}
      data-testid="incident-export-row"
      data-export-id={record.id}
      data-status={record.status}
    >
      <div className="export-row-head">
        <span className={`export-status export-status-${record.status}`}>
          {t(exportStatusKey(record.status))}
        </span>
        <span className="export-row-time">{formatDateTime(record.startedAt, language)}</span>
        <span className="muted export-row-who">
          {record.officer.rank} {record.officer.fullName}
        </span>
      </div>
      <div
        className="export-row-folder mono"
        title={exportFolderPath(record.destination, record.folderName)}
      >
        {exportFolderPath(record.destination, record.folderName)}
      </div>
      {record.status === 'complete' && record.manifestSha256 ? (
        <div
          className="export-row-hash mono"
          title={record.manifestSha256}
          data-testid="incident-export-hash"
        >
          {t('export.done.hash')}: {shortHash(record.manifestSha256)}
        </div>
      ) : null}
      {record.status === 'failed' ? (
        <div className="export-row-error">{failureMessage(record.errorCode, t)}</div>
      ) : null}
    </li>
  );
}
