// The storage/health panel's clock cell: the camera's offset from the station, the time of
// the reading, and the commander's set-clock button.
import { formatHourMinute } from '../i18n/format-time';
import { useLanguage, useT } from '../i18n/use-t';
import { useState } from 'react';
import { Icon } from '../shell/icons';
import { useStationState, useStationStore } from '../store/store-context';
import { CameraClockBadge } from '../cameras/camera-clock-badge';
import { CameraSetClockButton } from '../cameras/camera-set-clock-button';
import { clockBadge, formatClockOffset } from '../cameras/clock-text';

export function CameraClockCell(props: { cameraId: string; name: string }) {
  const t = useT();
  const language = useLanguage();
  const store = useStationStore();
  const clock = useStationState((s) => s.clocks[props.cameraId]);
  const [checking, setChecking] = useState(false);
  const badge = clockBadge(clock, t);
  const check = () => {
    setChecking(true);
    // A failed reading comes back as a reading with its error; a refused call changes nothing.
    store
      .getState()
      .checkCameraClock(props.cameraId)
      .catch(() => undefined)
      .finally(() => setChecking(false));
  };
  if (!clock || !badge)
    return (
      <span className="muted" data-testid="camera-clock-cell" data-level="none">
        {t('clock.none')}
      </span>
    );
  const text =
    badge.text ||
    (clock.offsetMs === null ? t('clock.unread') : formatClockOffset(clock.offsetMs, t));
  return (
    <div className="clock-cell" data-testid="camera-clock-cell" data-level={badge.level}>
      <CameraClockBadge cameraId={props.cameraId} />
      <span title={badge.title}>
        {badge.level === 'ok' || badge.level === 'unknown' ? text : null}
      </span>
      <span className="muted">{formatHourMinute(clock.at, language)}</span>
      <button
        type="button"
        className="icon-btn"
        data-testid="camera-clock-check"
        title={t('clock.check')}
        aria-label={t('clock.check')}
        disabled={checking}
        onClick={check}
      >
        <Icon name="history" size={14} />
      </button>
      <CameraSetClockButton cameraId={props.cameraId} name={props.name} />
    </div>
  );
}
