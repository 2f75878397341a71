// A handover as its printed record: an A4 page in the station's words (only the
// page prints), the PDF from the core, and, for a handover still waiting for this
// officer, the acknowledgement ("Xác nhận nhận ca") with an optional note.
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Handover } from '../../electron/contract/shift-schemas';
import { errorMessage } from '../api/api-error';
import { rankAndName } from '../auth/officer-name';
import { formatDate, formatDateTime } from '../i18n/format-time';
import { useLanguage, useT } from '../i18n/use-t';
import { Icon } from '../shell/icons';
import { useApi, useStationState, useStationStore } from '../store/store-context';
import { HandoverSummarySections } from './handover-summary-sections';
import { handoverPdfUrl } from '../../electron/contract/media-routes';
import { formatShiftRange } from './shift-time';
import { FormError } from '../shell/form-error';

const NOTE_MAX = 1000;

function ReportPage(props: { handover: Handover }) {
  const t = useT();
  const language = useLanguage();
  const stationName = useStationState((s) => s.settings.stationName);
  const h = props.handover;
  const [day, month, year] = formatDate(h.createdAt, language).split('/');
  return (
    <article className="paper" data-testid="handover-paper">
      <header className="paper-head">
        <div className="paper-org">
          <div className="paper-org-name">
            {(stationName || t('auth.stationFallback')).toUpperCase()}
          </div>
          <div className="paper-rule" />
        </div>
        <div className="paper-nation">
          <div className="paper-nation-name">{t('report.nation')}</div>
          <div className="paper-motto">{t('report.motto')}</div>
          <div className="paper-date">
            {t('report.dateLine', { day: day ?? '', month: month ?? '', year: year ?? '' })}
          </div>
        </div>
      </header>
      <h1 className="paper-title">{t('report.title')}</h1>
      <p className="paper-subtitle">
        {t('report.shift', {
          range: formatShiftRange(h.shiftStartedAt, h.shiftEndedAt, language),
        })}
      </p>

      <table className="paper-facts">
        <tbody>
          <tr>
            <th>{t('report.outgoing')}</th>
            <td data-testid="report-outgoing">{rankAndName(h.outgoing)}</td>
          </tr>
          <tr>
            <th>{t('report.endReason')}</th>
            <td>
              {h.endReason === 'handover' ? t('report.endHandover') : t('report.endReplaced')}
            </td>
          </tr>
          <tr>
            <th>{t('report.incoming')}</th>
            <td data-testid="report-incoming">
              {h.incoming ? rankAndName(h.incoming) : t('report.notAcknowledged')}
            </td>
          </tr>
          <tr>
            <th>{t('report.acknowledgedAt')}</th>
            <td>{h.acknowledgedAt ? formatDateTime(h.acknowledgedAt, language) : '—'}</td>
          </tr>
        </tbody>
      </table>

      <HandoverSummarySections summary={h.summary} />

      <section className="summary-section">
        <h3 className="summary-title">
          <span>VIII. {t('report.outgoingNotes')}</span>
        </h3>
        <p className={h.outgoingNotes ? 'paper-notes' : 'summary-none'} data-testid="report-notes">
          {h.outgoingNotes || t('summary.none')}
        </p>
      </section>
      <section className="summary-section">
        <h3 className="summary-title">
          <span>IX. {t('report.incomingNote')}</span>
        </h3>
        <p className={h.incomingNote ? 'paper-notes' : 'summary-none'}>
          {h.incomingNote || (h.acknowledgedAt ? t('summary.none') : t('report.notAcknowledged'))}
        </p>
      </section>

      <div className="paper-hash" data-testid="handover-hash" data-hash={h.contentHash ?? ''}>
        <span className="paper-hash-label">{t('report.hash')}</span>
        {h.contentHash ? (
          <code>{h.contentHash}</code>
        ) : (
          <span className="paper-hash-none">{t('report.hashPending')}</span>
        )}
      </div>
      {h.summary.auditHead ? (
        <div className="paper-hash" data-testid="handover-audit-head">
          <span className="paper-hash-label">{t('report.auditHead')}</span>
          <code>{t('report.auditHeadValue', h.summary.auditHead)}</code>
        </div>
      ) : null}

      <div className="paper-signs">
        <div>
          <div className="paper-sign-role">{t('report.signOutgoing')}</div>
          <div className="paper-sign-hint">{t('report.signHint')}</div>
          <div className="paper-sign-name">{rankAndName(h.outgoing)}</div>
        </div>
        <div>
          <div className="paper-sign-role">{t('report.signIncoming')}</div>
          <div className="paper-sign-hint">{t('report.signHint')}</div>
          <div className="paper-sign-name">{h.incoming ? rankAndName(h.incoming) : ''}</div>
        </div>
      </div>
      <footer className="paper-foot">
        {t('report.generated', { time: formatDateTime(h.createdAt, language) })}
      </footer>
    </article>
  );
}

export function HandoverReportView(props: { id: string }) {
  const t = useT();
  const api = useApi();
  const store = useStationStore();
  const me = useStationState((s) => s.session?.officer.id);
  const sessionToken = useStationState((s) => s.session?.token ?? null);
  const info = useStationState((s) => s.systemInfo);
  const [handover, setHandover] = useState<Handover | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [ackError, setAckError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api.shifts
      .handover({ id: props.id })
      .then((h) => live && setHandover(h))
      .catch((e: unknown) => live && setLoadError(errorMessage(e, t)));
    return () => {
      live = false;
    };
  }, [api, props.id, t]);

  const toAcknowledge =
    handover !== null && handover.acknowledgedAt === null && handover.outgoing.id !== me;

  const close = () => {
    if (toAcknowledge) store.getState().deferHandover(props.id);
    store.getState().openDialog(null);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const acknowledge = async () => {
    setBusy(true);
    setAckError(null);
    try {
      const done = await store.getState().acknowledgeHandover(props.id, note);
      setHandover(done);
      store
        .getState()
        .pushToast({ kind: 'success', key: 'toast.handoverAcknowledged', params: {}, at: null });
    } catch (e) {
      setAckError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };

  const openPdf = () => {
    if (!info || !sessionToken) return;
    window.open(
      handoverPdfUrl(
        { mediaBaseUrl: info.mediaBaseUrl, mediaToken: info.mediaToken, session: sessionToken },
        props.id,
      ),
      '_blank',
      'noopener',
    );
  };

  return createPortal(
    <div className="report-layer" data-testid="handover-report" data-acknowledge={toAcknowledge}>
      <div className="report-toolbar">
        <button
          type="button"
          className="btn btn-ghost"
          data-testid="handover-close"
          onClick={close}
        >
          <Icon name="close" />
          {t('dialog.close')}
        </button>
        <div className="report-toolbar-title">
          {t('report.viewTitle')}
          {handover ? (
            <span
              className={`pill ${handover.acknowledgedAt ? 'pill-ok' : 'pill-warn'}`}
              data-testid="handover-state"
            >
              {handover.acknowledgedAt ? t('handovers.acknowledged') : t('handovers.pending')}
            </span>
          ) : null}
        </div>
        <div className="top-spacer" />
        <button
          type="button"
          className="btn"
          data-testid="handover-print"
          disabled={!handover}
          onClick={() => window.print()}
        >
          <Icon name="print" />
          {t('report.print')}
        </button>
        <button
          type="button"
          className="btn"
          data-testid="handover-pdf"
          disabled={!handover || !info || !sessionToken}
          onClick={openPdf}
        >
          <Icon name="file" />
          {t('report.pdf')}
        </button>
      </div>
      <div className="report-scroll">
        {handover ? (
          <ReportPage handover={handover} />
        ) : (
          <div className="dialog-loading">
            {loadError ? (
              <div className="form-error">{loadError}</div>
            ) : (
              <span className="spinner" />
            )}
          </div>
        )}
      </div>
      {toAcknowledge && handover ? (
        <div className="report-ack" data-testid="handover-ack">
          <div className="report-ack-text">
            <strong>{t('ack.title')}</strong>
            <span>{t('ack.text', { officer: rankAndName(handover.outgoing) })}</span>
          </div>
          <textarea
            className="input duty-textarea report-ack-note"
            data-testid="handover-ack-note"
            rows={2}
            maxLength={NOTE_MAX}
            placeholder={t('ack.notePlaceholder')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <div className="report-ack-actions">
            <FormError error={ackError} testId="handover-ack-error" />
            <button type="button" className="btn" data-testid="handover-ack-later" onClick={close}>
              {t('ack.later')}
            </button>
            <button
              type="button"
              className="btn btn-primary"
              data-testid="handover-ack-confirm"
              disabled={busy}
              onClick={() => void acknowledge()}
            >
              <Icon name="check" />
              {busy ? t('ack.confirming') : t('ack.confirm')}
            </button>
          </div>
        </div>
      ) : null}
    </div>,
    document.body,
  );
}
