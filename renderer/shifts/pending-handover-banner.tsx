// A handover waits for this officer's acknowledgement: a strip under the top bar
// that stays until it is acknowledged ("Để sau" only closes the report).
import { useMemo } from 'react';
import { rankAndName } from '../auth/officer-name';
import { useLanguage, useT } from '../i18n/use-t';
import { pendingForOfficer } from '../auth/session-slice';
import { useStationState, useStationStore } from '../store/store-context';
import { formatShiftRange } from './shift-time';
import { Icon } from '../shell/icons';

export function PendingHandoverBanner() {
  const t = useT();
  const language = useLanguage();
  const store = useStationStore();
  const pendingAll = useStationState((s) => s.authState?.pendingHandovers);
  // A supervising commander (no shift of their own) does not take shifts over.
  const me = useStationState((s) => (s.session?.shiftId ? s.session.officer.id : undefined));
  const reportOpen = useStationState((s) => s.dialog?.type === 'handover');
  const pending = useMemo(() => pendingForOfficer(pendingAll, me), [pendingAll, me]);
  const first = pending[0];
  if (!first || reportOpen) return null;
  return (
    <div
      className="handover-banner"
      role="status"
      data-testid="handover-banner"
      data-count={pending.length}
    >
      <Icon name="handover" size={18} />
      <strong>{t('banner.title')}</strong>
      <span className="handover-banner-text">
        {t('banner.text', {
          officer: rankAndName(first.outgoing),
          range: formatShiftRange(first.shiftStartedAt, first.shiftEndedAt, language),
        })}
        {pending.length > 1 ? ` ${t('banner.more', { n: pending.length - 1 })}` : ''}
      </span>
      <button
        type="button"
        className="btn btn-small"
        data-testid="handover-banner-open"
        onClick={() => store.getState().openDialog({ type: 'handover', id: first.id })}
      >
        {t('banner.open')}
      </button>
    </div>
  );
}
