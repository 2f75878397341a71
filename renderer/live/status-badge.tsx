import type { StreamState } from '../../electron/contract/schemas';
import { formatHourMinute } from '../i18n/format-time';
import { useLanguage, useT } from '../i18n/use-t';

export function StatusBadge(props: { state: StreamState; since: number }) {
  const t = useT();
  const language = useLanguage();
  const { state, since } = props;
  let text: string;
  switch (state) {
    case 'live':
      text = t('tile.live');
      break;
    case 'connecting':
    case 'idle':
      text = t('tile.connecting');
      break;
    case 'reconnecting':
      text = t('tile.reconnecting');
      break;
    case 'offline':
      text = t('tile.offlineSince', { time: formatHourMinute(since || Date.now(), language) });
      break;
    case 'auth_failed':
      text = t('tile.authFailed');
      break;
  }
  return (
    <span className={`badge badge-${state}`} data-testid="tile-badge" data-state={state}>
      <span className="badge-dot" aria-hidden="true" />
      {text}
    </span>
  );
}
