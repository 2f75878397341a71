import { useEffect } from 'react';
import { formatHourMinute } from '../i18n/format-time';
import { useLanguage, useT } from '../i18n/use-t';
import { useStationState, useStationStore } from '../store/store-context';
import type { Toast } from '../store/types';
import { Icon, type IconName } from './icons';

const LIFETIME_MS: Record<Toast['kind'], number> = {
  alert: 20_000,
  warning: 12_000,
  error: 10_000,
  info: 6_000,
  success: 4_000,
};

const ICON: Record<Toast['kind'], IconName> = {
  alert: 'alert',
  warning: 'alert',
  error: 'alert',
  info: 'info',
  success: 'check',
};

function ToastItem(props: { toast: Toast }) {
  const t = useT();
  const language = useLanguage();
  const store = useStationStore();
  const { toast } = props;
  useEffect(() => {
    const timer = setTimeout(
      () => store.getState().dismissToast(toast.id),
      LIFETIME_MS[toast.kind],
    );
    return () => clearTimeout(timer);
  }, [store, toast.id, toast.kind]);
  const params =
    toast.at === null
      ? toast.params
      : { ...toast.params, time: formatHourMinute(toast.at, language) };
  return (
    <div
      className={`toast toast-${toast.kind}`}
      role={toast.kind === 'alert' ? 'alert' : 'status'}
      data-testid={`toast-${toast.kind}`}
    >
      <Icon name={ICON[toast.kind]} size={16} className="toast-icon" />
      <span className="toast-text">{t(toast.key, params)}</span>
      <button
        type="button"
        className="icon-btn"
        aria-label={t('toast.dismiss')}
        onClick={() => store.getState().dismissToast(toast.id)}
      >
        <Icon name="close" size={14} />
      </button>
    </div>
  );
}

export function Toasts() {
  const toasts = useStationState((s) => s.toasts);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </div>
  );
}
