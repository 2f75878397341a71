// The confirmation before a commander answers the centre: what is asked restated,
// and for a refusal the reason the centre will read (required).
import { useState, type FormEvent } from 'react';
import type { StationExportRequest } from '../../electron/contract/district';
import { formatStationDateTime } from '../../electron/contract/station-time';
import { errorMessage } from '../api/api-error';
import { useT } from '../i18n/use-t';
import { DialogActions } from '../shell/dialog-actions';
import { FormError } from '../shell/form-error';
import { FormField } from '../shell/form-field';
import { useStationStore } from '../store/store-context';
import { requestScope } from './district-text';

export type Decision = 'approved' | 'refused';

/** The longest reason district.decide accepts. */
const MAX_REASON = 500;

export function DistrictDecideForm(props: {
  request: StationExportRequest;
  decision: Decision;
  cameraName: (id: string) => string | undefined;
  onDone: () => void;
}) {
  const t = useT();
  const store = useStationStore();
  const { request: r, decision } = props;
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const scope = requestScope(r, props.cameraName, t);
  const refusing = decision === 'refused';

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (refusing && !reason.trim()) {
      setReasonError(t('district.refuseReasonRequired'));
      return;
    }
    setBusy(true);
    setFormError(null);
    try {
      await store
        .getState()
        .decideDistrictRequest(r.requestId, decision, refusing ? reason.trim() : '');
      store.getState().pushToast({
        kind: 'success',
        key: refusing ? 'toast.districtRefused' : 'toast.districtApproved',
        params: {},
        at: null,
      });
      props.onDone();
    } catch (err) {
      setFormError(errorMessage(err, t));
      // Answered elsewhere meanwhile, say: the list shows what main now holds.
      void store
        .getState()
        .loadDistrict()
        .catch(() => undefined);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="dialog-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <dl className="district-facts" data-testid="district-decide-request">
        <dt>{t('district.col.from')}</dt>
        <dd className="strong">{r.requestedBy}</dd>
        <dt>{t('district.col.received')}</dt>
        <dd>{formatStationDateTime(r.receivedAt)}</dd>
        <dt>{t('district.col.what')}</dt>
        <dd>
          {scope.what}
          {scope.cameras ? <div className="muted">{scope.cameras}</div> : null}
        </dd>
        <dt>{t('district.col.reason')}</dt>
        <dd>{r.reason}</dd>
      </dl>
      <p className={refusing ? 'dialog-text' : 'form-notice'}>
        {refusing ? t('district.refuseText') : t('district.approveText', { from: r.requestedBy })}
      </p>
      {refusing ? (
        <FormField
          label={t('district.refuseReason')}
          name="district-refuse-reason"
          error={reasonError}
        >
          <textarea
            className="input textarea duty-textarea"
            data-testid="district-refuse-reason"
            value={reason}
            maxLength={MAX_REASON}
            rows={3}
            autoFocus
            placeholder={t('district.refuseReasonPlaceholder')}
            onChange={(e) => {
              setReason(e.target.value);
              setReasonError(undefined);
            }}
          />
        </FormField>
      ) : null}
      <FormError error={formError} testId="district-decide-error" />
      <DialogActions
        onCancel={props.onDone}
        cancelTestId="district-decide-cancel"
        submitTestId="district-decide-confirm"
        submitClassName={refusing ? 'btn btn-danger' : 'btn btn-primary'}
        submitDisabled={busy}
        submitLabel={
          busy
            ? t('district.deciding')
            : t(refusing ? 'district.confirmRefuse' : 'district.confirmApprove')
        }
      />
    </form>
  );
}
