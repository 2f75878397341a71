// Add a camera by RTSP URL or a whole DVR/NVR; edit or delete an existing one.
// Passwords are write-only: an existing one shows as "đã lưu", never its value.
import { useMemo, useState, type FormEvent } from 'react';
import type { ProbeResult } from '../../electron/contract/schemas';
import { errorMessage, fieldMessage, toUiError } from '../api/api-error';
import { useT } from '../i18n/use-t';
import { Icon } from '../shell/icons';
import { Modal } from '../shell/modal';
import { useApi, useStationState, useStationStore } from '../store/store-context';
import { probeMessage } from './probe-message';
import { FormError } from '../shell/form-error';
import { DialogActions } from '../shell/dialog-actions';
import { TamperSettings } from './tamper-settings';
import {
  cameraUpdateOf,
  emptyRecorder,
  formIssuesOf,
  probeTargetOf,
  recorderInputOf,
  rtspFormOf,
  rtspInputOf,
  type RecorderForm,
  type RtspForm,
  type Tab,
} from './camera-form';
import { CameraTestRow, type TestState } from './camera-test-row';
import { connectionKeyOf, isStale, saveCheckOf } from './save-check';
import { RecorderFields } from './recorder-fields';
import { RtspCameraFields } from './rtsp-camera-fields';

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
  // What the officer was asked before "Vẫn lưu" (with the fields it was about).
  const [askedSave, setAskedSave] = useState<string | null>(null);
  const [unchangedKey] = useState(() =>
    camera ? connectionKeyOf(false, rtspFormOf(camera), emptyRecorder) : null,
  );

  const close = () => store.getState().openDialog(null);
  const err = (name: string) => (fields[name] ? fieldMessage(fields[name], t) : undefined);

  const addingRecorder = tab === 'recorder' && !editing;
  const connectionKey = connectionKeyOf(addingRecorder, form, rec);
  const saveCheck = saveCheckOf(test, connectionKey, unchangedKey);
  const saveQuestion = saveCheck.confirm
    ? t(saveCheck.confirm.key, saveCheck.confirm.params)
    : null;
  const saveQuestionId = saveQuestion === null ? null : `${connectionKey}\n${saveQuestion}`;
  const askingSave = saveQuestionId !== null && askedSave === saveQuestionId;
  const untested = saveCheck.confirm === null && saveCheck.untested;
  // Saved without a test: a warning, so the officer looks at the new tile for a picture.
  const savedKind = untested ? 'warning' : 'success';

  const validate = (): boolean => {
    const issues = formIssuesOf(addingRecorder, isDemo, form, rec);
    setFields(issues ?? {});
    return issues === null;
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    if (!validate()) return;
    // A failed or outdated test is said once, in the dialog; the second press saves.
    if (saveQuestionId !== null && !askingSave) {
      setAskedSave(saveQuestionId);
      return;
    }
    setBusy(true);
    try {
      const s = store.getState();
      if (addingRecorder) {
        const added = await s.addRecorder(recorderInputOf(rec));
        s.pushToast({
          kind: savedKind,
          key: untested ? 'toast.camerasAddedUntested' : 'toast.camerasAdded',
          params: { n: added.length },
          at: null,
        });
      } else if (camera) {
        const saved = await s.updateCamera(cameraUpdateOf(camera, isDemo, form));
        s.pushToast({
          kind: savedKind,
          key: untested ? 'toast.cameraSavedUntested' : 'toast.cameraSaved',
          params: { name: saved.name },
          at: null,
        });
      } else {
        const saved = await s.addCamera(rtspInputOf(form));
        s.pushToast({
          kind: savedKind,
          key: untested ? 'toast.cameraSavedUntested' : 'toast.cameraSaved',
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
    const target = probeTargetOf(addingRecorder, rec, form, camera, isDemo);
    if ('fields' in target) {
      setFields(target.fields);
      return;
    }
    const { request, host } = target;
    const tested = connectionKey;
    setFields({});
    setTest({ phase: 'running' });
    try {
      const result: ProbeResult = await api.cameras.test(request);
      setTest({ phase: 'done', ok: result.ok, text: probeMessage(result, host, t), key: tested });
    } catch (e) {
      setTest({ phase: 'done', ok: false, text: errorMessage(e, t), key: tested });
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
          <RtspCameraFields
            form={form}
            setForm={setForm}
            camera={camera}
            isDemo={isDemo}
            err={err}
          />
        ) : (
          <RecorderFields rec={rec} setRec={setRec} err={err} />
        )}

        <CameraTestRow
          test={test}
          channel={addingRecorder}
          stale={isStale(test, connectionKey)}
          onRun={() => void runTest()}
        />

        {askingSave ? (
          <p className="danger-note save-question" role="alert" data-testid="camera-save-question">
            {saveQuestion}
          </p>
        ) : null}

        <FormError error={formError} testId="camera-form-error" />

        <DialogActions
          leading={
            camera ? (
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
            ) : null
          }
          onCancel={close}
          cancelTestId="camera-cancel"
          submitTestId="camera-save"
          submitDisabled={busy}
          {...(askingSave ? { submitClassName: 'btn btn-danger btn-danger-armed' } : {})}
          submitLabel={
            busy ? t('dialog.saving') : askingSave ? t('camera.saveAnyway') : t('dialog.save')
          }
        />
      </form>
      {camera ? <TamperSettings cameraId={camera.id} /> : null}
    </Modal>
  );
}
