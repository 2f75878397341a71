import { StaleStatusNote } from '../connection/stale-status';
import { useT } from '../i18n/use-t';
import { selectCameraCounts } from '../live/camera-status';
import { useStationState } from '../store/store-context';
import { DistrictStatusItem } from '../district/district-status-item';
import { Icon } from './icons';

export function StatusBar() {
  const t = useT();
  const counts = useStationState((s) => {
    const { online, offline, auth, total } = selectCameraCounts(s);
    return `${online}|${offline}|${auth}|${total}`;
  });
  const [online, offline, auth, total] = counts.split('|').map(Number);
  // During playback the live streams are closed (no viewer), so live counts would read
  // as "0 online": say what still matters, how many cameras are being recorded.
  const playback = useStationState((s) => s.playback.open);
  const recording = useStationState(
    (s) => s.cameras.filter((c) => s.recStatuses[c.id]?.recording).length,
  );
  const info = useStationState((s) => s.systemInfo);
  const muted = useStationState((s) => s.settings.alertMuted);
  return (
    <footer className="status-bar" data-testid="status-bar">
      <StaleStatusNote />
      {playback ? (
        <span className="status-item" data-testid="status-recording">
          <span className="dot dot-live" />
          {t('status.recordingDuringPlayback', { n: recording, total: total ?? 0 })}
        </span>
      ) : (
        <span className="status-item" data-testid="status-online">
          <span className="dot dot-live" />
          {t('status.online', { online: online ?? 0, total: total ?? 0 })}
        </span>
      )}
      {offline ? (
        <span className="status-item status-bad" data-testid="status-offline">
          <span className="dot dot-offline" />
          {t('status.offline', { n: offline })}
        </span>
      ) : null}
      {auth ? (
        <span className="status-item status-warn">
          <span className="dot dot-auth_failed" />
          {t('status.authFailed', { n: auth })}
        </span>
      ) : null}
      {muted ? (
        <span className="status-item status-warn">
          <Icon name="bellOff" size={13} />
          {t('status.muted')}
        </span>
      ) : null}
      <DistrictStatusItem />
      <span className="top-spacer" />
      {info ? (
        <>
          <span className="status-item" title={info.ffmpegPath ?? ''}>
            {info.ffmpegPath ? (
              t('status.ffmpeg', { path: info.ffmpegPath })
            ) : (
              <span className="status-bad">{t('status.ffmpegMissing')}</span>
            )}
          </span>
          <span className="status-item mono" title={info.dataDir}>
            <Icon name="folder" size={13} />
            {t('status.dataDir', { dir: info.dataDir })}
          </span>
          <span className="status-item">{t('status.version', { version: info.version })}</span>
        </>
      ) : null}
    </footer>
  );
}
