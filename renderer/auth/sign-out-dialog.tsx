// Signing out does not end the shift: say so, and offer the handover instead.
import { useState } from 'react';
import { useT } from '../i18n/use-t';
import { Modal } from '../shell/modal';
import { useStationStore } from '../store/store-context';
import { Icon } from '../shell/icons';

export function SignOutDialog() {
  const t = useT();
  const store = useStationStore();
  const [busy, setBusy] = useState(false);
  const close = () => store.getState().openDialog(null);
  return (
    <Modal title={t('signOut.title')} testId="sign-out-dialog" onClose={close}>
      <p className="dialog-text">{t('signOut.text')}</p>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={close}>
          {t('dialog.cancel')}
        </button>
        <div className="top-spacer" />
        <button
          type="button"
          className="btn"
          data-testid="sign-out-handover"
          onClick={() => store.getState().openDialog({ type: 'endShift' })}
        >
          <Icon name="handover" />
          {t('user.endShift')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="sign-out-confirm"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void store.getState().signOut();
          }}
        >
          <Icon name="signOut" />
          {t('signOut.confirm')}
        </button>
      </div>
    </Modal>
  );
}
