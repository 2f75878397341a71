// Add a camera by RTSP URL or a whole DVR/NVR; edit or delete an existing one.
// Passwords are write-only: an existing one shows as "đã lưu", never its value.
import { useMemo, useState, type FormEvent } from 'react';
import { zodIssuesToFields } from '../../electron/contract/errors';
import {
  CameraInput,
  RecorderInput,
  type Camera,
  type ProbeRequest,
  type ProbeResult,
  type Vendor,
} from '../../electron/contract/schemas';
import { errorMessage, fieldMessage, toUiError } from '../api/api-error';
import { useT } from '../i18n/use-t';
import { Icon } from '../shell/icons';
import { Modal } from '../shell/modal';
import { useApi, useStationState, useStationStore } from '../store/store-context';
import { FormField } from './form-field';
import { recorderChannelUrls } from '../../electron/contract/camera-urls';
import { hostOf, probeMessage } from './probe-message';
import { FormError } from '../shell/form-error';

type Tab = 'rtsp' | 'recorder';

interface RtspForm {
  name: string;
  location: string;
  group: string;
  mainUrl: string;
  subUrl: string;
  username: string;
  password: string;
  removePassword: boolean;
}

interface RecorderForm {
  vendor: Vendor;
  host: string;
  port: string;
  username: string;
  password: string;
  channels: string;
  mainPath: string;
  subPath: string;
  name: string;
  location: string;
  group: string;
}

interface InputOptions {
  placeholder?: string;
  testId: string;
  list?: string;
  type?: string;
  wide?: boolean;
  auto?: string;
}

type TestState =
  { phase: 'idle' } | { phase: 'running' } | { phase: 'done'; ok: boolean; text: string };

function rtspFormOf(camera: Camera | undefined): RtspForm {
  return {
    name: camera?.name ?? '',
    location: camera?.location ?? '',
    group: camera?.group ?? '',
    mainUrl: camera?.source === 'rtsp' ? camera.mainUrl : '',
    subUrl: camera?.source === 'rtsp' ? (camera.subUrl ?? '') : '',
    username: camera?.username ?? '',
    password: '',
    removePassword: false,
  };
}

const emptyRecorder: RecorderForm = {
  vendor: 'hikvision',
  host: '',
  port: '554',
  username: 'admin',
  password: '',
  channels: '4',
  mainPath: '',
  subPath: '',
  name: '',
  location: '',
  group: '',
};

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

export function CameraDialog(props: { cameraId: string | null }) {
  const t = useT();
  const api = useApi();
  const store = useStationStore();
  const cameras = useStationState((s) => s.cameras);
  const camera = props.cameraId ? cameras.find((c) => c.id === props.cameraId) : undefined;
  const editing = Boolean(camera);
  const isDemo = camera?.source === 'demo';
  const groups = useMemo(
    () => [...new Set(cameras.map((c) => c.group).filter(Boolean))].sort(),
    [cameras],
  );

  const [tab, setTab] = useState<Tab>('rtsp');
  const [form, setForm] = useState<RtspForm>(() => rtspFormOf(camera));
  const [rec, setRec] = useState<RecorderForm>(emptyRecorder);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [test, setTest] = useState<TestState>({ phase: 'idle' });
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const close = () => store.getState().openDialog(null);
  const setF = <K extends keyof RtspForm>(k: K, v: RtspForm[K]) =>
    setForm((f) => ({ ...f, [k]: v }));
  const setR = <K extends keyof RecorderForm>(k: K, v: RecorderForm[K]) =>
    setRec((f) => ({ ...f, [k]: v }));
  const err = (name: string) => (fields[name] ? fieldMessage(fields[name], t) : undefined);

  const rtspInput = () => ({
    name: form.name,
    location: form.location,
    group: form.group,
    mainUrl: form.mainUrl,
    subUrl: orNull(form.subUrl),
    username: orNull(form.username),
    password: form.password === '' ? null : form.password,
  });

  const recorderInput = () => ({
    vendor: rec.vendor,
    host: rec.host,
    port: Number(rec.port),
    username: orNull(rec.username),
    password: rec.password === '' ? null : rec.password,
    channels: Number(rec.channels),
    // Custom paths only for unbranded recorders; empty = the core's default pattern.
    ...(rec.vendor === 'generic' && rec.mainPath.trim() ? { mainPath: rec.mainPath.trim() } : {}),
    ...(rec.vendor === 'generic' && rec.subPath.trim() ? { subPath: rec.subPath.trim() } : {}),
    name: rec.name,
    location: rec.location,
    group: rec.group,
  });

  /** Same zod schemas as main, so most mistakes show before a round trip. */
  const validate = (): boolean => {
    let result;
    if (tab === 'recorder' && !editing) result = RecorderInput.safeParse(recorderInput());
    else if (isDemo)
      result = CameraInput.pick({ name: true, location: true, group: true }).safeParse(rtspInput());
    else result = CameraInput.safeParse(rtspInput());
    if (result.success) {
      setFields({});
      return true;
    }
    setFields(zodIssuesToFields(result.error));
    return false;
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    if (!validate()) return;
    setBusy(true);
    try {
      const s = store.getState();
      if (tab === 'recorder' && !editing) {
        const added = await s.addRecorder(recorderInput());
        s.pushToast({
          kind: 'success',
          key: 'toast.camerasAdded',
          params: { n: added.length },
          at: null,
        });
      } else if (camera) {
        const base = { id: camera.id, name: form.name, location: form.location, group: form.group };
        const saved = await s.updateCamera(
          isDemo
            ? base
            : {
                ...base,
                mainUrl: form.mainUrl,
                subUrl: orNull(form.subUrl),
                username: orNull(form.username),
                // Empty keeps the stored password; it is never sent back to us.
                ...(form.removePassword
                  ? { password: null }
                  : form.password
                    ? { password: form.password }
                    : {}),
              },
        );
        s.pushToast({
          kind: 'success',
          key: 'toast.cameraSaved',
          params: { name: saved.name },
          at: null,
        });
      } else {
        const saved = await s.addCamera(rtspInput());
        s.pushToast({
          kind: 'success',
          key: 'toast.cameraSaved',
          params: { name: saved.name },
          at: null,
        });
      }
      close();
    } catch (e2) {
      const ui = toUiError(e2);
      setFields(ui.fields);
      setFormError(errorMessage(e2, t));
    } finally {
      setBusy(false);
    }
  };

  const runTest = async () => {
    let request: ProbeRequest;
    let host: string;
    if (tab === 'recorder' && !editing) {
      const r = RecorderInput.safeParse(recorderInput());
      if (!r.success) {
        setFields(zodIssuesToFields(r.error));
        return;
      }
      const custom =
        rec.vendor === 'generic' && rec.mainPath.trim() ? { main: rec.mainPath.trim() } : undefined;
      const url = recorderChannelUrls(
        rec.vendor,
        rec.host.trim(),
        Number(rec.port),
        1,
        custom,
      ).main;
      request = { url, username: orNull(rec.username), password: rec.password || null };
      host = `${rec.host.trim()}:${rec.port}`;
    } else if (camera && (isDemo || (!form.password && form.mainUrl.trim() === camera.mainUrl))) {
      request = { cameraId: camera.id, stream: 'main' };
      host = hostOf(camera.mainUrl);
    } else {
      const r = CameraInput.safeParse(rtspInput());
      if (!r.success) {
        setFields(zodIssuesToFields(r.error));
        return;
      }
      request = {
        url: form.mainUrl.trim(),
        username: orNull(form.username),
        password: form.password || null,
      };
      host = hostOf(form.mainUrl);
    }
    setFields({});
    setTest({ phase: 'running' });
    try {
      const result: ProbeResult = await api.cameras.test(request);
      setTest({ phase: 'done', ok: result.ok, text: probeMessage(result, host, t) });
    } catch (e) {
      setTest({ phase: 'done', ok: false, text: errorMessage(e, t) });
    }
  };

  const onDelete = async () => {
    if (!camera) return;
    if (!confirmDelete) {
      setConfirmDelete(true);
      return;
    }
    setBusy(true);
    try {
      await store.getState().removeCamera(camera.id);
      store.getState().pushToast({
        kind: 'info',
        key: 'toast.cameraDeleted',
        params: { name: camera.name },
        at: null,
      });
      close();
    } catch (e) {
      setFormError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };

  // One text input for both tabs; `text` and `recText` bind it to their form.
  const inputField = (
    name: string,
    label: string,
    opts: InputOptions,
    value: string,
    onChange: (value: string) => void,
  ) => (
    <FormField label={label} name={name} error={err(name)} wide={opts.wide}>
      <input
        className="input"
        data-testid={opts.testId}
        name={name}
        type={opts.type ?? 'text'}
        list={opts.list}
        placeholder={opts.placeholder}
        autoComplete={opts.auto ?? 'off'}
        spellCheck={false}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </FormField>
  );
  const text = (name: keyof RtspForm & string, label: string, opts: InputOptions) =>
    inputField(name, label, opts, String(form[name]), (v) => setF(name, v as never));
  const recText = (name: keyof RecorderForm & string, label: string, opts: InputOptions) =>
    inputField(name, label, opts, rec[name], (v) => setR(name, v as never));

  return (
    <Modal
      title={editing ? t('camera.editTitle') : t('camera.addTitle')}
      testId="camera-dialog"
      onClose={close}
      wide
    >
      <form className="dialog-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        {!editing ? (
          <div className="tabs" role="tablist">
            {(['rtsp', 'recorder'] as const).map((k) => (
              <button
                key={k}
                type="button"
                role="tab"
                aria-selected={tab === k}
                className={`tab${tab === k ? ' tab-active' : ''}`}
                data-testid={`tab-${k}`}
                onClick={() => {
                  setTab(k);
                  setFields({});
                  setTest({ phase: 'idle' });
                }}
              >
                {k === 'rtsp' ? t('camera.tabRtsp') : t('camera.tabRecorder')}
              </button>
            ))}
          </div>
        ) : null}
        <datalist id="camera-groups">
          {groups.map((g) => (
            <option key={g} value={g} />
          ))}
        </datalist>

        {tab === 'rtsp' || editing ? (
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
        ) : (
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
        )}

        <div className="test-row">
          <button
            type="button"
            className="btn"
            data-testid="camera-test"
            disabled={test.phase === 'running'}
            onClick={() => void runTest()}
          >
            <Icon name="check" size={14} />
            {test.phase === 'running'
              ? t('camera.testing')
              : tab === 'recorder' && !editing
                ? t('camera.testChannel')
                : t('camera.test')}
          </button>
          {test.phase === 'done' ? (
            <div
              className={`test-result ${test.ok ? 'test-ok' : 'test-fail'}`}
              data-testid="camera-test-result"
              data-ok={test.ok}
              role="status"
            >
              <Icon name={test.ok ? 'check' : 'alert'} size={14} />
              <span>{test.text}</span>
            </div>
          ) : null}
        </div>

        <FormError error={formError} testId="camera-form-error" />

        <div className="dialog-actions">
          {camera ? (
            <button
              type="button"
              className={`btn btn-danger${confirmDelete ? ' btn-danger-armed' : ''}`}
              data-testid="camera-delete"
              disabled={busy}
              onClick={() => void onDelete()}
            >
              <Icon name="trash" size={14} />
              {confirmDelete ? t('dialog.confirmDelete') : t('camera.delete')}
            </button>
          ) : null}
          <div className="top-spacer" />
          <button type="button" className="btn" onClick={close} data-testid="camera-cancel">
            {t('dialog.cancel')}
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            data-testid="camera-save"
            disabled={busy}
          >
            {busy ? t('dialog.saving') : t('dialog.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
