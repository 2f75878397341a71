// The "Xem lại" buttons: in the top bar, on each live tile (on hover) and on each
// row of the camera list; and the stage switch between live and playback.
import { useEffect, type ReactNode } from 'react';
import { useT } from '../i18n/use-t';
import { useStationState, useStationStore } from '../store/store-context';
import { openCameraPlayback, openPlaybackFromGrid } from './playback-entry';
import { PlaybackView } from './playback-view';
import { Icon } from '../shell/icons';

/** Live grid or playback; leaving the console (sign-out) ends playback. */
export function PlaybackSwitch(props: { children: ReactNode }) {
  const store = useStationStore();
  const open = useStationState((s) => s.playback.open);
  useEffect(() => () => store.getState().closePlayback(), [store]);
  return open ? <PlaybackView /> : <>{props.children}</>;
}

export function PlaybackTopButton() {
  const t = useT();
  const store = useStationStore();
  const open = useStationState((s) => s.playback.open);
  return (
    <button
      type="button"
      className={`btn${open ? ' btn-active' : ''}`}
      data-testid="playback-open"
      aria-pressed={open}
      title={open ? t('playback.liveHint') : t('playback.openHint')}
      onClick={() => {
        if (open) {
          store.getState().closePlayback();
          return;
        }
        if (!openPlaybackFromGrid(store))
          store
            .getState()
            .pushToast({ kind: 'info', key: 'playback.noCamera', params: {}, at: null });
      }}
    >
      <Icon name="back10" size={16} />
      <span>{t('playback.open')}</span>
    </button>
  );
}

/** On a live tile: shown on hover; a click must not select the tile or open the single view. */
export function TilePlaybackButton(props: { cameraId: string }) {
  const t = useT();
  const store = useStationStore();
  return (
    <button
      type="button"
      className="tile-playback"
      data-testid="tile-playback"
      title={t('playback.openCamera')}
      aria-label={t('playback.openCamera')}
      onClick={(e) => {
        e.stopPropagation();
        openCameraPlayback(store, props.cameraId, { replay: true });
      }}
      onDoubleClick={(e) => e.stopPropagation()}
      draggable={false}
    >
      <Icon name="back10" size={14} />
      <span>{t('playback.open')}</span>
    </button>
  );
}

export function CameraPlaybackButton(props: { cameraId: string }) {
  const t = useT();
  const store = useStationStore();
  return (
    <button
      type="button"
      className="icon-btn camera-item-playback"
      data-testid={`camera-playback-${props.cameraId}`}
      title={t('playback.openCamera')}
      aria-label={t('playback.openCamera')}
      onClick={(e) => {
        e.stopPropagation();
        openCameraPlayback(store, props.cameraId, { replay: true });
      }}
      onDoubleClick={(e) => e.stopPropagation()}
    >
      <Icon name="back10" size={14} />
    </button>
  );
}
