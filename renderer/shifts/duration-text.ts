// Durations in words, as the handover report reads them: "1 giờ 5 phút",
// "45 giây", "2 ngày 3 giờ". Rounded down: an outage of 59 s is not "1 phút".
import type { Translate } from '../i18n/translate';

export function formatDurationWords(ms: number, t: Translate): string {
  const totalSec = Math.max(0, Math.floor(ms / 1000));
  if (totalSec < 60) return t('duration.seconds', { s: totalSec });
  const totalMin = Math.floor(totalSec / 60);
  const s = totalSec % 60;
  // Short outages keep their seconds; past ten minutes they are noise.
  if (totalMin < 10 && s > 0) return t('duration.minutesSeconds', { m: totalMin, s });
  if (totalMin < 60) return t('duration.minutes', { m: totalMin });
  const totalHours = Math.floor(totalMin / 60);
  const m = totalMin % 60;
  if (totalHours < 24)
    return m > 0
      ? t('duration.hoursMinutes', { h: totalHours, m })
      : t('duration.hours', { h: totalHours });
  const d = Math.floor(totalHours / 24);
  const h = totalHours % 24;
  return h > 0 ? t('duration.daysHours', { d, h }) : t('duration.days', { d });
}
