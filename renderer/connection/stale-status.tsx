// While the station service is unreachable, every status on screen is the last one
// heard: the app root carries data-stale (stale-status.css greys REC marks, tile
// badges, status dots and counts) and the status bar says since when.
import { formatHourMinute } from '../i18n/format-time';
import { useLanguage, useT } from '../i18n/use-t';
import { Icon } from '../shell/icons';
import { useStationState } from '../store/store-context';
import './stale-status.css';

/** The value of the app root's data-stale attribute. */
export function useStaleFlag(): 'true' | 'false' {
  return useStationState((s) => (s.disconnectedSince !== null ? 'true' : 'false'));
}

export function StaleStatusNote() {
  const t = useT();
  const language = useLanguage();
  const since = useStationState((s) => s.disconnectedSince);
  if (since === null) return null;
  return (
    <span className="status-item stale-note" data-testid="status-stale" role="status">
      <Icon name="alert" size={13} />
      {t('serviceDown.stale', { time: formatHourMinute(since, language) })}
    </span>
  );
}
