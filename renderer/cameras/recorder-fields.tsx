// The fields of a whole DVR/NVR: vendor, address, credentials, channel count (and the
// RTSP paths of an unbranded one); each channel becomes a camera.
import type { Dispatch, SetStateAction } from 'react';
import type { Vendor } from '../../electron/contract/schemas';
import { useT } from '../i18n/use-t';
import type { RecorderForm } from './camera-form';
import { textField, type InputOptions } from './camera-text-field';
import { FormField } from '../shell/form-field';

export function RecorderFields(props: {
  rec: RecorderForm;
  setRec: Dispatch<SetStateAction<RecorderForm>>;
  err: (name: string) => string | undefined;
}) {
  const t = useT();
  const { rec, setRec, err } = props;
  const setR = <K extends keyof RecorderForm>(k: K, v: RecorderForm[K]) =>
    setRec((f) => ({ ...f, [k]: v }));
  const recText = (name: keyof RecorderForm & string, label: string, opts: InputOptions) =>
    textField(name, label, opts, err(name), rec[name], (v) => setR(name, v as never));
  return (
    <div className="form-grid">
      <FormField label={t('camera.vendor')} name="vendor" error={err('vendor')}>
        <select
          className="select"
          data-testid="recorder-vendor"
          value={rec.vendor}
          onChange={(e) => setR('vendor', e.target.value as Vendor)}
        >
          <option value="hikvision">{t('camera.vendorHikvision')}</option>
          <option value="dahua">{t('camera.vendorDahua')}</option>
          <option value="generic">{t('camera.vendorGeneric')}</option>
        </select>
      </FormField>
      {recText('name', t('camera.recorderName'), {
        testId: 'recorder-name',
        placeholder: t('camera.recorderNamePlaceholder'),
      })}
      {recText('host', t('camera.host'), {
        testId: 'recorder-host',
        placeholder: t('camera.hostPlaceholder'),
      })}
      <div className="field-pair">
        {recText('port', t('camera.port'), { testId: 'recorder-port', type: 'number' })}
        {recText('channels', t('camera.channels'), {
          testId: 'recorder-channels',
          type: 'number',
        })}
      </div>
      {recText('username', t('camera.username'), { testId: 'recorder-username' })}
      <FormField label={t('camera.password')} name="password" error={err('password')}>
        <input
          className="input"
          data-testid="recorder-password"
          type="password"
          autoComplete="new-password"
          value={rec.password}
          onChange={(e) => setR('password', e.target.value)}
        />
      </FormField>
      {rec.vendor === 'generic' ? (
        <>
          {recText('mainPath', t('camera.mainPath'), {
            testId: 'recorder-main-path',
            placeholder: '/ch{ch2}/main',
          })}
          {recText('subPath', t('camera.subPath'), {
            testId: 'recorder-sub-path',
            placeholder: '/ch{ch2}/sub',
          })}
        </>
      ) : null}
      {recText('group', t('camera.group'), {
        testId: 'recorder-group',
        placeholder: t('camera.groupPlaceholder'),
        list: 'camera-groups',
      })}
      {recText('location', t('camera.location'), {
        testId: 'recorder-location',
        placeholder: t('camera.locationPlaceholder'),
      })}
      <p className="form-note field-wide">
        {t('camera.recorderHint', { name: rec.name.trim() || t('camera.recorderName') })}
      </p>
    </div>
  );
}
