// The running export as a card in the bottom-right corner, so the officer keeps
// watching cameras meanwhile: bar, phase, current file, time left, cancel with a
// confirm; then how it ended (folder, files, hash; or what went wrong), until closed.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { CENTRE_REQUEST_CASE_PREFIX } from '../../electron/contract/district';
import type { ExportProgress, ExportRecord } from '../../electron/contract/export-schemas';
import { errorMessage } from '../api/api-error';
import { useLanguage, useT } from '../i18n/use-t';
import { Icon } from '../shell/icons';
import { formatBytes } from '../storage/format-storage';
import { useStationState, useStationStore } from '../store/store-context';
import { etaText, exportFolderPath, progressFraction, shortHash } from './export-format';
import { failureMessage, leftoverMessage, phaseKey } from './export-messages';

/** Toasts stack above the card: its height (plus a gap) as a CSS variable on the root. */
function useReservedSpace(ref: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const el = ref.current;
    const root = document.documentElement;
    if (!el) return;
    const update = () => root.style.setProperty('--export-panel-space', `${el.offsetHeight + 8}px`);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--export-panel-space');
    };
  }, [ref]);
}

export function ExportProgressPanel() {
  const running = useStationState((s) => s.exportRunning);
  const progress = useStationState((s) => s.exportProgress);
  const outcome = useStationState((s) => s.exportOutcome);
  if (running) return <Card record={running} progress={progress} />;
  if (outcome) return <Card key={outcome.id} record={outcome} progress={null} />;
  return null;
}

function Card(props: { record: ExportRecord; progress: ExportProgress | null }) {
  const ref = useRef<HTMLElement>(null);
  useReservedSpace(ref);
  const { record } = props;
  return (
    <aside
      ref={ref}
      className={`export-panel export-panel-${record.status}`}
      data-testid="export-panel"
      data-state={record.status}
      data-export-id={record.id}
      aria-live="polite"
    >
      {record.status === 'running' ? (
        <Running record={record} progress={props.progress} />
      ) : (
        <Ended record={record} />
      )}
    </aside>
  );
}

function Running(props: { record: ExportRecord; progress: ExportProgress | null }) {
  const t = useT();
  const store = useStationStore();
  const [asking, setAsking] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const p = props.progress?.id === props.record.id ? props.progress : null;
  const share = p ? progressFraction(p) : 0;
  const cancel = async () => {
    setCancelling(true);
    setError(null);
    try {
      await store.getState().cancelExport();
    } catch (e) {
      setError(t('export.cancelFailed', { error: errorMessage(e, t) }));
      setCancelling(false);
      setAsking(false);
    }
  };
  return (
    <>
      <div className="export-panel-head">
        <Icon name="export" size={16} className="export-panel-icon" />
        <strong>{t('export.progress.title')}</strong>
        <span className="export-panel-percent" data-testid="export-percent">
          {Math.floor(share * 100)}%
        </span>
      </div>
      <div className="export-panel-folder mono" title={props.record.folderName}>
        {props.record.folderName}
      </div>
      <div
        className="export-bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.floor(share * 100)}
        data-testid="export-progress-bar"
        data-done={p?.done ?? 0}
        data-total={p?.total ?? 0}
      >
        <span style={{ width: `${(share * 100).toFixed(1)}%` }} />
      </div>
      <div className="export-panel-line">
        <span data-testid="export-phase">{t(phaseKey(p?.phase ?? 'preparing'))}</span>
        {p && p.filesTotal > 0 ? (
          <span className="muted" data-testid="export-files">
            {t('export.filesCount', {
              done: Math.min(p.filesDone + 1, p.filesTotal),
              total: p.filesTotal,
            })}
          </span>
        ) : null}
      </div>
      {p?.currentFile ? (
        <div
          className="export-panel-file mono"
          data-testid="export-current-file"
          title={p.currentFile}
        >
          {p.currentFile}
        </div>
      ) : null}
      <div className="export-panel-line muted" data-testid="export-eta">
        {etaText(p?.etaSec ?? null, t)}
      </div>
      {error ? <div className="field-error">{error}</div> : null}
      {asking ? (
        <div className="export-cancel-ask" role="alertdialog">
          <span>{t('export.cancelAsk')}</span>
          <div className="export-panel-actions">
            <button
              type="button"
              className="btn btn-small"
              data-testid="export-cancel-keep"
              disabled={cancelling}
              onClick={() => setAsking(false)}
            >
              {t('export.cancelKeep')}
            </button>
            <button
              type="button"
              className="btn btn-small btn-danger btn-danger-armed"
              data-testid="export-cancel-confirm"
              disabled={cancelling}
              onClick={() => void cancel()}
            >
              {cancelling ? t('export.cancelling') : t('export.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="export-panel-actions">
          <button
            type="button"
            className="btn btn-small btn-danger"
            data-testid="export-cancel"
            onClick={() => setAsking(true)}
          >
            <Icon name="stop" size={12} />
            {t('export.cancel')}
          </button>
        </div>
      )}
    </>
  );
}

function Ended(props: { record: ExportRecord }) {
  const t = useT();
  const language = useLanguage();
  const store = useStationStore();
  const { record } = props;
  const title =
    record.status === 'complete'
      ? t('export.done.title')
      : record.status === 'failed'
        ? t('export.failed.title')
        : t('export.cancelled.title');
  return (
    <>
      <div className="export-panel-head">
        <Icon
          name={
            record.status === 'complete' ? 'check' : record.status === 'failed' ? 'alert' : 'info'
          }
          size={16}
          className="export-panel-icon"
        />
        <strong>{title}</strong>
      </div>
      {record.status === 'complete' ? (
        <dl className="export-done">
          <dt>{t('export.done.folder')}</dt>
          <dd className="mono" data-testid="export-done-folder">
            {exportFolderPath(record.destination, record.folderName)}
          </dd>
          <dt />
          <dd
            data-testid="export-done-files"
            data-files={record.files.length}
            data-bytes={record.bytes}
          >
            {t('export.done.files', {
              n: record.files.length,
              size: formatBytes(record.bytes, language),
            })}
          </dd>
          {record.manifestSha256 ? (
            <>
              <dt>{t('export.done.hash')}</dt>
              <dd className="mono" data-testid="export-done-hash" title={record.manifestSha256}>
                {shortHash(record.manifestSha256)}
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {record.status === 'complete' ? (
        <p className="export-panel-note" data-testid="export-eject">
          <Icon name="shieldCheck" size={14} />{' '}
          {record.caseNumber.startsWith(CENTRE_REQUEST_CASE_PREFIX)
            ? t('export.done.centre')
            : t('export.done.eject')}
        </p>
      ) : record.status === 'failed' ? (
        <div
          className="export-failure"
          role="alert"
          data-testid="export-failure"
          data-code={record.errorCode ?? ''}
        >
          <p>{failureMessage(record.errorCode, t)}</p>
          <p className="muted" data-testid="export-leftover">
            {leftoverMessage(record, t)}
          </p>
        </div>
      ) : (
        <p className="export-panel-note" data-testid="export-cancelled">
          {t('export.cancelled.text')}
        </p>
      )}
      <div className="export-panel-actions">
        <button
          type="button"
          className="btn btn-small"
          data-testid="export-panel-close"
          onClick={() => store.getState().dismissExportOutcome()}
        >
          {t('export.dismiss')}
        </button>
      </div>
    </>
  );
}
