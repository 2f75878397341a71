// The storage panel: the disk, the quota, each camera's footage and recording
// settings, and the app's recording event log. Reached from "Lưu trữ" in the top bar.
import { useEffect, useState, type FormEvent } from 'react';
import type {
  CameraStorage,
  RecordingEvent,
  StorageQuota,
  StorageRoot,
  StorageSummary,
} from '../../electron/contract/recording-schemas';
import type { Camera, Language, StreamKind } from '../../electron/contract/schemas';
import { errorMessage, fieldMessage, toUiError } from '../api/api-error';
import { formatDate, formatDateTime, formatHourMinute } from '../i18n/format-time';
import type { MessageKey } from '../i18n/translate';
import { useLanguage, useT } from '../i18n/use-t';
import { Modal } from '../shell/modal';
import { useStationState, useStationStore } from '../store/store-context';
import { selectIsCommander } from '../auth/session-slice';
import { eventSeverity, eventText } from './event-text';
import { formatBytes, formatDays } from './format-storage';

/** While open, byte counts follow the disk at this pace (and on every filed segment). */
const REFRESH_MS = 5000;

const dayMinute = (ms: number, language: Language) =>
  `${formatDate(ms, language)} ${formatHourMinute(ms, language)}`;

function DiskCard(props: { summary: StorageSummary }) {
  const t = useT();
  const language = useLanguage();
  const { summary: s } = props;
  const total = Math.max(1, s.totalBytes);
  const footage = Math.min(s.usedByRecordings, total);
  const other = Math.max(0, s.totalBytes - s.freeBytes - footage);
  const pct = (n: number) => `${Math.max(0, Math.min(100, (n / total) * 100)).toFixed(2)}%`;
  const size = (n: number) => formatBytes(n, language);
  return (
    <section className="storage-card" data-testid="storage-disk">
      <div className="storage-card-head">
        <h3 className="storage-h">{t('storage.disk')}</h3>
        <span className="storage-free" data-testid="storage-free">
          {t('storage.free', { free: size(s.freeBytes), total: size(s.totalBytes) })}
        </span>
      </div>
      <div
        className="disk-bar"
        role="img"
        aria-label={t('storage.free', { free: size(s.freeBytes), total: size(s.totalBytes) })}
      >
        <span className="disk-bar-footage" style={{ width: pct(footage) }} />
        <span className="disk-bar-other" style={{ width: pct(other) }} />
        {s.quotaBytes < s.totalBytes ? (
          <span className="disk-bar-quota" style={{ left: pct(s.quotaBytes) }} />
        ) : null}
      </div>
      <div className="disk-legend">
        <span>
          <i className="swatch swatch-footage" />
          {t('storage.usedByRecordings', { size: size(s.usedByRecordings) })}
        </span>
        <span>
          <i className="swatch swatch-other" />
          {t('storage.otherUse', { size: size(other) })}
        </span>
        <span>
          <i className="swatch swatch-quota" />
          {t('storage.quotaUse', { size: size(s.quotaBytes) })}
        </span>
        {s.lockedBytes > 0 ? (
          <span>{t('storage.locked', { size: size(s.lockedBytes) })}</span>
        ) : null}
      </div>
      <div className="storage-history" data-testid="storage-history">
        {s.daysAtCurrentRate === null
          ? t('storage.historyUnknown')
          : t('storage.history', { days: formatDays(s.daysAtCurrentRate, language) })}
      </div>
      <FolderEditor current={s.storageDir} />
      <OtherRoots roots={(s.roots ?? []).filter((r) => !r.active)} />
    </section>
  );
}

/** The storage folder: shown, and changed after a confirmation (old footage stays put). */
function FolderEditor(props: { current: string }) {
  const { current } = props;
  const t = useT();
  const store = useStationStore();
  const [text, setText] = useState(current);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setText(current), [current]);
  const wanted = text.trim();
  // Moving the storage root is a commander's decision; others see where footage goes.
  const commander = useStationState(selectIsCommander);

  const apply = async () => {
    setBusy(true);
    setError(null);
    try {
      await store.getState().setStorageFolder(wanted);
      setConfirming(false);
      store
        .getState()
        .pushToast({ kind: 'success', key: 'storage.folderChanged', params: {}, at: null });
    } catch (err) {
      const issue = toUiError(err).fields.path;
      setError(issue ? fieldMessage(issue, t) : errorMessage(err, t));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="storage-path">
      <label className="field-label" htmlFor="storage-folder-input">
        {t('storage.folder')}
      </label>
      <span className="mono" title={props.current} data-testid="storage-folder">
        {props.current}
      </span>
      {commander ? (
        <form
          className="quota-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setError(null);
            if (wanted !== '' && wanted !== props.current) setConfirming(true);
          }}
        >
          <input
            id="storage-folder-input"
            className={`input mono${error ? ' input-invalid' : ''}`}
            data-testid="storage-folder-input"
            value={text}
            placeholder={t('storage.folderHint')}
            spellCheck={false}
            // A full path is long; the field takes the row, the button keeps its size.
            style={{ flex: 1, minWidth: 0 }}
            disabled={busy}
            onChange={(e) => {
              setText(e.target.value);
              setConfirming(false);
            }}
          />
          <button
            type="submit"
            className="btn"
            data-testid="storage-folder-change"
            disabled={busy || wanted === '' || wanted === props.current}
          >
            {t('storage.folderChange')}
          </button>
        </form>
      ) : null}
      {error ? (
        <div className="field-error" role="alert" data-testid="storage-folder-error">
          {error}
        </div>
      ) : null}
      {confirming ? (
        <div className="form-error" role="alertdialog" data-testid="storage-folder-confirm-box">
          <strong>{t('storage.folderConfirmTitle')}</strong>
          <p>{t('storage.folderConfirmText', { path: wanted })}</p>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="storage-folder-confirm"
            disabled={busy}
            onClick={() => void apply()}
          >
            {t('storage.folderConfirm')}
          </button>{' '}
          <button
            type="button"
            className="btn"
            data-testid="storage-folder-cancel"
            disabled={busy}
            onClick={() => setConfirming(false)}
          >
            {t('storage.folderCancel')}
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** Older roots still holding footage: read-only, so the officer knows where it is. */
function OtherRoots(props: { roots: StorageRoot[] }) {
  const t = useT();
  const language = useLanguage();
  const held = props.roots.filter((r) => r.recordings > 0);
  if (held.length === 0) return null;
  return (
    <div className="storage-path" data-testid="storage-roots">
      <span className="field-label">{t('storage.otherRoots')}</span>
      <ul>
        {held.map((r) => (
          <li key={r.id} data-testid="storage-root" data-bytes={r.bytes}>
            <span className="mono" title={r.path}>
              {r.path}
            </span>{' '}
            <span className="muted">
              {t('storage.rootSize', { size: formatBytes(r.bytes, language), n: r.recordings })}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function QuotaCard() {
  const t = useT();
  const language = useLanguage();
  const store = useStationStore();
  const settings = useStationState((s) => s.storageSettings);
  const commander = useStationState(selectIsCommander);
  const [kind, setKind] = useState<StorageQuota['kind']>('percent');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!settings) return;
    setKind(settings.quota.kind);
    setValue(String(settings.quota.value));
  }, [settings]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(value.replace(',', '.'));
    const max = kind === 'percent' ? 100 : 1_000_000;
    if (!Number.isFinite(n) || n < 1 || n > max) {
      setError(t('field.invalid'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await store.getState().setQuota({ kind, value: n });
      store
        .getState()
        .pushToast({ kind: 'success', key: 'storage.quotaSaved', params: {}, at: null });
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="storage-card">
      <h3 className="storage-h">{t('storage.quota')}</h3>
      <form className="quota-form" onSubmit={(e) => void submit(e)} noValidate>
        <input
          className="input quota-value"
          data-testid="storage-quota-value"
          disabled={!commander}
          inputMode="decimal"
          value={value}
          aria-label={t('storage.quota')}
          onChange={(e) => setValue(e.target.value)}
        />
        <select
          className="select"
          data-testid="storage-quota-kind"
          disabled={!commander}
          value={kind}
          aria-label={t('storage.quota')}
          onChange={(e) => setKind(e.target.value === 'gb' ? 'gb' : 'percent')}
        >
          <option value="percent">{t('storage.quotaKindPercent')}</option>
          <option value="gb">{t('storage.quotaKindGb')}</option>
        </select>
        <button
          type="submit"
          className="btn btn-primary"
          data-testid="storage-quota-save"
          disabled={busy || !settings || !commander}
        >
          {t('storage.quotaSave')}
        </button>
      </form>
      {error ? <div className="field-error">{error}</div> : null}
      <p className="field-hint">
        {t('storage.quotaHint', { reserve: formatBytes(settings?.reserveBytes ?? 0, language) })}
      </p>
      {settings ? (
        <p className="field-hint">{t('storage.segment', { sec: settings.segmentSeconds })}</p>
      ) : null}
    </section>
  );
}

function MaxAgeInput(props: { cameraId: string; value: number | null; disabled: boolean }) {
  const t = useT();
  const store = useStationStore();
  const [text, setText] = useState(props.value === null ? '' : String(props.value));
  const [invalid, setInvalid] = useState(false);
  useEffect(() => setText(props.value === null ? '' : String(props.value)), [props.value]);
  const commit = () => {
    const trimmed = text.trim();
    const next = trimmed === '' ? null : Number(trimmed);
    if (next !== null && (!Number.isInteger(next) || next < 1 || next > 3650)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    if (next === props.value) return;
    void store
      .getState()
      .setCameraRecording({ cameraId: props.cameraId, maxAgeDays: next })
      .catch(() => setInvalid(true));
  };
  return (
    <input
      className={`input input-compact${invalid ? ' input-invalid' : ''}`}
      data-testid={`storage-maxage-${props.cameraId}`}
      inputMode="numeric"
      placeholder={t('storage.maxAgeNone')}
      value={text}
      disabled={props.disabled}
      title={invalid ? t('field.number') : t('storage.colMaxAge')}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
      }}
    />
  );
}

function StatusCell(props: { cameraId: string }) {
  const t = useT();
  const status = useStationState((s) => s.recStatuses[props.cameraId]);
  if (!status) return <span className="muted">{t('storage.none')}</span>;
  if (status.recording)
    return (
      <span className="rec-status rec-status-on" data-testid={`storage-status-${props.cameraId}`}>
        <span className="rec-dot" aria-hidden="true" />
        {t('rec.recording')}
      </span>
    );
  const key: MessageKey =
    status.reason === 'disabled'
      ? 'storage.statusOff'
      : (`rec.reason.${status.reason ?? 'service_stopped'}` as MessageKey);
  return (
    <span
      className={`rec-status${status.reason === 'disabled' ? '' : ' rec-status-warn'}`}
      data-testid={`storage-status-${props.cameraId}`}
      data-reason={status.reason ?? ''}
    >
      {t(key)}
    </span>
  );
}

interface Row {
  id: string;
  camera: Camera | null;
  usage: CameraStorage | null;
}

function CameraRow(props: { row: Row }) {
  const t = useT();
  const language = useLanguage();
  const store = useStationStore();
  const { row } = props;
  const rec = useStationState((s) => s.recCameras[row.id]);
  const commander = useStationState(selectIsCommander);
  const [error, setError] = useState<string | null>(null);
  const set = (patch: { enabled?: boolean; stream?: StreamKind }) => {
    setError(null);
    void store
      .getState()
      .setCameraRecording({ cameraId: row.id, ...patch })
      .catch((e: unknown) => setError(errorMessage(e, t)));
  };
  const u = row.usage;
  const registered = row.camera !== null;
  return (
    <tr data-testid={`storage-camera-${row.id}`} data-bytes={u?.bytes ?? 0}>
      <td>
        <div className="cell-camera">
          <span className="cell-name">
            {row.camera ? row.camera.name : t('storage.removedCamera', { id: row.id.slice(0, 8) })}
          </span>
          {row.camera?.location ? <span className="cell-sub">{row.camera.location}</span> : null}
          {error ? <span className="field-error">{error}</span> : null}
        </div>
      </td>
      <td>
        {registered && rec ? (
          <label
            className="switch"
            title={rec.enabled ? t('storage.recordOn') : t('storage.recordOff')}
          >
            <input
              type="checkbox"
              data-testid={`storage-rec-toggle-${row.id}`}
              disabled={!commander}
              checked={rec.enabled}
              onChange={(e) => set({ enabled: e.target.checked })}
            />
            <span className="switch-track" aria-hidden="true" />
            <span className="switch-text">
              {rec.enabled ? t('storage.recordOn') : t('storage.recordOff')}
            </span>
          </label>
        ) : (
          <span className="muted">{t('storage.none')}</span>
        )}
      </td>
      <td>
        {registered && rec ? (
          <select
            className="select select-compact"
            data-testid={`storage-stream-${row.id}`}
            disabled={!commander}
            value={rec.stream}
            onChange={(e) => set({ stream: e.target.value === 'sub' ? 'sub' : 'main' })}
          >
            <option value="main">{t('tile.mainStream')}</option>
            <option value="sub" disabled={row.camera?.subUrl === null}>
              {t('tile.subStream')}
            </option>
          </select>
        ) : (
          <span className="muted">{t('storage.none')}</span>
        )}
      </td>
      <td>
        {registered && rec ? (
          <MaxAgeInput cameraId={row.id} value={rec.maxAgeDays} disabled={!commander} />
        ) : (
          <span className="muted">{t('storage.none')}</span>
        )}
      </td>
      <td className="num" data-testid={`storage-bytes-${row.id}`}>
        {u ? formatBytes(u.bytes, language) : formatBytes(0, language)}
      </td>
      <td className="num">{u?.oldestMs ? dayMinute(u.oldestMs, language) : t('storage.none')}</td>
      <td className="num">
        {u?.daysAtCurrentRate != null
          ? t('storage.days', { days: formatDays(u.daysAtCurrentRate, language) })
          : t('storage.none')}
      </td>
      <td>
        <StatusCell cameraId={row.id} />
      </td>
    </tr>
  );
}

function CameraTable(props: { summary: StorageSummary | null }) {
  const t = useT();
  const cameras = useStationState((s) => s.cameras);
  const usage = new Map((props.summary?.cameras ?? []).map((c) => [c.cameraId, c]));
  const rows: Row[] = cameras.map((c) => ({ id: c.id, camera: c, usage: usage.get(c.id) ?? null }));
  // Footage outlives a removed camera (it may be evidence): still listed with its size.
  for (const u of props.summary?.cameras ?? [])
    if (!cameras.some((c) => c.id === u.cameraId) && u.bytes > 0)
      rows.push({ id: u.cameraId, camera: null, usage: u });
  const hasDemo = cameras.some((c) => c.source === 'demo');
  return (
    <section className="storage-card storage-cameras">
      <h3 className="storage-h">{t('storage.cameras')}</h3>
      {rows.length === 0 ? (
        <p className="muted">{t('storage.noCameras')}</p>
      ) : (
        <div className="table-scroll">
          <table className="storage-table" data-testid="storage-cameras">
            <thead>
              <tr>
                <th>{t('storage.colCamera')}</th>
                <th>{t('storage.colRecord')}</th>
                <th>{t('storage.colStream')}</th>
                <th>{t('storage.colMaxAge')}</th>
                <th className="num">{t('storage.colBytes')}</th>
                <th className="num">{t('storage.colOldest')}</th>
                <th className="num">{t('storage.colDays')}</th>
                <th>{t('storage.colStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <CameraRow key={r.id} row={r} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {hasDemo ? <p className="field-hint">{t('storage.demoNote')}</p> : null}
    </section>
  );
}

function EventLog(props: { events: RecordingEvent[] }) {
  const t = useT();
  const language = useLanguage();
  const cameras = useStationState((s) => s.cameras);
  const nameOf = (id: string | null) =>
    id === null
      ? t('storage.eventAll')
      : (cameras.find((c) => c.id === id)?.name ??
        t('storage.removedCamera', { id: id.slice(0, 8) }));
  return (
    <section className="storage-card storage-events">
      <h3 className="storage-h">{t('storage.events')}</h3>
      {props.events.length === 0 ? (
        <p className="muted">{t('storage.eventsEmpty')}</p>
      ) : (
        <ol className="event-log" data-testid="storage-event-log">
          {props.events.map((e) => (
            <li
              key={e.id}
              className={`event event-${eventSeverity(e)}`}
              data-testid="storage-event"
              data-kind={e.kind}
              data-camera-id={e.cameraId ?? ''}
            >
              <time className="event-time" dateTime={new Date(e.atMs).toISOString()}>
                {formatDateTime(e.atMs, language)}
              </time>
              <span className="event-camera">{nameOf(e.cameraId)}</span>
              <span className="event-text">{eventText(e, t, language)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function StoragePanel() {
  const t = useT();
  const store = useStationStore();
  const summary = useStationState((s) => s.storageSummary);
  const events = useStationState((s) => s.recEvents);
  const footageSeq = useStationState((s) => s.footageSeq);
  const [loadError, setLoadError] = useState<string | null>(null);
  const close = () => store.getState().openDialog(null);

  useEffect(() => {
    void store
      .getState()
      .loadStorage()
      .catch((e: unknown) => setLoadError(errorMessage(e, t)));
    const timer = setInterval(
      () =>
        void store
          .getState()
          .refreshStorageSummary()
          .catch(() => undefined),
      REFRESH_MS,
    );
    return () => clearInterval(timer);
    // Loaded once per opening; t only words the error.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store]);

  useEffect(() => {
    if (footageSeq === 0) return undefined;
    // Segments of many cameras close together: one refresh for the burst.
    const timer = setTimeout(
      () =>
        void store
          .getState()
          .refreshStorageSummary()
          .catch(() => undefined),
      500,
    );
    return () => clearTimeout(timer);
  }, [footageSeq, store]);

  return (
    <Modal
      title={t('storage.title')}
      testId="storage-panel"
      onClose={close}
      className="modal-storage"
    >
      {loadError ? (
        <div className="form-error" role="alert">
          {loadError}
        </div>
      ) : null}
      <div className="storage-layout">
        <div className="storage-main">
          <div className="storage-top">
            {summary ? (
              <DiskCard summary={summary} />
            ) : (
              <p className="muted">{t('storage.loading')}</p>
            )}
            <QuotaCard />
          </div>
          <CameraTable summary={summary} />
        </div>
        <EventLog events={events} />
      </div>
    </Modal>
  );
}
