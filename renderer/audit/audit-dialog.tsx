// The audit log for commanders: filter by days, action and officer, page back
// with "Xem thêm", and check the hash chain ("Kiểm tra toàn vẹn"), which names the
// first altered or missing row. Read-only: nobody edits the log through the app.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AuditEntry, AuditVerification } from '../../electron/contract/audit-schemas';
import { errorMessage } from '../api/api-error';
import { rankAndName } from '../auth/officer-name';
import { formatDateTime } from '../i18n/format-time';
import { useLanguage, useT } from '../i18n/use-t';
import { Modal } from '../shell/modal';
import { useApi, useStationState, useStationStore } from '../store/store-context';
import {
  auditRequest,
  EMPTY_AUDIT_FILTER,
  filterRangeError,
  type AuditFilterForm,
} from './audit-filter';
import { AUDIT_ACTIONS, auditActionKey, detailsText, namesFor, subjectText } from './audit-text';
import { Icon } from '../shell/icons';
import { FormError } from '../shell/form-error';

const PAGE = 100;

function VerifyResult(props: { result: AuditVerification }) {
  const t = useT();
  const language = useLanguage();
  const r = props.result;
  return (
    <div
      className={`verify-result ${r.ok ? 'verify-ok' : 'verify-bad'}`}
      role="status"
      data-testid="audit-verify-result"
      data-ok={r.ok}
      data-first-bad-seq={r.firstBadSeq ?? ''}
      data-problem={r.problem ?? ''}
    >
      <Icon name={r.ok ? 'shieldCheck' : 'shieldAlert'} size={22} />
      <div>
        <strong>{r.ok ? t('audit.verifyOk') : t('audit.verifyBad')}</strong>
        <div>
          {r.ok
            ? t('audit.verifyOkText', {
                n: r.checked,
                time: formatDateTime(r.verifiedAt, language),
              })
            : r.problem === 'missing'
              ? t('audit.problem.missing', { seq: r.firstBadSeq ?? '?' })
              : r.problem === 'head_mismatch'
                ? t('audit.problem.head_mismatch', { n: r.checked })
                : r.problem === 'triggers_missing'
                  ? t('audit.problem.triggers_missing')
                  : t('audit.problem.altered', { seq: r.firstBadSeq ?? '?' })}
        </div>
        {!r.ok ? <div className="verify-advice">{t('audit.verifyAdvice')}</div> : null}
      </div>
    </div>
  );
}

export function AuditDialog() {
  const t = useT();
  const language = useLanguage();
  const api = useApi();
  const store = useStationStore();
  const officers = useStationState((s) => s.officers);
  const cameras = useStationState((s) => s.cameras);
  const [form, setForm] = useState<AuditFilterForm>(EMPTY_AUDIT_FILTER);
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const close = () => store.getState().openDialog(null);
  const rangeBad = filterRangeError(form);

  const names = useMemo(
    () =>
      namesFor(
        officers.map((o) => ({ id: o.id, name: rankAndName(o) })),
        cameras,
        items,
      ),
    [officers, cameras, items],
  );

  useEffect(() => {
    // For the officer filter and for naming subjects.
    void store
      .getState()
      .loadOfficers()
      .catch(() => undefined);
  }, [store]);

  const fetchPage = useCallback(
    async (filter: AuditFilterForm, beforeSeq?: number) => {
      setLoading(true);
      setError(null);
      try {
        const page = await api.audit.list(auditRequest(filter, PAGE, beforeSeq));
        setItems((prev) => (beforeSeq === undefined ? page.items : [...prev, ...page.items]));
        setTotal(page.total);
      } catch (e) {
        setError(errorMessage(e, t));
      } finally {
        setLoading(false);
      }
    },
    [api, t],
  );

  useEffect(() => {
    if (!rangeBad) void fetchPage(form);
  }, [fetchPage, form, rangeBad]);

  const verify = async () => {
    setVerifying(true);
    setError(null);
    try {
      setVerification(await api.audit.verify());
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setVerifying(false);
    }
  };

  const set = <K extends keyof AuditFilterForm>(k: K, v: AuditFilterForm[K]) =>
    setForm((f) => ({ ...f, [k]: v }));
  const last = items[items.length - 1];
  const badSeq = verification && !verification.ok ? verification.firstBadSeq : null;

  return (
    <Modal title={t('audit.title')} testId="audit-dialog" onClose={close} className="modal-audit">
      <div className="audit-filters">
        <label className="field">
          <span className="field-label">{t('audit.from')}</span>
          <input
            className="input"
            type="date"
            data-testid="audit-from"
            value={form.fromDay}
            onChange={(e) => set('fromDay', e.target.value)}
          />
        </label>
        <label className={`field${rangeBad ? ' field-invalid' : ''}`}>
          <span className="field-label">{t('audit.to')}</span>
          <input
            className="input"
            type="date"
            data-testid="audit-to"
            value={form.toDay}
            onChange={(e) => set('toDay', e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('audit.action')}</span>
          <select
            className="select"
            data-testid="audit-action"
            value={form.action}
            onChange={(e) => set('action', e.target.value as AuditFilterForm['action'])}
          >
            <option value="">{t('audit.allActions')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(auditActionKey(a))}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('audit.officer')}</span>
          <select
            className="select"
            data-testid="audit-officer"
            value={form.officerId}
            onChange={(e) => set('officerId', e.target.value)}
          >
            <option value="">{t('audit.allOfficers')}</option>
            {officers.map((o) => (
              <option key={o.id} value={o.id}>
                {rankAndName(o)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn"
          data-testid="audit-clear"
          disabled={form === EMPTY_AUDIT_FILTER}
          onClick={() => setForm(EMPTY_AUDIT_FILTER)}
        >
          {t('audit.clear')}
        </button>
        <div className="top-spacer" />
        <button
          type="button"
          className="btn btn-primary"
          data-testid="audit-verify"
          disabled={verifying}
          onClick={() => void verify()}
        >
          <Icon name="shieldCheck" />
          {verifying ? t('audit.verifying') : t('audit.verify')}
        </button>
      </div>
      {rangeBad ? (
        <div className="form-error" role="alert" data-testid="audit-range-error">
          {t('audit.rangeError')}
        </div>
      ) : null}
      {verification ? <VerifyResult result={verification} /> : null}
      <FormError error={error} />
      <div className="table-scroll audit-table-wrap">
        <table className="data-table audit-table">
          <thead>
            <tr>
              <th className="num">#</th>
              <th>{t('audit.col.time')}</th>
              <th>{t('audit.col.officer')}</th>
              <th>{t('audit.col.action')}</th>
              <th>{t('audit.col.subject')}</th>
              <th>{t('audit.col.details')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr
                key={e.seq}
                className={`${e.seq === badSeq ? 'row-bad' : ''} audit-${e.action.split('.')[0] ?? ''}`}
                data-testid="audit-row"
                data-seq={e.seq}
                data-action={e.action}
              >
                <td className="num mono muted">{e.seq}</td>
                <td className="nowrap">{formatDateTime(e.at, language)}</td>
                <td>{e.officerName ?? t('audit.system')}</td>
                <td className={`audit-action${e.action.endsWith('failed') ? ' audit-failed' : ''}`}>
                  {t(auditActionKey(e.action))}
                </td>
                <td>{subjectText(e.subject, names, e.details)}</td>
                <td className="audit-details">{detailsText(e.details, { t, language, names })}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {!loading && items.length === 0 && !rangeBad ? (
          <div className="list-empty">{t('audit.empty')}</div>
        ) : null}
      </div>
      <div className="dialog-actions">
        <span className="muted" data-testid="audit-count">
          {t('audit.count', { shown: items.length, total })}
        </span>
        {loading ? <span className="spinner" /> : null}
        <div className="top-spacer" />
        {last && items.length < total ? (
          <button
            type="button"
            className="btn"
            data-testid="audit-more"
            disabled={loading}
            onClick={() => void fetchPage(form, last.seq)}
          >
            {t('list.more')}
          </button>
        ) : null}
      </div>
    </Modal>
  );
}
