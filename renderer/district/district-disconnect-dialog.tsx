// A commander disconnects the station from its centre: the dialog says what stops
// (and what does not: recording) and how many events are still unsent.
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/api-error';
import { useT } from '../i18n/use-t';
import { DialogActions } from '../shell/dialog-actions';
import { FormError } from '../shell/form-error';
import { Modal } from '../shell/modal';
import { useStationState, useStationStore } from '../store/store-context';

export function DistrictDisconnectDialog() {
  const t = useT();
  const store = useStationStore();
  const pending = useStationState((s) => s.districtStatus?.pending ?? 0);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => store.getState().openDialog({ type: 'settings' });

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFormError(null);
    try {
      await store.getState().disconnectDistrict();
      store
        .getState()
        .pushToast({ kind: 'info', key: 'toast.districtDisconnected', params: {}, at: null });
      close();
    } catch (err) {
      setFormError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={t('district.disconnectTitle')}
      testId="district-disconnect-dialog"
      onClose={close}
    >
      <form className="dialog-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <p className="danger-note" role="note">
          {t('district.disconnectWarning')}
        </p>
        {pending > 0 ? (
          <p className="form-notice" data-testid="district-disconnect-pending">
            {t('district.disconnectPending', { n: pending })}
          </p>
        ) : null}
        <FormError error={formError} />
        <DialogActions
          onCancel={close}
          submitTestId="district-disconnect-confirm"
          submitClassName="btn btn-danger"
          submitDisabled={busy}
          submitLabel={busy ? t('district.disconnecting') : t('district.disconnectConfirm')}
        />
      </form>
    </Modal>
  );
}
