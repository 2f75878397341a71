// The station's settings, which only a commander sees and changes (settings.updateStation):
// name, idle lock, incident range, ffmpeg; and stopping the station service.
import type { Settings } from '../../electron/contract/schemas';
import { useT } from '../i18n/use-t';
import { FormField } from '../shell/form-field';
import { NumberSetting } from './number-setting';

export interface StationFields {
  stationName: string;
  ffmpegPath: string;
  idleLock: string;
  before: string;
  after: string;
}

export const stationFieldsOf = (s: Settings): StationFields => ({
  stationName: s.stationName,
  ffmpegPath: s.ffmpegPath,
  idleLock: String(s.idleLockMinutes),
  before: String(s.incidentBeforeSec),
  after: String(s.incidentAfterSec),
});

export function StationSettingsFields(props: {
  form: StationFields;
  set: (patch: Partial<StationFields>) => void;
  err: (name: string) => string | undefined;
  /** The ffmpeg the service found on its own (null: none found; undefined: not yet known). */
  ffmpegFound: string | null | undefined;
  onStopService: () => void;
}) {
  const t = useT();
  const { form, set, err } = props;
  return (
    <div className="settings-section" data-testid="settings-station-section">
      <h3 className="settings-heading">{t('settings.stationSection')}</h3>
      <div className="form-grid form-grid-single">
        <FormField label={t('settings.stationName')} name="stationName" error={err('stationName')}>
          <input
            className="input"
            data-testid="settings-station-name"
            value={form.stationName}
            maxLength={120}
            placeholder={t('settings.stationNamePlaceholder')}
            onChange={(e) => set({ stationName: e.target.value })}
          />
        </FormField>
        <NumberSetting
          label={t('settings.idleLock')}
          name="idleLockMinutes"
          error={err('idleLockMinutes')}
          hint={t('settings.idleLockHint')}
          testId="settings-idle-lock"
          min={0}
          max={240}
          value={form.idleLock}
          onChange={(v) => set({ idleLock: v })}
        />
        <div className="field-pair">
          <NumberSetting
            label={t('settings.incidentBefore')}
            name="incidentBeforeSec"
            error={err('incidentBeforeSec')}
            testId="settings-incident-before"
            min={0}
            max={3600}
            value={form.before}
            onChange={(v) => set({ before: v })}
          />
          <NumberSetting
            label={t('settings.incidentAfter')}
            name="incidentAfterSec"
            error={err('incidentAfterSec')}
            testId="settings-incident-after"
            min={1}
            max={3600}
            value={form.after}
            onChange={(v) => set({ after: v })}
          />
        </div>
        <FormField
          label={t('settings.ffmpegPath')}
          name="ffmpegPath"
          error={err('ffmpegPath')}
          hint={
            props.ffmpegFound
              ? `${t('settings.ffmpegAuto')} (${props.ffmpegFound})`
              : t('settings.ffmpegAuto')
          }
        >
          <input
            className="input mono"
            data-testid="settings-ffmpeg-path"
            value={form.ffmpegPath}
            spellCheck={false}
            onChange={(e) => set({ ffmpegPath: e.target.value })}
          />
        </FormField>
        <div className="field">
          <span className="field-label">{t('service.section')}</span>
          <p className="form-note">{t('service.running')}</p>
          <button
            type="button"
            className="btn btn-danger"
            data-testid="settings-stop-service"
            onClick={props.onStopService}
          >
            {t('service.stop')}
          </button>
        </div>
      </div>
    </div>
  );
}
