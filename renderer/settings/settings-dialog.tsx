// Settings in two parts: the console's own (language, tour, alert sound), which
// any officer may change, and the station's (name, ffmpeg, idle lock, incident
// range), which only a commander sees and changes (settings.updateStation).
import { useState, type FormEvent } from 'react';
import {
  SettingsUpdate,
  StationSettingsUpdate,
  type Settings,
} from '../../electron/contract/schemas';
import { zodIssuesToFields } from '../../electron/contract/errors';
import { errorMessage, fieldMessage, toUiError } from '../api/api-error';
import { useT } from '../i18n/use-t';
import { DialogActions } from '../shell/dialog-actions';
import { FormError } from '../shell/form-error';
import { Modal } from '../shell/modal';
import { selectIsCommander } from '../auth/session-slice';
import { useStationState, useStationStore } from '../store/store-context';
import { ConsoleSettingsFields, consoleFieldsOf } from './console-settings-fields';
import { StationSettingsFields, stationFieldsOf } from './station-settings-fields';
import { DistrictSection } from '../district/district-section';

function changed(patch: Partial<Settings>, current: Settings): boolean {
  return (Object.keys(patch) as (keyof Settings)[]).some((k) => patch[k] !== current[k]);
}

export function SettingsDialog() {
  const t = useT();
  const store = useStationStore();
  const settings = useStationState((s) => s.settings);
  const info = useStationState((s) => s.systemInfo);
  const commander = useStationState(selectIsCommander);
  const [own, setOwn] = useState(() => consoleFieldsOf(settings));
  const [station, setStation] = useState(() => stationFieldsOf(settings));
  const [fields, setFields] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => store.getState().openDialog(null);
  const err = (k: string) => (fields[k] ? fieldMessage(fields[k], t) : undefined);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const ownPatch = SettingsUpdate.safeParse({
      language: own.language,
      tourIntervalSec: Number(own.tour),
      alertMuted: own.muted,
    });
    const stationPatch = commander
      ? StationSettingsUpdate.safeParse({
          stationName: station.stationName,
          ffmpegPath: station.ffmpegPath.trim(),
          idleLockMinutes: Number(station.idleLock),
          incidentBeforeSec: Number(station.before),
          incidentAfterSec: Number(station.after),
        })
      : null;
    const issues = {
      ...(ownPatch.success ? {} : zodIssuesToFields(ownPatch.error)),
      ...(stationPatch && !stationPatch.success ? zodIssuesToFields(stationPatch.error) : {}),
    };
    setFields(issues);
    if (!ownPatch.success || (stationPatch && !stationPatch.success)) return;
    setBusy(true);
    setFormError(null);
    try {
      // Each change is audited: send a part only when something in it changed.
      if (changed(ownPatch.data, settings)) await store.getState().updateSettings(ownPatch.data);
      if (stationPatch?.success && changed(stationPatch.data, settings))
        await store.getState().updateStationSettings(stationPatch.data);
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
          <ConsoleSettingsFields
            form={own}
            set={(patch) => setOwn((f) => ({ ...f, ...patch }))}
            err={err}
            commander={commander}
          />
          {commander ? (
            <StationSettingsFields
              form={station}
              set={(patch) => setStation((f) => ({ ...f, ...patch }))}
              err={err}
              ffmpegFound={info?.ffmpegPath}
              onStopService={() => store.getState().openDialog({ type: 'stopService' })}
            />
          ) : null}
        </div>
        <DistrictSection />
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
