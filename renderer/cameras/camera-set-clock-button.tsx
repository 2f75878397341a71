// The commander's "Chỉnh giờ theo máy trạm": a confirm that says what happens (and asks
// before turning the camera's NTP off), then camera.setClock; main audits it.
import { useState } from 'react';
import { errorMessage, errorReason } from '../api/api-error';
import { selectIsCommander } from '../auth/session-slice';
import { formatClock } from '../i18n/format-time';
import { useLanguage, useT } from '../i18n/use-t';
import { Icon } from '../shell/icons';
import { useStationState, useStationStore } from '../store/store-context';
import { formatClockOffset } from './clock-text';
import { discoveryErrorKey } from './discovery-rows';

export function CameraSetClockButton(props: { cameraId: string; name: string }) {
  const t = useT();
  const language = useLanguage();
  const store = useStationStore();
  const commander = useStationState(selectIsCommander);
  const clock = useStationState((s) => s.clocks[props.cameraId]);
  const [confirming, setConfirming] = useState(false);
  const [switchFromNtp, setSwitchFromNtp] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!commander || !clock) return null;
  const onNtp = clock.ntp === true;
  const offset = clock.offsetMs === null ? '?' : formatClockOffset(clock.offsetMs, t);

  const confirm = () => {
    setBusy(true);
    setError(null);
    store
      .getState()
      .setCameraClock(props.cameraId, switchFromNtp)
      .then((after) => {
        setConfirming(false);
        store.getState().pushToast({
          kind: 'success',
          key: 'clock.setDone',
          params: {
            name: props.name,
            offset: after.offsetMs === null ? '?' : formatClockOffset(after.offsetMs, t),
          },
          at: null,
        });
      })
      .catch((e: unknown) => {
        const known = discoveryErrorKey(errorReason(e));
        setError(t('clock.setFailed', { reason: known ? t(known) : errorMessage(e, t) }));
      })
      .finally(() => setBusy(false));
  };

  if (!confirming)
    return (
      <button
        type="button"
        className={`btn btn-small${clock.level === 'ok' ? '' : ' btn-primary'}`}
        data-testid="camera-set-clock"
        onClick={() => {
          setConfirming(true);
          setSwitchFromNtp(false);
          setError(null);
        }}
      >
        <Icon name="clock" size={13} />
        {t('clock.setButton')}
      </button>
    );
  return (
    <div
      className="clock-confirm"
      role="group"
      aria-label={t('clock.setTitle', { name: props.name })}
    >
      <strong>{t('clock.setTitle', { name: props.name })}</strong>
      <p>{t('clock.setBody', { now: formatClock(Date.now(), language), offset })}</p>
      {onNtp ? (
        <label className="check check-row">
          <input
            type="checkbox"
            data-testid="camera-set-clock-ntp"
            checked={switchFromNtp}
            onChange={(e) => setSwitchFromNtp(e.target.checked)}
          />
          {t('clock.setNtpQuestion')}
        </label>
      ) : null}
      {error ? <span className="form-error">{error}</span> : null}
      <div className="popover-actions">
        <button type="button" className="btn btn-small" onClick={() => setConfirming(false)}>
          {t('dialog.cancel')}
        </button>
        <button
          type="button"
          className="btn btn-small btn-primary"
          data-testid="camera-set-clock-confirm"
          disabled={busy || (onNtp && !switchFromNtp)}
          title={onNtp && !switchFromNtp ? t('clock.setNtpNeeded') : undefined}
          onClick={confirm}
        >
          {busy ? t('clock.setting') : t('clock.setConfirm')}
        </button>
      </div>
    </div>
  );
}
