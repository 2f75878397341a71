// The console's own settings, which any officer may change: language, tour interval,
// alert sound. (The station's are a commander's: see station-settings-fields.tsx.)
import type { Language, Settings } from '../../electron/contract/schemas';
import { useT } from '../i18n/use-t';
import { FormField } from '../shell/form-field';
import { NumberSetting } from './number-setting';

export interface ConsoleFields {
  language: Language;
  tour: string;
  muted: boolean;
}

export const consoleFieldsOf = (s: Settings): ConsoleFields => ({
  language: s.language,
  tour: String(s.tourIntervalSec),
  muted: s.alertMuted,
});

export function ConsoleSettingsFields(props: {
  form: ConsoleFields;
  set: (patch: Partial<ConsoleFields>) => void;
  err: (name: string) => string | undefined;
  /** A commander sees the station's section beside; others are told who changes it. */
  commander: boolean;
}) {
  const t = useT();
  const { form, set, err } = props;
  return (
    <div className="settings-section">
      <h3 className="settings-heading">{t('settings.consoleSection')}</h3>
      <div className="form-grid form-grid-single">
        <FormField label={t('settings.language')} name="language" error={err('language')}>
          <select
            className="select"
            data-testid="settings-language"
            value={form.language}
            onChange={(e) => set({ language: e.target.value as Language })}
          >
            <option value="vi">{t('settings.languageVi')}</option>
            <option value="en">{t('settings.languageEn')}</option>
          </select>
        </FormField>
        <NumberSetting
          label={t('settings.tourInterval')}
          name="tourIntervalSec"
          error={err('tourIntervalSec')}
          testId="settings-tour-interval"
          min={3}
          max={600}
          value={form.tour}
          onChange={(v) => set({ tour: v })}
        />
        <label className="check check-row">
          <input
            type="checkbox"
            data-testid="settings-alert-muted"
            checked={form.muted}
            onChange={(e) => set({ muted: e.target.checked })}
          />
          {t('settings.alertMuted')}
        </label>
        {!props.commander ? (
          <p className="form-note" data-testid="settings-station-note">
            {t('settings.stationByCommander')}
          </p>
        ) : null}
      </div>
    </div>
  );
}
