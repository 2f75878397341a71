// The link to the centre in the status bar, once the station is connected to one:
// the duty officer sees at a glance whether events reach the centre.
import type { DistrictStatus } from '../../electron/contract/district';
import { useLanguage, useT } from '../i18n/use-t';
import { useStationState } from '../store/store-context';
import { linkKey, problemText } from './district-text';

const DOT: Record<DistrictStatus['link'], string> = {
  off: 'dot-offline',
  starting: 'dot-connecting',
  linking: 'dot-connecting',
  linked: 'dot-live',
  failed: 'dot-offline',
};

export function DistrictStatusItem() {
  const t = useT();
  const language = useLanguage();
  const link = useStationState((s) => (s.districtStatus?.enabled ? s.districtStatus.link : null));
  const problem = useStationState((s) => s.districtStatus?.problem ?? null);
  if (!link) return null;
  return (
    <span
      className={`status-item${link === 'failed' ? ' status-bad' : ''}`}
      data-testid="status-district"
      data-link={link}
      title={problem ? problemText(problem, language) : undefined}
    >
      <span className={`dot ${DOT[link]}`} />
      {t('district.statusItem', { state: t(linkKey(link)) })}
    </span>
  );
}
