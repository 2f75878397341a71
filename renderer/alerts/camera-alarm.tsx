// The offline alarm: rings (looping) while a camera is down and nobody has said
// "Đã biết" for that outage; the card names each camera and since when. The
// alert-sound setting mutes the speaker, never the card.
import { useMemo, useRef, useState } from 'react';
import alertUrl from '../../resources/sounds/alert.wav';
import { formatHourMinute } from '../i18n/format-time';
import { useLanguage, useT } from '../i18n/use-t';
import { Icon } from '../shell/icons';
import { useNow } from '../shell/use-now';
import { useStationState, useStationStore } from '../store/store-context';
import { ringingCameras, type CameraAlarm } from './camera-alarms';
import { useLoopingAlarm } from './outage-alarm';
import './camera-alarm.css';

function AlarmItem(props: { alarm: CameraAlarm; name: string; stale: boolean }) {
  const t = useT();
  const language = useLanguage();
  const store = useStationStore();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const { alarm } = props;
  const acknowledge = () => {
    setBusy(true);
    setFailed(false);
    store
      .getState()
      .acknowledgeOutages(alarm.outageIds)
      .catch(() => setFailed(true))
      .finally(() => setBusy(false));
  };
  return (
    <li
      className="camera-alarm-item"
      data-testid="camera-alarm-item"
      data-camera-id={alarm.cameraId}
    >
      <span className="camera-alarm-text">
        {t(alarm.wrongPassword ? 'cameraAlarm.itemAuth' : 'cameraAlarm.item', {
          name: props.name,
          time: formatHourMinute(alarm.since, language),
        })}
        {failed && <span className="form-error">{t('cameraAlarm.ackFailed')}</span>}
      </span>
      <button
        type="button"
        className="btn camera-alarm-ack"
        data-testid="camera-alarm-ack"
        title={t('cameraAlarm.ackHint')}
        disabled={busy || props.stale}
        onClick={acknowledge}
      >
        <Icon name="check" size={14} />
        {t('cameraAlarm.ack')}
      </button>
    </li>
  );
}

export function CameraAlarmCard() {
  const t = useT();
  const now = useNow();
  const open = useStationState((s) => s.openOutages);
  const cameras = useStationState((s) => s.cameras);
  const muted = useStationState((s) => s.settings.alertMuted);
  // While the service is unreachable these outages are the last heard of: its own
  // alarm sounds instead, and nothing can be acknowledged.
  const stale = useStationState((s) => s.disconnectedSince !== null);
  const audioRef = useRef<HTMLAudioElement>(null);
  const names = useMemo(() => new Map(cameras.map((c) => [c.id, c.name])), [cameras]);
  const ringing = useMemo(
    () => ringingCameras(Object.values(open), new Set(names.keys()), now),
    [open, names, now],
  );
  const sound = useLoopingAlarm(audioRef, ringing.length > 0 && !stale, muted);

  return (
    <>
      <audio
        ref={audioRef}
        src={alertUrl}
        preload="auto"
        data-testid="camera-alarm-sound"
        data-alarm={sound}
        data-ringing={ringing.length}
      />
      {ringing.length > 0 && (
        <section className="camera-alarm" role="alert" data-testid="camera-alarm">
          <header className="camera-alarm-title">
            <Icon name="alert" size={18} />
            {t('cameraAlarm.title')}
          </header>
          {sound === 'blocked' && (
            <p className="camera-alarm-hint">{t('cameraAlarm.soundBlocked')}</p>
          )}
          <ul className="camera-alarm-list">
            {ringing.map((alarm) => (
              <AlarmItem
                key={alarm.cameraId}
                alarm={alarm}
                name={names.get(alarm.cameraId) ?? ''}
                stale={stale}
              />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
