import { useState, type FormEvent } from 'react';
import { SettingsUpdate, type Language } from '../../electron/contract/schemas';
import { zodIssuesToFields } from '../../electron/contract/errors';
import { errorMessage, fieldMessage, toUiError } from '../api/api-error';
import { FormField } from '../cameras/form-field';
import { useT } from '../i18n/use-t';
import { Modal } from '../shell/modal';
import { useStationState, useStationStore } from '../store/store-context';

export function SettingsDialog() {
  const t = useT();
  const store = useStationStore();
  const settings = useStationState((s) => s.settings);
  const info = useStationState((s) => s.systemInfo);
  const [language, setLanguage] = useState<Language>(settings.language);
  const [stationName, setStationName] = useState(settings.stationName);
  const [tour, setTour] = useState(String(settings.tourIntervalSec));
  const [muted, setMuted] = useState(settings.alertMuted);
  const [ffmpegPath, setFfmpegPath] = useState(settings.ffmpegPath);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => store.getState().openDialog(null);
  const err = (k: string) => (fields[k] ? fieldMessage(fields[k], t) : undefined);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const patch = {
      language,
      stationName,
      tourIntervalSec: Number(tour),
      alertMuted: muted,
      ffmpegPath: ffmpegPath.trim(),
    };
    const parsed = SettingsUpdate.safeParse(patch);
    if (!parsed.success) {
      setFields(zodIssuesToFields(parsed.error));
      return;
    }
    setBusy(true);
    setFormError(null);
    try {
      await store.getState().updateSettings(parsed.data);
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
    <Modal title={t('settings.title')} testId="settings-dialog" onClose={close}>
      <form className="dialog-form" onSubmit={(e) => void onSubmit(e)} noValidate>
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
          {info ? (
            <dl className="about">
              <dt>{t('settings.dataDir')}</dt>
              <dd className="mono">{info.dataDir}</dd>
              <dt>{t('settings.version')}</dt>
              <dd>{info.version}</dd>
            </dl>
          ) : null}
        </div>
        {formError ? (
          <div className="form-error" role="alert">
            {formError}
          </div>
        ) : null}
        <div className="dialog-actions">
          <div className="top-spacer" />
          <button type="button" className="btn" onClick={close}>
            {t('dialog.cancel')}
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            data-testid="settings-save"
            disabled={busy}
          >
            {busy ? t('dialog.saving') : t('dialog.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
