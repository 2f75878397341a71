// The centre's export requests: pending first, each with who asked, why, what footage
// and when it arrived. A commander approves (the station then exports and offers the
// package to the centre) or refuses with a reason, after a confirmation; officers see
// the list and that it waits for a commander.
import { useEffect, useState } from 'react';
import type { StationExportRequest } from '../../electron/contract/district';
import { formatStationDateTime } from '../../electron/contract/station-time';
import { errorMessage } from '../api/api-error';
import { selectIsCommander } from '../auth/session-slice';
import { useT } from '../i18n/use-t';
import { Modal } from '../shell/modal';
import { useStationState, useStationStore } from '../store/store-context';
import { DistrictDecideForm, type Decision } from './district-decide-form';
import { REQUEST_TONE, requestScope } from './district-text';

export function DistrictRequestsDialog() {
  const t = useT();
  const store = useStationStore();
  const requests = useStationState((s) => s.districtRequests);
  const cameras = useStationState((s) => s.cameras);
  const commander = useStationState(selectIsCommander);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [deciding, setDeciding] = useState<{
    request: StationExportRequest;
    decision: Decision;
  } | null>(null);
  const close = () => store.getState().openDialog(null);
  const cameraName = (id: string) => cameras.find((c) => c.id === id)?.name;

  useEffect(() => {
    store
      .getState()
      .loadDistrict()
      .then(() => setLoadError(null))
      .catch((e: unknown) =>
        setLoadError(`${t('district.requestsLoadFailed')} ${errorMessage(e, t)}`),
      );
  }, [store, t]);

  // What is on screen has been seen: the banner does not come back for it.
  useEffect(() => {
    store.getState().markDistrictRequestsSeen();
  }, [store, requests]);

  if (deciding) {
    return (
      <Modal
        title={t(
          deciding.decision === 'approved' ? 'district.approveTitle' : 'district.refuseTitle',
        )}
        testId="district-decide-dialog"
        onClose={() => setDeciding(null)}
      >
        <DistrictDecideForm
          request={deciding.request}
          decision={deciding.decision}
          cameraName={cameraName}
          onDone={() => setDeciding(null)}
        />
      </Modal>
    );
  }

  return (
    <Modal
      title={t('district.requestsTitle')}
      testId="district-requests-dialog"
      onClose={close}
      className="modal-list"
    >
      <p className="dialog-text muted">{t('district.requestsIntro')}</p>
      {loadError ? <div className="form-error list-error">{loadError}</div> : null}
      {requests.length === 0 ? (
        <div className="list-empty" data-testid="district-requests-empty">
          {t('district.requestsEmpty')}
        </div>
      ) : (
        <div className="district-table-wrap">
          <table className="data-table district-requests">
            <thead>
              <tr>
                <th>{t('district.col.received')}</th>
                <th>{t('district.col.from')}</th>
                <th>{t('district.col.what')}</th>
                <th>{t('district.col.reason')}</th>
                <th>{t('district.col.status')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => {
                const scope = requestScope(r, cameraName, t);
                return (
                  <tr
                    key={r.requestId}
                    data-testid="district-request-row"
                    data-request-id={r.requestId}
                    data-status={r.status}
                  >
                    <td className="nowrap">{formatStationDateTime(r.receivedAt)}</td>
                    <td>{r.requestedBy}</td>
                    <td>
                      <div className="strong">{scope.what}</div>
                      {scope.cameras ? <div className="muted">{scope.cameras}</div> : null}
                    </td>
                    <td className="district-reason">{r.reason}</td>
                    <td>
                      <span
                        className={`pill pill-${REQUEST_TONE[r.status]}`}
                        data-testid="district-request-status"
                      >
                        {t(`district.status.${r.status}`)}
                      </span>
                      {r.status !== 'pending' && r.decidedBy && r.decidedAt !== null ? (
                        <div
                          className="muted district-decided"
                          data-testid="district-request-decided"
                        >
                          {t('district.decidedBy', {
                            officer: r.decidedBy,
                            time: formatStationDateTime(r.decidedAt),
                          })}
                        </div>
                      ) : null}
                      {r.status === 'refused' && r.decisionReason ? (
                        <div className="muted district-decided">
                          {t('district.refusedReason', { reason: r.decisionReason })}
                        </div>
                      ) : null}
                    </td>
                    <td className="cell-actions">
                      {r.status === 'pending' ? (
                        commander ? (
                          <>
                            <button
                              type="button"
                              className="btn btn-small btn-primary"
                              data-testid="district-approve"
                              onClick={() => setDeciding({ request: r, decision: 'approved' })}
                            >
                              {t('district.approve')}
                            </button>
                            <button
                              type="button"
                              className="btn btn-small"
                              data-testid="district-refuse"
                              onClick={() => setDeciding({ request: r, decision: 'refused' })}
                            >
                              {t('district.refuse')}
                            </button>
                          </>
                        ) : (
                          <span className="muted">{t('district.waitCommander')}</span>
                        )
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Modal>
  );
}
