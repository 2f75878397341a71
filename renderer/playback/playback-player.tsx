// One camera of the playback view: its <video> bound to the engine, its name,
// the date-time of the frame on screen (station time), and what it shows when
// there is no picture: loading, a gap with its reason, no footage, an error.
import { memo, useEffect, useRef } from 'react';
import type { Gap } from '../../electron/contract/recording-schemas';
import { formatDateTime } from '../i18n/format-time';
import { isMessageKey } from '../i18n/translate';
import { useLanguage, useT } from '../i18n/use-t';
import { Icon } from '../shell/icons';
import { useStationState } from '../store/store-context';
import type { PlaybackCameraState, PlaybackEngine } from './engine/types';

function StatePanel(props: { camera: PlaybackCameraState; gap: Gap | null }) {
  const t = useT();
  const language = useLanguage();
  const { camera, gap } = props;
  if (camera.state === 'loading') {
    return (
      <div className="tile-state tile-state-wait">
        <span className="spinner" aria-hidden="true" />
        <span>{t('playback.state.loading')}</span>
      </div>
    );
  }
  if (camera.state === 'gap' || camera.state === 'no_footage') {
    const reasonKey = gap ? `gap.${gap.reason}` : null;
    return (
      <div className="tile-state pb-state-empty" data-testid="playback-no-footage">
        <Icon name="camera" size={26} />
        <span className="pb-state-title">
          {camera.state === 'gap' ? t('playback.state.gap') : t('playback.state.noFootage')}
        </span>
        {gap && reasonKey && isMessageKey(reasonKey) ? (
          <>
            <span className="pb-state-reason">
              {t('playback.state.gapReason', { reason: t(reasonKey) })}
            </span>
            <span className="pb-state-range">
              {t('playback.tip.range', {
                from: formatDateTime(gap.startMs, language),
                to:
                  gap.endMs === null
                    ? t('playback.tip.ongoing')
                    : formatDateTime(gap.endMs, language),
              })}
            </span>
          </>
        ) : (
          <span className="pb-state-reason pb-state-hint">{t('playback.state.noFootageHint')}</span>
        )}
      </div>
    );
  }
  if (camera.state === 'error') {
    const key = camera.errorKey && isMessageKey(camera.errorKey) ? camera.errorKey : null;
    return (
      <div className="tile-state tile-state-offline">
        <Icon name="alert" size={26} />
        <span>{key ? t(key) : t('playback.state.error')}</span>
      </div>
    );
  }
  return null;
}

export const PlaybackPlayer = memo(function PlaybackPlayer(props: {
  engine: PlaybackEngine;
  cameraId: string;
  camera: PlaybackCameraState | undefined;
  /** The recording gap under the playhead for this camera, if any (its reason). */
  gap: Gap | null;
  large: boolean;
  selected: boolean;
  onSelect: (cameraId: string) => void;
}) {
  const t = useT();
  const language = useLanguage();
  const { engine, cameraId, onSelect } = props;
  const info = useStationState((s) => s.cameras.find((c) => c.id === cameraId));
  const videoRef = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return undefined;
    return engine.attach(cameraId, video);
  }, [engine, cameraId]);

  const cam: PlaybackCameraState = props.camera ?? {
    cameraId,
    state: 'loading',
    frameWallMs: null,
    driftMs: null,
  };
  const hasPicture = cam.state === 'playing' || cam.state === 'paused' || cam.state === 'ready';

  return (
    <div
      className={`tile pb-tile${props.large ? ' tile-large' : ''}${props.selected ? ' tile-selected' : ''}`}
      data-testid={`playback-player-${cameraId}`}
      data-camera-id={cameraId}
      data-state={cam.state}
      data-frame-ms={cam.frameWallMs ?? ''}
      data-drift-ms={cam.driftMs ?? ''}
      data-selected={props.selected ? 'true' : 'false'}
      onClick={() => onSelect(cameraId)}
      title={props.selected ? t('playback.selected') : t('playback.selectHint')}
    >
      <video
        ref={videoRef}
        className={`tile-media${hasPicture ? '' : ' pb-media-hidden'}`}
        muted
        playsInline
        disablePictureInPicture
      />
      <StatePanel camera={cam} gap={props.gap} />
      <div className="tile-overlay tile-overlay-top">
        <div className="tile-title">
          <span className="tile-name">{info?.name ?? cameraId}</span>
          {info?.location ? <span className="tile-location">{info.location}</span> : null}
        </div>
        {hasPicture ? (
          <div className="tile-badges">
            <span className={`badge pb-badge pb-badge-${cam.state}`}>
              <Icon name={cam.state === 'playing' ? 'play' : 'pause'} size={10} />
              {cam.state === 'playing' ? t('playback.state.playing') : t('playback.state.paused')}
            </span>
          </div>
        ) : null}
      </div>
      <div className="tile-overlay tile-overlay-bottom">
        <span className="tile-stream">{t('playback.mode')}</span>
        <span className="tile-clock pb-frame-time" data-testid="playback-frame-time">
          {cam.frameWallMs !== null ? formatDateTime(cam.frameWallMs, language) : '—'}
        </span>
      </div>
    </div>
  );
});
