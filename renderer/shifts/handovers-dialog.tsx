// Past handovers, newest first: whose shift, who took it over and when. A row
// opens the report (and its acknowledgement when it is still waiting).
import { useCallback, useEffect, useState } from 'react';
import type { Handover } from '../../electron/contract/shift-schemas';
import { errorMessage } from '../api/api-error';
import { rankAndName } from '../auth/officer-name';
import { formatDateTime } from '../i18n/format-time';
import { useLanguage, useT } from '../i18n/use-t';
import { Modal } from '../shell/modal';
import { useApi, useStationStore } from '../store/store-context';
import { formatShiftRange } from './shift-time';

const PAGE = 30;

export function HandoversDialog() {
  const t = useT();
  const language = useLanguage();
  const api = useApi();
  const store = useStationStore();
  const [items, setItems] = useState<Handover[]>([]);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const close = () => store.getState().openDialog(null);

  const fetchPage = useCallback(
    async (beforeMs?: number) => {
      setLoading(true);
      setError(null);
      try {
        const page = await api.shifts.handovers(
          beforeMs === undefined ? { limit: PAGE } : { limit: PAGE, beforeMs },
        );
        setItems((prev) => {
          const base = beforeMs === undefined ? [] : prev;
          const seen = new Set(base.map((h) => h.id));
          return [...base, ...page.filter((h) => !seen.has(h.id))];
        });
        setMore(page.length === PAGE);
      } catch (e) {
        setError(errorMessage(e, t));
      } finally {
        setLoading(false);
      }
    },
    [api, t],
  );

  useEffect(() => {
    void fetchPage();
  }, [fetchPage]);

  const last = items[items.length - 1];

  return (
    <Modal
      title={t('handovers.title')}
      testId="handovers-dialog"
      onClose={close}
      className="modal-list"
    >
      {error ? <div className="form-error">{error}</div> : null}
      {!loading && items.length === 0 && !error ? (
        <div className="list-empty">{t('handovers.empty')}</div>
      ) : null}
      {items.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th>{t('handovers.col.shift')}</th>
                <th>{t('handovers.col.outgoing')}</th>
                <th>{t('handovers.col.incoming')}</th>
                <th>{t('handovers.col.state')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {items.map((h) => (
                <tr
                  key={h.id}
                  className="row-click"
                  data-testid="handover-row"
                  data-id={h.id}
                  data-acknowledged={h.acknowledgedAt !== null}
                  onClick={() => store.getState().openDialog({ type: 'handover', id: h.id })}
                >
                  <td className="nowrap">
                    {formatShiftRange(h.shiftStartedAt, h.shiftEndedAt, language)}
                  </td>
                  <td>{rankAndName(h.outgoing)}</td>
                  <td>{h.incoming ? rankAndName(h.incoming) : '—'}</td>
                  <td>
                    {h.acknowledgedAt ? (
                      <span className="pill pill-ok">
                        {t('handovers.acknowledgedAt', {
                          time: formatDateTime(h.acknowledgedAt, language).slice(0, 16),
                        })}
                      </span>
                    ) : (
                      <span className="pill pill-warn">{t('handovers.pending')}</span>
                    )}
                    {h.endReason === 'replaced' ? (
                      <span className="pill pill-muted">{t('handovers.replaced')}</span>
                    ) : null}
                  </td>
                  <td className="row-action">{t('handovers.open')} ›</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="dialog-actions">
        {loading ? <span className="spinner" /> : null}
        <div className="top-spacer" />
        {more && last ? (
          <button
            type="button"
            className="btn"
            data-testid="handovers-more"
            disabled={loading}
            onClick={() => void fetchPage(last.shiftEndedAt)}
          >
            {t('list.more')}
          </button>
        ) : null}
      </div>
    </Modal>
  );
}
