// A strip under the top bar while a storage alarm is active: what is wrong, since
// when, and what the officer should do. Footage may be at stake, so it stays until
// main clears the alarm; it cannot be dismissed.
import type { MessageKey } from '../i18n/translate';
import { formatHourMinute } from '../i18n/format-time';
import { useLanguage, useT } from '../i18n/use-t';
import { Icon } from '../shell/icons';
import { useStationState, useStationStore } from '../store/store-context';

export function StorageAlarmBanner() {
  const t = useT();
  const language = useLanguage();
  const store = useStationStore();
  const alarm = useStationState((s) => s.storageAlarm);
  // The slot is always rendered so the app grid keeps its rows.
  if (!alarm) return <div className="alarm-slot" />;
  const severe = alarm.kind === 'unwritable' || alarm.kind === 'disk_full';
  return (
    <div className="alarm-slot">
      <div
        className={`storage-alarm${severe ? ' storage-alarm-severe' : ''}`}
        role="alert"
        data-testid="storage-alarm"
        data-kind={alarm.kind}
      >
        <Icon name="alert" size={18} />
        <strong className="storage-alarm-title">{t('alarm.title')}</strong>
        <span className="storage-alarm-since">
          {t('alarm.since', { time: formatHourMinute(alarm.since, language) })}
        </span>
        <span className="storage-alarm-text">
          {t(`alarm.${alarm.kind}` as MessageKey, { code: alarm.code ?? '—' })}
        </span>
        <button
          type="button"
          className="btn btn-small"
          data-testid="storage-alarm-open"
          onClick={() => store.getState().openDialog({ type: 'storage' })}
        >
          {t('alarm.open')}
        </button>
      </div>
    </div>
  );
}
