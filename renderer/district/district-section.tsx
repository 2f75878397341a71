// The district centre part of the settings dialog: the link's state for every officer,
// and for a commander the way to connect (with the centre's credentials file) or
// disconnect. The requests panel opens from here too.
import { useEffect } from 'react';
import { formatStationDateTime } from '../../electron/contract/station-time';
import { selectIsCommander } from '../auth/session-slice';
import { useLanguage, useT } from '../i18n/use-t';
import { useNow } from '../shell/use-now';
import { useStationState, useStationStore } from '../store/store-context';
import { hubAddress } from './district-credentials';
import { pendingCount } from './district-requests';
import { LINK_TONE, linkKey, pendingText, problemText } from './district-text';

export function DistrictSection() {
  const t = useT();
  const language = useLanguage();
  const store = useStationStore();
  const status = useStationState((s) => s.districtStatus);
  const requests = useStationState((s) => s.districtRequests);
  const commander = useStationState(selectIsCommander);
  const now = useNow();
  const waiting = pendingCount(requests);
  const open = (type: 'districtConnect' | 'districtDisconnect' | 'districtRequests') =>
    store.getState().openDialog({ type });
  const linked = status !== null && status.enabled;

  // Events keep it current; a fresh read on opening covers a console that missed some.
  useEffect(() => {
    void store
      .getState()
      .loadDistrict()
      .catch(() => undefined);
  }, [store]);

  return (
    <section
      className="settings-section district-section"
      data-testid="district-section"
      data-link={status?.link ?? 'unknown'}
    >
      <h3 className="settings-heading">{t('district.section')}</h3>
      <p className="form-note district-intro">{t('district.intro')}</p>
      {status === null ? (
        <p className="muted" data-testid="district-unknown">
          {t('district.unknown')}
        </p>
      ) : (
        <dl className="district-facts">
          <dt>{t('district.state')}</dt>
          <dd>
            <span
              className={`pill pill-${LINK_TONE[status.link]}`}
              data-testid="district-link"
              data-link={status.link}
            >
              {t(linkKey(status.link))}
            </span>
            {status.problem ? (
              <span className="district-problem" role="alert" data-testid="district-problem">
                {problemText(status.problem, language)}
              </span>
            ) : status.link === 'linking' ? (
              <span className="field-hint district-hint">{t('district.linkingHint')}</span>
            ) : null}
          </dd>
          {status.stationId ? (
            <>
              <dt>{t('district.station')}</dt>
              <dd data-testid="district-station">
                <span className="mono">{status.stationId}</span>
                {status.stationName ? ` · ${status.stationName}` : ''}
              </dd>
            </>
          ) : null}
          {status.hubUrl ? (
            <>
              <dt>{t('district.hub')}</dt>
              <dd className="mono" data-testid="district-hub">
                {hubAddress(status.hubUrl)}
              </dd>
            </>
          ) : null}
          {status.connectedAt !== null ? (
            <>
              <dt>{t('district.connectedSince')}</dt>
              <dd data-testid="district-connected-at">
                {formatStationDateTime(status.connectedAt)}
              </dd>
            </>
          ) : null}
          {linked ? (
            <>
              <dt>{t('district.pending')}</dt>
              <dd data-testid="district-pending" data-count={status.pending}>
                {pendingText(status, now, t)}
              </dd>
              <dt>{t('district.lastSeq')}</dt>
              <dd data-testid="district-last-seq">
                {status.lastPublishedSeq > 0 ? (
                  <span className="mono">#{status.lastPublishedSeq}</span>
                ) : (
                  t('district.lastSeqNone')
                )}
              </dd>
            </>
          ) : null}
        </dl>
      )}
      <div className="district-actions">
        {commander && status !== null ? (
          <>
            <button
              type="button"
              className={linked ? 'btn' : 'btn btn-primary'}
              data-testid="district-connect"
              onClick={() => open('districtConnect')}
            >
              {t(linked ? 'district.reconnect' : 'district.connect')}
            </button>
            {linked ? (
              <button
                type="button"
                className="btn btn-danger"
                data-testid="district-disconnect"
                onClick={() => open('districtDisconnect')}
              >
                {t('district.disconnect')}
              </button>
            ) : null}
          </>
        ) : null}
        <div className="top-spacer" />
        {linked || requests.length ? (
          <button
            type="button"
            className="btn"
            data-testid="district-open-requests"
            data-pending={waiting}
            onClick={() => open('districtRequests')}
          >
            {waiting ? t('district.openRequestsCount', { n: waiting }) : t('district.openRequests')}
          </button>
        ) : null}
      </div>
      {!commander ? <p className="field-hint">{t('district.byCommander')}</p> : null}
    </section>
  );
}
