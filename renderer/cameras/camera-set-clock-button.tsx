// The commander's "Chỉnh giờ theo máy trạm": a confirm that says what happens (and asks
// before turning the camera's NTP off), then camera.setClock; main audits it.
import { useEffect, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { errorMessage, errorReason } from '../api/api-error';
import { selectIsCommander } from '../auth/session-slice';
import { formatClock } from '../i18n/format-time';
import { useLanguage, useT } from '../i18n/use-t';
import { Icon } from '../shell/icons';
import { Modal } from '../shell/modal';
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

  const cancel = () => setConfirming(false);
  return (
    <>
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
      {confirming
        ? createPortal(
            <ConfirmEscape onEscape={cancel}>
              <Modal
                title={t('clock.setTitle', { name: props.name })}
                testId="camera-set-clock-dialog"
                onClose={cancel}
              >
                <div className="clock-confirm">
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
                  {onNtp && !switchFromNtp ? (
                    <p className="field-hint">{t('clock.setNtpNeeded')}</p>
                  ) : null}
                  {error ? <p className="form-error">{error}</p> : null}
                  <div className="dialog-actions">
                    <div className="top-spacer" />
                    <button type="button" className="btn" onClick={cancel}>
                      {t('dialog.cancel')}
                    </button>
                    <button
                      type="button"
                      className="btn btn-primary"
                      data-testid="camera-set-clock-confirm"
                      disabled={busy || (onNtp && !switchFromNtp)}
                      onClick={confirm}
                    >
                      <Icon name="clock" size={14} />
                      {busy ? t('clock.setting') : t('clock.setConfirm')}
                    </button>
                  </div>
                </div>
              </Modal>
            </ConfirmEscape>,
            document.body,
          )
        : null}
    </>
  );
}

/** Escape closes this confirm only, not the panel under it (whose Modal listens on window too). */
function ConfirmEscape(props: { onEscape: () => void; children: ReactNode }) {
  const { onEscape } = props;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      onEscape();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onEscape]);
  return <>{props.children}</>;
}
