// The actions row at the foot of a dialog's form: extra actions on the left, cancel and
// submit on the right. One markup for every dialog, so they look and read alike.
import type { ReactNode } from 'react';
import { useT } from '../i18n/use-t';

export function DialogActions(props: {
  onCancel: () => void;
  cancelTestId?: string;
  submitTestId: string;
  /** Default: the primary button; `btn-danger` for an action that cannot be taken back. */
  submitClassName?: string;
  submitDisabled: boolean;
  /** What the submit button says (with its icon, if any). */
  submitLabel: ReactNode;
  /** Actions shown on the left, before the spacer (e.g. delete). */
  leading?: ReactNode;
}) {
  const t = useT();
  return (
    <div className="dialog-actions">
      {props.leading}
      <div className="top-spacer" />
      <button
        type="button"
        className="btn"
        onClick={props.onCancel}
        data-testid={props.cancelTestId}
      >
        {t('dialog.cancel')}
      </button>
      <button
        type="submit"
        className={props.submitClassName ?? 'btn btn-primary'}
        data-testid={props.submitTestId}
        disabled={props.submitDisabled}
      >
        {props.submitLabel}
      </button>
    </div>
  );
}
