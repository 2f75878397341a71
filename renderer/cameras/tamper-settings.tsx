// The camera dialog's picture alarm settings: per check on/off, threshold and hold; the
// reference pictures (day and night) and the commander's "Chụp lại ảnh chuẩn".
import { useEffect, useState } from 'react';
import type { PictureAlarmKind } from '../../electron/contract/camera-alarms';
import { tamperReferenceUrl } from '../../electron/contract/media-routes';
import type { TamperCheck, TamperSettings as Settings } from '../../electron/contract/tamper';
import { errorMessage } from '../api/api-error';
import { selectIsCommander } from '../auth/session-slice';
import { formatDateTime } from '../i18n/format-time';
import type { MessageKey } from '../i18n/translate';
import { useLanguage, useT } from '../i18n/use-t';
import { Icon } from '../shell/icons';
import { useStationState, useStationStore } from '../store/store-context';
import './tamper-settings.css';

const KINDS: readonly PictureAlarmKind[] = ['black', 'frozen', 'covered', 'scene'];
/** A GOP longer than this makes alarms slower than the 10 s the duty room expects. */
const LONG_GOP_MS = 4_000;

const clampPercent = (v: number) => Math.min(100, Math.max(0, Math.round(v)));

function CheckRow(props: {
  kind: PictureAlarmKind;
  check: TamperCheck;
  disabled: boolean;
  onChange: (check: TamperCheck) => void;
}) {
  const t = useT();
  const { kind, check, disabled, onChange } = props;
  return (
    <tr data-testid={`tamper-check-${kind}`}>
      <td>
        <label className="switch">
          <input
            type="checkbox"
            data-testid={`tamper-enabled-${kind}`}
            disabled={disabled}
            checked={check.enabled}
            onChange={(e) => onChange({ ...check, enabled: e.target.checked })}
          />
          <span className="switch-track" aria-hidden="true" />
          <span className="switch-text">{t(`tamper.kind.${kind}` as MessageKey)}</span>
        </label>
      </td>
      <td>
        <input
          className="input input-compact tamper-number"
          type="number"
          min={0}
          max={100}
          data-testid={`tamper-threshold-${kind}`}
          disabled={disabled || !check.enabled}
          title={t(`tamper.thresholdHint.${kind}` as MessageKey)}
          value={clampPercent(check.threshold * 100)}
          onChange={(e) =>
            onChange({ ...check, threshold: clampPercent(Number(e.target.value)) / 100 })
          }
        />
      </td>
      <td>
        <input
          className="input input-compact tamper-number"
          type="number"
          min={1}
          max={120}
          data-testid={`tamper-hold-${kind}`}
          disabled={disabled || !check.enabled}
          value={check.holdSeconds}
          onChange={(e) =>
            onChange({
              ...check,
              holdSeconds: Math.min(120, Math.max(1, Math.round(Number(e.target.value) || 1))),
            })
          }
        />
      </td>
      <td className="field-hint">{t(`tamper.thresholdHint.${kind}` as MessageKey)}</td>
    </tr>
  );
}

function References(props: { cameraId: string }) {
  const t = useT();
  const language = useLanguage();
  const store = useStationStore();
  const commander = useStationState(selectIsCommander);
  const state = useStationState((s) => s.tamperStates[props.cameraId]);
  const base = useStationState((s) => s.systemInfo?.mediaBaseUrl ?? null);
  const mediaToken = useStationState((s) => s.systemInfo?.mediaToken ?? null);
  const session = useStationState((s) => s.session?.token ?? null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refs = state?.references ?? [];
  const retake = () => {
    setBusy(true);
    setError(null);
    setNote(null);
    store
      .getState()
      .retakeReference(props.cameraId)
      .then((r) => setNote(t('tamper.retakeDone', { time: formatDateTime(r.takenAt, language) })))
      .catch((e: unknown) => setError(errorMessage(e, t)))
      .finally(() => setBusy(false));
  };
  return (
    <div className="tamper-refs">
      <div className="tamper-refs-head">
        <span className="field-label">{t('tamper.reference')}</span>
        {commander ? (
          <button
            type="button"
            className="btn btn-small"
            data-testid="tamper-retake"
            title={t('tamper.retakeHint')}
            disabled={busy}
            onClick={retake}
          >
            <Icon name="snapshot" size={13} />
            {t('tamper.retake')}
          </button>
        ) : null}
      </div>
      {refs.length === 0 ? <p className="field-hint">{t('tamper.referenceNone')}</p> : null}
      <div className="tamper-ref-list">
        {refs
          .filter((r) => !r.slot.startsWith('preset:'))
          .map((r) => (
            <figure key={r.slot} className="tamper-ref">
              {base && mediaToken ? (
                <img
                  data-testid="tamper-reference"
                  data-slot={r.slot}
                  alt={t('tamper.reference')}
                  width={160}
                  height={90}
                  src={tamperReferenceUrl(
                    { mediaBaseUrl: base, mediaToken, session },
                    props.cameraId,
                    r.slot,
                    r.takenAt,
                  )}
                />
              ) : null}
              <figcaption>
                <strong>{t(`tamper.slot.${r.slot}` as MessageKey)}</strong>
                <span>
                  {t(r.learned ? 'tamper.referenceLearned' : 'tamper.referenceTaken', {
                    time: formatDateTime(r.takenAt, language),
                  })}
                </span>
              </figcaption>
            </figure>
          ))}
      </div>
      {note ? <p className="field-hint">{note}</p> : null}
      {error ? <p className="form-error">{error}</p> : null}
    </div>
  );
}

export function TamperSettings(props: { cameraId: string }) {
  const t = useT();
  const store = useStationStore();
  const commander = useStationState(selectIsCommander);
  const state = useStationState((s) => s.tamperStates[props.cameraId]);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [loadError, setLoadError] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    store
      .getState()
      .loadTamperSettings(props.cameraId)
      .then((s) => live && setSettings(s))
      .catch(() => live && setLoadError(true));
    return () => {
      live = false;
    };
  }, [store, props.cameraId]);

  const change = (patch: Partial<Settings>) => {
    setSaved(false);
    setSettings((s) => (s ? { ...s, ...patch } : s));
  };
  const save = () => {
    if (!settings) return;
    setBusy(true);
    setError(null);
    store
      .getState()
      .saveTamperSettings(settings)
      .then((s) => {
        setSettings(s);
        setSaved(true);
      })
      .catch((e: unknown) => setError(errorMessage(e, t)))
      .finally(() => setBusy(false));
  };
  const locked = !commander || busy;

  return (
    <details className="tamper-settings" data-testid="tamper-settings">
      <summary className="tamper-summary">
        <Icon name="eye" size={14} />
        {t('tamper.title')}
        {state ? (
          <span className={`pill ${state.running ? 'pill-ok' : 'pill-muted'}`}>
            {t(state.running ? 'tamper.state.running' : 'tamper.state.stopped')}
          </span>
        ) : null}
        {state?.gopMs && state.gopMs > LONG_GOP_MS ? (
          <span className="pill pill-warn">
            {t('tamper.longGop', { seconds: Math.round(state.gopMs / 100) / 10 })}
          </span>
        ) : null}
      </summary>
      {loadError ? <p className="form-error">{t('tamper.loadFailed')}</p> : null}
      {settings ? (
        <>
          <label className="check check-row">
            <input
              type="checkbox"
              data-testid="tamper-enabled"
              disabled={locked}
              checked={settings.enabled}
              onChange={(e) => change({ enabled: e.target.checked })}
            />
            {t('tamper.enabled')}
          </label>
          <p className="field-hint">{t('tamper.enabledHint')}</p>
          <table className="data-table tamper-table">
            <thead>
              <tr>
                <th />
                <th>{t('tamper.threshold')}</th>
                <th>{t('tamper.hold')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {KINDS.map((kind) => (
                <CheckRow
                  key={kind}
                  kind={kind}
                  check={settings[kind]}
                  disabled={locked || !settings.enabled}
                  onChange={(check) => change({ [kind]: check })}
                />
              ))}
            </tbody>
          </table>
          {commander ? (
            <div className="tamper-actions">
              {saved ? <span className="field-hint">{t('tamper.saved')}</span> : null}
              <button
                type="button"
                className="btn btn-small btn-primary"
                data-testid="tamper-save"
                disabled={busy}
                onClick={save}
              >
                {t('tamper.save')}
              </button>
            </div>
          ) : (
            <p className="field-hint">{t('tamper.commanderOnly')}</p>
          )}
          {error ? <p className="form-error">{error}</p> : null}
        </>
      ) : null}
      <References cameraId={props.cameraId} />
    </details>
  );
}
