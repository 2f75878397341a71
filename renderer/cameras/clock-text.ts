// Words for a camera's clock against the station's: "+2 giờ 0 phút" (ahead), "−8 giây"
// (behind), and the badge a camera list row or tile shows for its last reading.
import type { CameraClock, ClockLevel } from '../../electron/contract/onvif';
import type { MessageKey, Translate } from '../i18n/translate';

/** A real minus sign, so "−8 giây" does not read as a dash. */
const MINUS = '\u2212';

/** The offset rounded to whole seconds, in the largest units that matter (hours and minutes, or minutes and seconds, or seconds). */
export function formatClockOffset(offsetMs: number, t: Translate): string {
  const total = Math.round(Math.abs(offsetMs) / 1000);
  const sign = total === 0 ? '' : offsetMs < 0 ? MINUS : '+';
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return t('clock.hoursMinutes', { sign, h, m });
  if (m > 0) return t('clock.minutesSeconds', { sign, m, s });
  return t('clock.seconds', { sign, s });
}

export interface ClockBadge {
  level: ClockLevel;
  /** Short text on the badge (empty for a clock that is right: an icon only). */
  text: string;
  /** The longer sentence for the tooltip. */
  title: string;
}

/** What the badge says for a reading; null when the camera has none (not ONVIF). */
export function clockBadge(clock: CameraClock | undefined, t: Translate): ClockBadge | null {
  if (!clock) return null;
  if (clock.offsetMs === null || clock.level === 'unknown') {
    const reason: MessageKey = clock.error === 'auth_failed' ? 'clock.unreadAuth' : 'clock.unread';
    return { level: 'unknown', text: '', title: t(reason) };
  }
  const offset = formatClockOffset(clock.offsetMs, t);
  const ntp = clock.ntp ? ` ${t('clock.onNtp')}` : '';
  if (clock.tzOk === false) {
    return {
      level: 'alarm',
      text: t('clock.wrongZone'),
      title: t('clock.wrongZoneTitle', { tz: clock.tz ?? '?', offset }) + ntp,
    };
  }
  if (clock.level === 'ok') return { level: 'ok', text: '', title: t('clock.okTitle', { offset }) };
  return {
    level: clock.level,
    text: t('clock.off', { offset }),
    title: t(clock.level === 'alarm' ? 'clock.alarmTitle' : 'clock.warningTitle', { offset }) + ntp,
  };
}
