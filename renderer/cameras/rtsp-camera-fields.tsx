// The fields of one camera by RTSP URL (adding or editing). A demo camera's stream is
// fixed: only its name, group and location change. Passwords are write-only: an existing
// one shows as "đã lưu", never its value.
import type { Dispatch, SetStateAction } from 'react';
import type { Camera } from '../../electron/contract/schemas';
import { useT } from '../i18n/use-t';
import type { RtspForm } from './camera-form';
import { textField, type InputOptions } from './camera-text-field';
import { FormField } from '../shell/form-field';

export function RtspCameraFields(props: {
  form: RtspForm;
  setForm: Dispatch<SetStateAction<RtspForm>>;
  camera: Camera | undefined;
  isDemo: boolean;
  err: (name: string) => string | undefined;
}) {
  const t = useT();
  const { form, setForm, camera, isDemo, err } = props;
  const setF = <K extends keyof RtspForm>(k: K, v: RtspForm[K]) =>
    setForm((f) => ({ ...f, [k]: v }));
  const text = (name: keyof RtspForm & string, label: string, opts: InputOptions) =>
    textField(name, label, opts, err(name), String(form[name]), (v) => setF(name, v as never));
  return (
    <div className="form-grid">
      {text('name', t('camera.name'), {
        testId: 'camera-name',
        placeholder: t('camera.namePlaceholder'),
      })}
      {text('group', t('camera.group'), {
        testId: 'camera-group',
        placeholder: t('camera.groupPlaceholder'),
        list: 'camera-groups',
      })}
      {text('location', t('camera.location'), {
        testId: 'camera-location',
        placeholder: t('camera.locationPlaceholder'),
        wide: true,
      })}
      {isDemo ? (
        <p className="form-note field-wide">{t('camera.demoReadonly')}</p>
      ) : (
        <>
          {text('mainUrl', t('camera.mainUrl'), {
            testId: 'camera-main-url',
            placeholder: t('camera.urlPlaceholder'),
            wide: true,
          })}
          {text('subUrl', t('camera.subUrl'), {
            testId: 'camera-sub-url',
            placeholder: 'rtsp://…/102',
            wide: true,
          })}
          {text('username', t('camera.username'), { testId: 'camera-username', auto: 'off' })}
          <FormField label={t('camera.password')} name="password" error={err('password')}>
            <input
              className="input"
              data-testid="camera-password"
              name="password"
              type="password"
              autoComplete="new-password"
              placeholder={
                camera?.hasPassword && !form.removePassword ? t('camera.passwordSaved') : ''
              }
              disabled={form.removePassword}
              value={form.password}
              onChange={(e) => setF('password', e.target.value)}
            />
            {camera?.hasPassword ? (
              <span className="check">
                <input
                  type="checkbox"
                  data-testid="camera-remove-password"
                  checked={form.removePassword}
                  onChange={(e) =>
                    setForm((f) => ({ ...f, removePassword: e.target.checked, password: '' }))
                  }
                />
                {t('camera.removePassword')}
              </span>
            ) : null}
          </FormField>
        </>
      )}
    </div>
  );
}
