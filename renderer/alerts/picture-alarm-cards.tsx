// Picture and clock alarms as cards beside the offline alarm: what happened to which
// camera since when, what to do, and "Đã biết" (alarm.acknowledge, audited by main).
// Picture alarms keep the alarm loop ringing; a clock alarm chimes once when it opens.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CameraAlarmEntry } from '../../electron/contract/camera-alarms';
import alertUrl from '../../resources/sounds/alert.wav';
import { formatClockOffset } from '../cameras/clock-text';
import { formatHourMinute } from '../i18n/format-time';
import { useLanguage, useT } from '../i18n/use-t';
import { Icon } from '../shell/icons';
import { useStationState, useStationStore } from '../store/store-context';
import { useLoopingAlarm } from './outage-alarm';
import {
  alarmCards,
  CARD_ADVICE,
  CARD_TEXT,
  isClockKind,
  loopsFor,
  newClockAlarms,
} from './picture-alarms';
import './picture-alarm-cards.css';

function offsetOf(alarm: CameraAlarmEntry): number | null {
  const v = alarm.detail.offsetMs;
  return typeof v === 'number' ? v : null;
}

function AlarmCard(props: { alarm: CameraAlarmEntry; name: string; stale: boolean }) {
  const t = useT();
  const language = useLanguage();
  const store = useStationStore();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const { alarm } = props;
  const offset = offsetOf(alarm);
  const acknowledge = () => {
    setBusy(true);
    setFailed(false);
    store
      .getState()
      .acknowledgeAlarm(alarm.id)
      .catch(() => setFailed(true))
      .finally(() => setBusy(false));
  };
  const facts = [t('pictureAlarm.since', { time: formatHourMinute(alarm.startedAt, language) })];
  if (isClockKind(alarm.kind) && offset !== null)
    facts.push(t('pictureAlarm.offset', { offset: formatClockOffset(offset, t) }));
  if (alarm.source === 'camera') facts.push(t('pictureAlarm.source.camera'));
  return (
    <section
      className="alarm-card"
      role="alert"
      data-testid="alarm-card"
      data-kind={alarm.kind}
      data-camera={alarm.cameraId}
      data-alarm-id={alarm.id}
    >
      <header className="alarm-card-head">
        <Icon name={isClockKind(alarm.kind) ? 'clock' : 'alert'} size={16} />
        <span className="alarm-card-kind">{t(CARD_TEXT[alarm.kind])}</span>
      </header>
      <div className="alarm-card-body">
        <div className="alarm-card-text">
          <span className="alarm-card-camera">{props.name}</span>
          <span className="alarm-card-facts">{facts.join(' · ')}</span>
          <span className="alarm-card-advice">{t(CARD_ADVICE[alarm.kind])}</span>
          {failed && <span className="form-error">{t('cameraAlarm.ackFailed')}</span>}
        </div>
        <button
          type="button"
          className="btn alarm-card-ack"
          data-testid="alarm-ack"
          title={t('pictureAlarm.ackHint')}
          disabled={busy || props.stale}
          onClick={acknowledge}
        >
          <Icon name="check" size={14} />
          {t('cameraAlarm.ack')}
        </button>
      </div>
    </section>
  );
}

export function PictureAlarmCards() {
  const open = useStationState((s) => s.openAlarms);
  const cameras = useStationState((s) => s.cameras);
  const muted = useStationState((s) => s.settings.alertMuted);
  const stale = useStationState((s) => s.disconnectedSince !== null);
  const loopRef = useRef<HTMLAudioElement>(null);
  const chimeRef = useRef<HTMLAudioElement>(null);
  const chimed = useRef(new Set<number>());
  const names = useMemo(() => new Map(cameras.map((c) => [c.id, c.name])), [cameras]);
  const cards = useMemo(
    () => alarmCards(Object.values(open), new Set(names.keys())),
    [open, names],
  );
  const sound = useLoopingAlarm(loopRef, loopsFor(cards) && !stale, muted);

  useEffect(() => {
    const fresh = newClockAlarms(cards, chimed.current);
    if (fresh.length === 0) return;
    for (const id of fresh) chimed.current.add(id);
    const audio = chimeRef.current;
    if (!audio || muted || stale) return;
    audio.loop = false;
    audio.currentTime = 0;
    audio.play().catch(() => undefined);
  }, [cards, muted, stale]);

  return (
    <>
      <audio
        ref={loopRef}
        src={alertUrl}
        preload="auto"
        data-testid="picture-alarm-sound"
        data-alarm={sound}
        data-ringing={cards.filter((a) => !isClockKind(a.kind)).length}
      />
      <audio ref={chimeRef} src={alertUrl} preload="auto" data-testid="clock-alarm-chime" />
      {cards.map((alarm) => (
        <AlarmCard
          key={alarm.id}
          alarm={alarm}
          name={names.get(alarm.cameraId) ?? ''}
          stale={stale}
        />
      ))}
    </>
  );
}
