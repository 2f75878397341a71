// A commander stops the station service: recording stops with it. The dialog says
// so plainly, asks for the reason the audit log keeps and an explicit confirmation,
// and sends both in the request (system.stopService validates them again).
import { useState, type FormEvent } from 'react';
import { StopServiceInput } from '../../electron/contract/schemas';
import { zodIssuesToFields } from '../../electron/contract/errors';
import { errorMessage, fieldMessage, toUiError } from '../api/api-error';
import { FormField } from '../shell/form-field';
import { useT } from '../i18n/use-t';
import { DialogActions } from '../shell/dialog-actions';
import { FormError } from '../shell/form-error';
import { Modal } from '../shell/modal';
import { useApi, useStationStore } from '../store/store-context';

export function StopServiceDialog() {
  const t = useT();
  const api = useApi();
  const store = useStationStore();
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => store.getState().openDialog({ type: 'settings' });

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const input = StopServiceInput.safeParse({ reason, confirm: confirmed });
    if (!input.success) {
      setFields(zodIssuesToFields(input.error));
      return;
    }
    setBusy(true);
    setFields({});
    setFormError(null);
    try {
      await api.system.stopService(input.data);
      // The service is going: the console's lost-connection banner takes over from here.
      store.getState().openDialog(null);
    } catch (err) {
      setFields(toUiError(err).fields);
      setFormError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={t('service.stopTitle')} testId="stop-service-dialog" onClose={close}>
      <form className="dialog-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <p className="danger-note" role="note">
          {t('service.stopWarning')}
        </p>
        <FormField
          label={t('service.stopReason')}
          name="reason"
          error={fields.reason ? fieldMessage(fields.reason, t) : undefined}
        >
          <input
            className="input"
            data-testid="stop-service-reason"
            value={reason}
            maxLength={300}
            autoFocus
            placeholder={t('service.stopReasonPlaceholder')}
            onChange={(e) => {
              setReason(e.target.value);
              setFields({});
            }}
          />
        </FormField>
        <label className={`check check-row${fields.confirm ? ' field-invalid' : ''}`}>
          <input
            type="checkbox"
            data-testid="stop-service-confirm"
            checked={confirmed}
            onChange={(e) => setConfirmed(e.target.checked)}
          />
          {t('service.stopConfirm')}
        </label>
        <FormError error={formError} />
        <DialogActions
          onCancel={close}
          submitTestId="stop-service-submit"
          submitClassName="btn btn-danger"
          submitDisabled={busy || !confirmed}
          submitLabel={busy ? t('service.stopping') : t('service.stopButton')}
        />
      </form>
    </Modal>
  );
}
