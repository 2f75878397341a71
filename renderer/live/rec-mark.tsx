// The REC mark on a tile: red dot + REC while the camera is recorded; an amber mark
// with the reason on hover when it should record but is not. Nothing when recording
// is switched off for the camera (a choice, not a fault).
import type { MessageKey } from '../i18n/translate';
import { useT } from '../i18n/use-t';
import { Icon } from '../shell/icons';
import { useStationState } from '../store/store-context';

export function RecMark(props: { cameraId: string }) {
  const t = useT();
  const status = useStationState((s) => s.recStatuses[props.cameraId]);
  if (!status || status.reason === 'disabled') return null;
  if (status.recording) {
    return (
      <span
        className="rec-mark rec-on"
        data-testid="tile-rec"
        data-recording="true"
        title={t('rec.recording')}
        aria-label={t('rec.recording')}
      >
        <span className="rec-dot" aria-hidden="true" />
        {t('rec.mark')}
      </span>
    );
  }
  const why = t(`rec.reason.${status.reason ?? 'service_stopped'}` as MessageKey);
  return (
    <span
      className="rec-mark rec-off"
      data-testid="tile-rec"
      data-recording="false"
      data-reason={status.reason ?? ''}
      title={why}
      aria-label={why}
    >
      <Icon name="alert" size={11} />
      {t('rec.mark')}
    </span>
  );
}
