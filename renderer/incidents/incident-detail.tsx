// One incident in full: fields, cameras, snapshots, history, and what the officer
// may do with it (edit, move it on, close it, lock/unlock its footage).
import { useState } from 'react';
import type {
  Incident,
  IncidentChange,
  IncidentStatus,
} from '../../electron/contract/incident-schemas';
import { snapshotUrl } from '../../electron/contract/media-routes';
import { errorMessage, toUiError } from '../api/api-error';
import { formatDateTime } from '../i18n/format-time';
import { useLanguage, useT } from '../i18n/use-t';
import { Icon } from '../shell/icons';
import { IncidentExports } from '../export/incident-exports';
import { selectIsCommander } from '../auth/session-slice';
import { useStationState, useStationStore } from '../store/store-context';
import { LockIcon, SeverityMark, StatusChip } from './incident-chips';
import { useLastKnownNames } from '../cameras/last-known-names';
import {
  actionKey,
  categoryKey,
  changedCameraIds,
  describeChanges,
  formatDuration,
  incidentFieldMessage,
  statusKey,
  type ValueContext,
} from './incident-labels';
import { FormError } from '../shell/form-error';

/** Where the footage of an incident will open once playback exists (next issue). */
export type OpenFootage = (incident: Incident) => void;

function useSnapshotUrl(): (id: string) => string | null {
  const base = useStationState((s) => s.systemInfo?.mediaBaseUrl ?? null);
  const mediaToken = useStationState((s) => s.systemInfo?.mediaToken ?? null);
  const session = useStationState((s) => s.session?.token ?? null);
  return (id) =>
    base && mediaToken && session
      ? snapshotUrl({ mediaBaseUrl: base, mediaToken, session }, id)
      : null;
}

function HistoryItem(props: { change: IncidentChange; ctx: ValueContext }) {
  const { change, ctx } = props;
  const { t, language } = ctx;
  const lines = describeChanges(change, ctx);
  return (
    <li
      className={`history-item history-${change.action}`}
      data-testid="incident-history-item"
      data-action={change.action}
    >
      <div className="history-head">
        <span className="history-action">{t(actionKey(change.action))}</span>
        <span className="history-time">{formatDateTime(change.at, language)}</span>
      </div>
      <div className="history-who">
        {change.officer.rank} {change.officer.fullName}
      </div>
      {lines.length > 0 ? (
        <ul className="history-changes">
          {lines.map((l) => (
            <li key={l.field} data-field={l.field}>
              <span className="history-field">{l.name}:</span>{' '}
              {l.summary !== undefined ? (
                <span className="history-summary">{l.summary}</span>
              ) : (
                <>
                  <span className="history-from">{l.from}</span>
                  <span className="history-arrow" aria-hidden="true">
                    {' → '}
                  </span>
                  <span className="history-to">{l.to}</span>
                </>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {change.reason ? (
        <div className="history-reason">
          {t('incident.historyReason', { reason: change.reason })}
        </div>
      ) : null}
    </li>
  );
}

function SnapshotFigure(props: { id: string; url: string | null; alt: string; caption: string }) {
  const t = useT();
  const [failed, setFailed] = useState(false);
  return (
    <figure className="snapshot" data-snapshot-id={props.id}>
      {props.url && !failed ? (
        <img src={props.url} alt={props.alt} loading="lazy" onError={() => setFailed(true)} />
      ) : (
        <div className="snapshot-missing" data-testid="incident-snapshot-missing">
          <Icon name="camera" size={18} />
          <span>{t('incident.detail.snapshotMissing')}</span>
        </div>
      )}
      <figcaption>{props.caption}</figcaption>
    </figure>
  );
}

function UnlockForm(props: { incident: Incident; onDone: () => void }) {
  const t = useT();
  const store = useStationStore();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (reason.trim().length < 5) {
      setError(incidentFieldMessage('reason_required', t));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const done = await store.getState().unlockIncident(props.incident.id, reason.trim());
      store.getState().pushToast({
        kind: 'info',
        key: 'incident.unlockDone',
        params: { code: done.code },
        at: null,
      });
      props.onDone();
    } catch (e) {
      const issue = toUiError(e).fields.reason;
      setError(issue ? incidentFieldMessage(issue, t) : errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="unlock-form"
      data-testid="incident-unlock-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className={`field${error ? ' field-invalid' : ''}`}>
        <span className="field-label">{t('incident.unlockReason')}</span>
        <textarea
          className="input textarea"
          data-testid="incident-unlock-reason"
          rows={2}
          maxLength={500}
          autoFocus
          value={reason}
          placeholder={t('incident.unlockReasonPlaceholder')}
          onChange={(e) => setReason(e.target.value)}
        />
        {error ? (
          <span className="field-error" data-testid="field-error-incident-unlock-reason">
            {error}
          </span>
        ) : (
          <span className="field-hint">{t('incident.unlockNote')}</span>
        )}
      </label>
      <div className="popover-actions">
        <button
          type="button"
          className="btn"
          onClick={props.onDone}
          data-testid="incident-unlock-cancel"
        >
          {t('dialog.cancel')}
        </button>
        <button
          type="submit"
          className="btn btn-danger btn-danger-armed"
          disabled={busy}
          data-testid="incident-unlock-confirm"
        >
          {t('incident.unlockConfirm')}
        </button>
      </div>
    </form>
  );
}

export function IncidentDetailPane(props: { onOpenFootage?: OpenFootage }) {
  const t = useT();
  const language = useLanguage();
  const store = useStationStore();
  const openId = useStationState((s) => s.openIncidentId);
  const detail = useStationState((s) => s.incidentDetail);
  const loadError = useStationState((s) => s.incidentDetailError);
  const cameras = useStationState((s) => s.cameras);
  // Cameras taken off the incident and removed since are named from main.
  const removedNames = useLastKnownNames(changedCameraIds(detail?.history ?? []));
  const commander = useStationState(selectIsCommander);
  const snapshotUrl = useSnapshotUrl();
  const [unlocking, setUnlocking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [shownFor, setShownFor] = useState(openId);
  // A different incident starts without the previous one's half-typed unlock or error.
  if (shownFor !== openId) {
    setShownFor(openId);
    setUnlocking(false);
    setActionError(null);
  }

  if (!openId) {
    return (
      <div className="incident-detail incident-detail-empty" data-testid="incident-detail-empty">
        <Icon name="info" size={22} />
        <p>{t('incident.selectHint')}</p>
      </div>
    );
  }
  if (!detail || detail.incident.id !== openId) {
    return (
      <div className="incident-detail incident-detail-empty" data-testid="incident-detail-loading">
        {loadError ? (
          <>
            <p className="form-error">{t('incident.detail.loadFailed', { error: t(loadError) })}</p>
            <button
              type="button"
              className="btn"
              onClick={() => void store.getState().reloadIncident()}
            >
              {t('incident.refresh')}
            </button>
          </>
        ) : (
          <p className="muted">{t('incident.loading')}</p>
        )}
      </div>
    );
  }

  const { incident, history } = detail;
  const ctx: ValueContext = {
    t,
    language,
    cameraName: (id) =>
      cameras.find((c) => c.id === id)?.name ??
      incident.cameras.find((c) => c.id === id)?.name ??
      removedNames.get(id) ??
      null,
  };
  const duration = formatDuration(incident.endMs - incident.startMs, t);

  const run = async (action: () => Promise<Incident>, toast: (i: Incident) => void) => {
    setBusy(true);
    setActionError(null);
    try {
      toast(await action());
    } catch (e) {
      if (toUiError(e).code === 'conflict') {
        await store.getState().reloadIncident();
        setActionError(t('incident.stale'));
      } else setActionError(t('incident.actionFailed', { error: errorMessage(e, t) }));
    } finally {
      setBusy(false);
    }
  };
  const setStatus = (status: IncidentStatus) =>
    void run(
      () => store.getState().setIncidentStatus(incident, status),
      (i) =>
        store.getState().pushToast({
          kind: 'success',
          key: 'incident.statusDone',
          params: { code: i.code, status: t(statusKey(i.status)) },
          at: null,
        }),
    );
  const lockAgain = () =>
    void run(
      () => store.getState().lockIncident(incident.id),
      (i) =>
        store.getState().pushToast({
          kind: 'success',
          key: 'incident.lockDone',
          params: { code: i.code },
          at: null,
        }),
    );

  const newestFirst = [...history].sort((a, b) => b.at - a.at || b.id - a.id);

  return (
    <div
      className="incident-detail"
      data-testid="incident-detail"
      data-incident-id={incident.id}
      data-status={incident.status}
      data-locked={incident.locked}
      data-version={incident.version}
    >
      <div className="incident-detail-head">
        <div className="incident-detail-title">
          <span className="incident-code" data-testid="incident-detail-code">
            {incident.code}
          </span>
          <h3>{t(categoryKey(incident.category))}</h3>
        </div>
        <div className="incident-detail-badges">
          <SeverityMark severity={incident.severity} />
          <StatusChip status={incident.status} />
        </div>
      </div>

      <div className="incident-actions">
        <button
          type="button"
          className="btn btn-small"
          data-testid="incident-edit"
          disabled={busy}
          onClick={() => store.getState().editIncident(incident)}
        >
          <Icon name="edit" size={14} />
          {t('incident.edit')}
        </button>
        {incident.status !== 'in_progress' ? (
          <button
            type="button"
            className="btn btn-small"
            data-testid="incident-in-progress"
            disabled={busy}
            onClick={() => setStatus('in_progress')}
          >
            <Icon name="play" size={14} />
            {incident.status === 'closed' ? t('incident.reopen') : t('incident.markInProgress')}
          </button>
        ) : null}
        {incident.status !== 'closed' ? (
          <button
            type="button"
            className="btn btn-small"
            data-testid="incident-close"
            disabled={busy}
            onClick={() => setStatus('closed')}
          >
            <Icon name="check" size={14} />
            {t('incident.close')}
          </button>
        ) : null}
        {props.onOpenFootage ? (
          <button
            type="button"
            className="btn btn-small"
            data-testid="incident-open-footage"
            onClick={() => props.onOpenFootage?.(incident)}
          >
            <Icon name="play" size={14} />
            {t('incident.openFootage')}
          </button>
        ) : null}
        <button
          type="button"
          className="btn btn-small"
          data-testid="incident-export"
          title={t('export.openHint')}
          onClick={() =>
            store.getState().openExportDialog({
              incidentId: incident.id,
              cameraIds: incident.cameras.map((c) => c.id),
              fromMs: incident.startMs,
              toMs: incident.endMs,
            })
          }
        >
          <Icon name="export" size={14} />
          {t('export.open')}
        </button>
      </div>
      <FormError error={actionError} testId="incident-action-error" />

      <dl className="incident-facts">
        <dt>{t('incident.detail.occurredAt')}</dt>
        <dd>{formatDateTime(incident.occurredAt, language)}</dd>
        <dt>{t('incident.detail.range')}</dt>
        <dd>
          {formatDateTime(incident.startMs, language)} → {formatDateTime(incident.endMs, language)}
          <span className="muted"> · {duration}</span>
        </dd>
        <dt>{t('incident.location')}</dt>
        <dd>{incident.location}</dd>
        <dt>{t('incident.cameras')}</dt>
        <dd className="camera-chips">
          {incident.cameras.map((c) => (
            <span key={c.id} className="camera-chip">
              <Icon name="camera" size={12} />
              {ctx.cameraName(c.id) ?? c.name}
            </span>
          ))}
        </dd>
        <dt>{t('incident.detail.createdBy')}</dt>
        <dd>
          {incident.createdBy.rank} {incident.createdBy.fullName}
        </dd>
        <dt>{t('incident.detail.updatedAt')}</dt>
        <dd>{formatDateTime(incident.updatedAt, language)}</dd>
      </dl>

      <div className="incident-description" data-testid="incident-detail-description">
        {incident.description}
      </div>

      <section
        className={`evidence${incident.locked ? ' evidence-locked' : ''}`}
        data-testid="incident-evidence"
      >
        <div className="evidence-row">
          <LockIcon locked={incident.locked} size={18} />
          <div className="evidence-text">
            <strong>{t('incident.detail.evidence')}</strong>
            <span>
              {incident.locked
                ? t('incident.detail.lockedText')
                : t('incident.detail.unlockedText')}
            </span>
          </div>
          {incident.locked && commander && !unlocking ? (
            <button
              type="button"
              className="btn btn-small btn-danger"
              data-testid="incident-unlock"
              disabled={busy}
              onClick={() => setUnlocking(true)}
            >
              {t('incident.unlock')}
            </button>
          ) : null}
          {!incident.locked ? (
            <button
              type="button"
              className="btn btn-small"
              data-testid="incident-lock"
              disabled={busy}
              onClick={lockAgain}
            >
              {t('incident.lock')}
            </button>
          ) : null}
        </div>
        {incident.locked && !commander ? (
          <p className="muted evidence-note">{t('incident.commanderOnly')}</p>
        ) : null}
        {unlocking && incident.locked ? (
          <UnlockForm incident={incident} onDone={() => setUnlocking(false)} />
        ) : null}
      </section>

      <section className="incident-block">
        <h4 className="section-h">{t('incident.detail.snapshots')}</h4>
        {incident.snapshots.length === 0 ? (
          <p className="muted">{t('incident.detail.noSnapshots')}</p>
        ) : (
          <div className="snapshot-grid" data-testid="incident-detail-snapshots">
            {incident.snapshots.map((snap) => {
              const url = snapshotUrl(snap.id);
              const camera = snap.cameraId ? (ctx.cameraName(snap.cameraId) ?? '') : '';
              const time = formatDateTime(snap.takenAt, language);
              return (
                <SnapshotFigure
                  key={snap.id}
                  id={snap.id}
                  url={url}
                  alt={t('incident.snapshotAlt', { camera, time })}
                  caption={`${camera} · ${time}`}
                />
              );
            })}
          </div>
        )}
      </section>

      <IncidentExports incidentId={incident.id} />

      <section className="incident-block">
        <h4 className="section-h">{t('incident.history')}</h4>
        {newestFirst.length === 0 ? (
          <p className="muted">{t('incident.historyEmpty')}</p>
        ) : (
          <ol className="history" data-testid="incident-history">
            {newestFirst.map((c) => (
              <HistoryItem key={c.id} change={c} ctx={ctx} />
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
