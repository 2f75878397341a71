// The storage/health panel's clock cell: the camera's offset from the station, the time of
// the reading, and the commander's set-clock button.
import { formatHourMinute } from '../i18n/format-time';
import { useLanguage, useT } from '../i18n/use-t';
import { useStationState } from '../store/store-context';
import { CameraClockBadge } from '../cameras/camera-clock-badge';
import { CameraSetClockButton } from '../cameras/camera-set-clock-button';
import { clockBadge, formatClockOffset } from '../cameras/clock-text';

export function CameraClockCell(props: { cameraId: string; name: string }) {
  const t = useT();
  const language = useLanguage();
  const clock = useStationState((s) => s.clocks[props.cameraId]);
  const badge = clockBadge(clock, t);
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
      <CameraSetClockButton cameraId={props.cameraId} name={props.name} />
    </div>
  );
}
