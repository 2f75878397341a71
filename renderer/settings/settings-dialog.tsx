// Settings in two parts: the console's own (language, tour, alert sound), which
// any officer may change, and the station's (name, ffmpeg, idle lock, incident
// range), which only a commander sees and changes (settings.updateStation).
import { useState, type FormEvent } from 'react';
import {
  SettingsUpdate,
  StationSettingsUpdate,
  type Language,
  type Settings,
} from '../../electron/contract/schemas';
import { zodIssuesToFields } from '../../electron/contract/errors';
import { errorMessage, fieldMessage, toUiError } from '../api/api-error';
import { FormField } from '../shell/form-field';
import { useT } from '../i18n/use-t';
import { DialogActions } from '../shell/dialog-actions';
import { FormError } from '../shell/form-error';
import { Modal } from '../shell/modal';
import { selectIsCommander } from '../auth/session-slice';
import { useStationState, useStationStore } from '../store/store-context';

function changed(patch: Partial<Settings>, current: Settings): boolean {
  return (Object.keys(patch) as (keyof Settings)[]).some((k) => patch[k] !== current[k]);
}

export function SettingsDialog() {
  const t = useT();
  const store = useStationStore();
  const settings = useStationState((s) => s.settings);
  const info = useStationState((s) => s.systemInfo);
  const commander = useStationState(selectIsCommander);
  const [language, setLanguage] = useState<Language>(settings.language);
  const [stationName, setStationName] = useState(settings.stationName);
  const [tour, setTour] = useState(String(settings.tourIntervalSec));
  const [muted, setMuted] = useState(settings.alertMuted);
  const [ffmpegPath, setFfmpegPath] = useState(settings.ffmpegPath);
  const [idleLock, setIdleLock] = useState(String(settings.idleLockMinutes));
  const [before, setBefore] = useState(String(settings.incidentBeforeSec));
  const [after, setAfter] = useState(String(settings.incidentAfterSec));
  const [fields, setFields] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => store.getState().openDialog(null);
  const err = (k: string) => (fields[k] ? fieldMessage(fields[k], t) : undefined);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const own = SettingsUpdate.safeParse({
      language,
      tourIntervalSec: Number(tour),
      alertMuted: muted,
    });
    const station = commander
      ? StationSettingsUpdate.safeParse({
          stationName,
          ffmpegPath: ffmpegPath.trim(),
          idleLockMinutes: Number(idleLock),
          incidentBeforeSec: Number(before),
          incidentAfterSec: Number(after),
        })
      : null;
    const issues = {
      ...(own.success ? {} : zodIssuesToFields(own.error)),
      ...(station && !station.success ? zodIssuesToFields(station.error) : {}),
    };
    setFields(issues);
    if (!own.success || (station && !station.success)) return;
    setBusy(true);
    setFormError(null);
    try {
      // Each change is audited: send a part only when something in it changed.
      if (changed(own.data, settings)) await store.getState().updateSettings(own.data);
      if (station?.success && changed(station.data, settings))
        await store.getState().updateStationSettings(station.data);
      store
        .getState()
        .pushToast({ kind: 'success', key: 'toast.settingsSaved', params: {}, at: null });
      close();
    } catch (e2) {
      setFields(toUiError(e2).fields);
      setFormError(errorMessage(e2, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={t('settings.title')} testId="settings-dialog" onClose={close} wide={commander}>
      <form className="dialog-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className={commander ? 'settings-columns' : undefined}>
          <div className="settings-section">
            <h3 className="settings-heading">{t('settings.consoleSection')}</h3>
            <div className="form-grid form-grid-single">
              <FormField label={t('settings.language')} name="language" error={err('language')}>
                <select
                  className="select"
                  data-testid="settings-language"
                  value={language}
                  onChange={(e) => setLanguage(e.target.value as Language)}
                >
                  <option value="vi">{t('settings.languageVi')}</option>
                  <option value="en">{t('settings.languageEn')}</option>
                </select>
              </FormField>
              <FormField
                label={t('settings.tourInterval')}
                name="tourIntervalSec"
                error={err('tourIntervalSec')}
              >
                <input
                  className="input"
                  data-testid="settings-tour-interval"
                  type="number"
                  min={3}
                  max={600}
                  value={tour}
                  onChange={(e) => setTour(e.target.value)}
                />
              </FormField>
              <label className="check check-row">
                <input
                  type="checkbox"
                  data-testid="settings-alert-muted"
                  checked={muted}
                  onChange={(e) => setMuted(e.target.checked)}
                />
                {t('settings.alertMuted')}
              </label>
              {!commander ? (
                <p className="form-note" data-testid="settings-station-note">
                  {t('settings.stationByCommander')}
                </p>
              ) : null}
            </div>
          </div>
          {commander ? (
            <div className="settings-section" data-testid="settings-station-section">
              <h3 className="settings-heading">{t('settings.stationSection')}</h3>
              <div className="form-grid form-grid-single">
                <FormField
                  label={t('settings.stationName')}
                  name="stationName"
                  error={err('stationName')}
                >
                  <input
                    className="input"
                    data-testid="settings-station-name"
                    value={stationName}
                    maxLength={120}
                    placeholder={t('settings.stationNamePlaceholder')}
                    onChange={(e) => setStationName(e.target.value)}
                  />
                </FormField>
                <FormField
                  label={t('settings.idleLock')}
                  name="idleLockMinutes"
                  error={err('idleLockMinutes')}
                  hint={t('settings.idleLockHint')}
                >
                  <input
                    className="input"
                    data-testid="settings-idle-lock"
                    type="number"
                    min={0}
                    max={240}
                    value={idleLock}
                    onChange={(e) => setIdleLock(e.target.value)}
                  />
                </FormField>
                <div className="field-pair">
                  <FormField
                    label={t('settings.incidentBefore')}
                    name="incidentBeforeSec"
                    error={err('incidentBeforeSec')}
                  >
                    <input
                      className="input"
                      data-testid="settings-incident-before"
                      type="number"
                      min={0}
                      max={3600}
                      value={before}
                      onChange={(e) => setBefore(e.target.value)}
                    />
                  </FormField>
                  <FormField
                    label={t('settings.incidentAfter')}
                    name="incidentAfterSec"
                    error={err('incidentAfterSec')}
                  >
                    <input
                      className="input"
                      data-testid="settings-incident-after"
                      type="number"
                      min={1}
                      max={3600}
                      value={after}
                      onChange={(e) => setAfter(e.target.value)}
                    />
                  </FormField>
                </div>
                <FormField
                  label={t('settings.ffmpegPath')}
                  name="ffmpegPath"
                  error={err('ffmpegPath')}
                  hint={
                    info?.ffmpegPath
                      ? `${t('settings.ffmpegAuto')} (${info.ffmpegPath})`
                      : t('settings.ffmpegAuto')
                  }
                >
                  <input
                    className="input mono"
                    data-testid="settings-ffmpeg-path"
                    value={ffmpegPath}
                    spellCheck={false}
                    onChange={(e) => setFfmpegPath(e.target.value)}
                  />
                </FormField>
                <div className="field">
                  <span className="field-label">{t('service.section')}</span>
                  <p className="form-note">{t('service.running')}</p>
                  <button
                    type="button"
                    className="btn btn-danger"
                    data-testid="settings-stop-service"
                    onClick={() => store.getState().openDialog({ type: 'stopService' })}
                  >
                    {t('service.stop')}
                  </button>
                </div>
              </div>
            </div>
          ) : null}
        </div>
        {info ? (
          <dl className="about">
            <dt>{t('settings.dataDir')}</dt>
            <dd className="mono">{info.dataDir}</dd>
            <dt>{t('settings.version')}</dt>
            <dd>{info.version}</dd>
          </dl>
        ) : null}
        <FormError error={formError} />
        <DialogActions
          onCancel={close}
          submitTestId="settings-save"
          submitDisabled={busy}
          submitLabel={busy ? t('dialog.saving') : t('dialog.save')}
        />
      </form>
    </Modal>
  );
}
