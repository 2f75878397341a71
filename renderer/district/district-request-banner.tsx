// The centre asked for footage: a strip under the top bar (the grid and its controls
// stay usable) naming who asked and why, with the way to the requests panel. It goes
// once the panel has shown the request, or when the officer hides it.
import { useMemo } from 'react';
import { useT } from '../i18n/use-t';
import { Icon } from '../shell/icons';
import { useStationState, useStationStore } from '../store/store-context';
import { unseenRequests } from './district-slice';

export function DistrictRequestBanner() {
  const t = useT();
  const store = useStationStore();
  const requests = useStationState((s) => s.districtRequests);
  const seen = useStationState((s) => s.districtSeen);
  const panelOpen = useStationState((s) => s.dialog?.type === 'districtRequests');
  const unseen = useMemo(() => unseenRequests(requests, seen), [requests, seen]);
  // The newest is the one the officer has just been told about.
  const latest = unseen[unseen.length - 1];
  if (!latest || panelOpen) return null;
  return (
    <div
      className="district-banner"
      role="status"
      data-testid="district-request-banner"
      data-count={unseen.length}
      data-request-id={latest.requestId}
    >
      <Icon name="export" size={18} />
      <strong>{t('district.bannerTitle')}</strong>
      <span className="district-banner-text">
        {t('district.bannerText', { from: latest.requestedBy, reason: latest.reason })}
        {unseen.length > 1 ? ` ${t('district.bannerMore', { n: unseen.length - 1 })}` : ''}
      </span>
      <button
        type="button"
        className="btn btn-small"
        data-testid="district-request-banner-open"
        onClick={() => store.getState().openDialog({ type: 'districtRequests' })}
      >
        {t('district.bannerOpen')}
      </button>
      <button
        type="button"
        className="icon-btn"
        data-testid="district-request-banner-hide"
        aria-label={t('district.bannerHide')}
        title={t('district.bannerHide')}
        onClick={() => store.getState().markDistrictRequestsSeen()}
      >
        <Icon name="close" size={16} />
      </button>
    </div>
  );
}
