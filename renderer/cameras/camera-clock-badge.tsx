// The clock badge of one camera (list row, tile): "Lệch giờ +2 giờ 0 phút" in amber or
// red, "Sai múi giờ" in red, a quiet clock icon when right. Nothing for a non-ONVIF camera.
import { useT } from '../i18n/use-t';
import { Icon } from '../shell/icons';
import { useStationState } from '../store/store-context';
import { clockBadge } from './clock-text';
import './camera-clock.css';

export function CameraClockBadge(props: { cameraId: string }) {
  const t = useT();
  const clock = useStationState((s) => s.clocks[props.cameraId]);
  const badge = clockBadge(clock, t);
  if (!badge) return null;
  return (
    <span
      className="clock-badge"
      data-testid="camera-clock-badge"
      data-level={badge.level}
      title={badge.title}
      aria-label={badge.text || badge.title}
    >
      <Icon name="clock" size={11} />
      {badge.text}
    </span>
  );
}
