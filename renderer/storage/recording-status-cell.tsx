// Whether a camera is recording now, and why not.
import type { MessageKey } from '../i18n/translate';
import { useT } from '../i18n/use-t';
import { useStationState } from '../store/store-context';

export function StatusCell(props: { cameraId: string }) {
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
