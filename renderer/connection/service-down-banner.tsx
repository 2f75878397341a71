// While the station service is unreachable (killed, crashed, hung): a red strip
// over everything, saying what happened, for how long and what to do, with the
// alarm looping until an officer silences it for this outage. It goes away by
// itself when the connection is back (main.tsx then resumes the session).
import { useRef } from 'react';
import alertUrl from '../../resources/sounds/alert.wav';
import { useLoopingAlarm } from '../alerts/outage-alarm';
import { useT } from '../i18n/use-t';
import { Icon } from '../shell/icons';
import { useNow } from '../shell/use-now';
import { formatDuration } from '../storage/format-storage';
import { useStationState, useStationStore } from '../store/store-context';
import './service-down-banner.css';

function DownFor(props: { since: number }) {
  const t = useT();
  const now = useNow();
  const ms = Math.max(0, now - props.since);
  return (
    <span className="service-down-for" data-testid="service-down-for">
      {t('serviceDown.for', { duration: formatDuration(ms) })}
    </span>
  );
}

export function ServiceDownBanner() {
  const t = useT();
  const store = useStationStore();
  const since = useStationState((s) => s.disconnectedSince);
  const silenced = useStationState((s) => s.outageAlarmSilenced);
  const audioRef = useRef<HTMLAudioElement>(null);
  const alarm = useLoopingAlarm(audioRef, since !== null, silenced);

  return (
    <>
      <audio
        ref={audioRef}
        src={alertUrl}
        preload="auto"
        data-testid="outage-alarm"
        data-alarm={alarm}
      />
      {since !== null && (
        <div className="service-down" role="alert" data-testid="service-down-banner">
          <Icon name="alert" size={26} />
          <div className="service-down-body">
            <strong className="service-down-title">{t('serviceDown.title')}</strong>
            <span>{t('serviceDown.text')}</span>
            {alarm === 'blocked' && (
              <span className="service-down-hint">{t('serviceDown.soundBlocked')}</span>
            )}
          </div>
          <DownFor since={since} />
          {silenced ? (
            <span className="service-down-silenced">{t('serviceDown.silenced')}</span>
          ) : (
            <button
              type="button"
              className="btn service-down-silence"
              data-testid="service-down-silence"
              onClick={() => store.getState().silenceOutageAlarm()}
            >
              <Icon name="bellOff" size={16} />
              {t('serviceDown.silence')}
            </button>
          )}
        </div>
      )}
    </>
  );
}
