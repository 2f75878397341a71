import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, centreApi } from './api';
import { formatDateTime } from './format';
import type { MessageKey, Translate } from './messages';
import { useCentre } from './store';
import { useT } from './t';

/** <input type=datetime-local> value (station time) → epoch ms. */
function localToMs(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!) - 7 * 3600_000;
}

/** The form's own label for a field the API refused. */
const FIELD_LABELS: Record<string, MessageKey> = {
  incidentCode: 'export.incidentCode',
  request: 'export.incidentCode',
  fromMs: 'export.from',
  toMs: 'export.to',
  cameraIds: 'export.cameras',
  reason: 'export.reason',
  requestedBy: 'export.requestedBy',
};

function fieldLabel(t: Translate, field: string): string {
  const key = FIELD_LABELS[field.split('.')[0] ?? ''];
  return key ? t(key) : field;
}

/** The station's export statuses (electron/contract/export-schemas.ts ExportStatus) in words. */
const JOB_KEYS: Record<string, MessageKey> = {
  running: 'job.running',
  complete: 'job.complete',
  failed: 'job.failed',
  cancelled: 'job.cancelled',
};
const jobKey = (status: string | null): MessageKey | null =>
  status !== null && Object.hasOwn(JOB_KEYS, status) ? JOB_KEYS[status]! : null;

export function ExportPanel(props: { code: string; onCodeUsed(): void }) {
  const t = useT();
  const language = useCentre((s) => s.language);
  const selected = useCentre((s) => s.selected);
  const requests = useCentre((s) => s.requests);
  const refreshStation = useCentre((s) => s.refreshStation);
  const [mode, setMode] = useState<'incident' | 'range'>('incident');
  const [code, setCode] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [cameras, setCameras] = useState('');
  const [reason, setReason] = useState('');
  const [officer, setOfficer] = useState(() => localStorage.getItem('centre.officer') ?? '');
  const [busy, setBusy] = useState(false);
  // The key, not the words: a language switch re-renders the message too.
  const [message, setMessage] = useState<{
    ok: boolean;
    key: MessageKey;
    params?: Record<string, string>;
    fields?: string[];
  } | null>(null);

  const { code: wanted, onCodeUsed } = props;
  useEffect(() => {
    // "Yêu cầu trích xuất" on an incident row fills the form with its code.
    if (wanted) {
      setMode('incident');
      setCode(wanted);
      onCodeUsed();
    }
  }, [wanted, onCodeUsed]);

  if (!selected) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      localStorage.setItem('centre.officer', officer);
      const row = await centreApi.sendRequest({
        station: selected,
        incidentCode: mode === 'incident' ? code.trim() || null : null,
        fromMs: mode === 'range' ? localToMs(from) : null,
        toMs: mode === 'range' ? localToMs(to) : null,
        cameraIds: cameras
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean),
        reason,
        requestedBy: officer,
      });
      if (row.status === 'sent') {
        setMessage({ ok: true, key: 'export.sent' });
        setReason('');
      } else {
        setMessage({
          ok: false,
          key: 'export.error.failed',
          params: { why: row.sendError ?? row.status },
        });
      }
      await refreshStation();
    } catch (err) {
      setMessage(
        err instanceof ApiError && err.code === 'invalid_request'
          ? { ok: false, key: 'export.error.invalid', fields: Object.keys(err.fields) }
          : {
              ok: false,
              key: 'export.error.failed',
              params: { why: err instanceof Error ? err.message : String(err) },
            },
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="c-panel c-export" aria-labelledby="export-title">
      <div className="c-panel-head">
        <h2 id="export-title">{t('export.title')}</h2>
      </div>
      <form className="c-form" onSubmit={(e) => void submit(e)} data-testid="export-form">
        <p className="c-hint">{t('export.hint')}</p>
        <div className="c-seg" role="radiogroup">
          {(['incident', 'range'] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={mode === m}
              className={mode === m ? 'c-seg-on' : ''}
              onClick={() => setMode(m)}
            >
              {t(m === 'incident' ? 'export.byIncident' : 'export.byRange')}
            </button>
          ))}
        </div>
        {mode === 'incident' ? (
          <label className="c-field">
            <span>{t('export.incidentCode')}</span>
            <input
              className="input mono"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              maxLength={32}
            />
          </label>
        ) : (
          <div className="c-field-row">
            <label className="c-field">
              <span>{t('export.from')}</span>
              <input
                className="input"
                type="datetime-local"
                value={from}
                onChange={(e) => setFrom(e.target.value)}
              />
            </label>
            <label className="c-field">
              <span>{t('export.to')}</span>
              <input
                className="input"
                type="datetime-local"
                value={to}
                onChange={(e) => setTo(e.target.value)}
              />
            </label>
          </div>
        )}
        <div className="c-field-row">
          <label className="c-field">
            <span>{t('export.cameras')}</span>
            <input
              className="input"
              value={cameras}
              onChange={(e) => setCameras(e.target.value)}
              placeholder={t('export.camerasHint')}
            />
          </label>
          <label className="c-field">
            <span>{t('export.requestedBy')}</span>
            <input
              className="input"
              value={officer}
              onChange={(e) => setOfficer(e.target.value)}
              maxLength={120}
            />
          </label>
        </div>
        <label className="c-field">
          <span>{t('export.reason')}</span>
          <textarea
            className="input duty-textarea"
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
          />
        </label>

        <div className="c-form-foot">
          {message && (
            <span className={message.ok ? 'c-msg-ok' : 'c-msg-bad'} role="status">
              {t(message.key, {
                ...message.params,
                fields: (message.fields ?? []).map((f) => fieldLabel(t, f)).join(', '),
              })}
            </span>
          )}
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('export.sending') : t('export.send')}
          </button>
        </div>
      </form>
      <div className="c-req">
        <h3>{t('export.list')}</h3>
        {requests.length === 0 ? (
          <p className="c-sub">{t('export.none')}</p>
        ) : (
          <ul className="c-req-list" data-testid="export-requests">
            {requests.map((r) => (
              <li
                key={r.requestId}
                className="c-req-item"
                data-request-id={r.requestId}
                data-status={r.status}
                data-export-status={r.exportStatus ?? undefined}
              >
                <div className="c-req-main">
                  <span className="mono c-code">
                    {r.incidentCode ??
                      t('export.range', {
                        from: formatDateTime(r.fromMs ?? 0, language),
                        to: formatDateTime(r.toMs ?? 0, language),
                      })}
                  </span>
                  <span className={`c-req-status c-req-${r.status}`}>
                    {t(`request.${r.status}` as MessageKey)}
                  </span>
                </div>
                <div className="c-sub">{r.reason}</div>
                <div className="c-sub">
                  {r.requestedBy} · {formatDateTime(r.requestedAt, language)}
                </div>
                {r.decidedBy && r.decidedAt ? (
                  <div className="c-sub">
                    {t('export.decidedBy', {
                      name: r.decidedBy,
                      at: formatDateTime(r.decidedAt, language),
                    })}
                  </div>
                ) : null}
                {r.status === 'refused' && r.decisionReason ? (
                  <div className="c-req-answer">
                    {t('request.reason', { reason: r.decisionReason })}
                  </div>
                ) : null}
                {r.status === 'approved' && jobKey(r.exportStatus) ? (
                  <div className={`c-req-answer c-job-${r.exportStatus}`}>
                    {t(jobKey(r.exportStatus)!)}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
