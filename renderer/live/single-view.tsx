// The single-camera view over the grid, on the MAIN stream. Closing it unmounts
// the main-stream player, so the server can stop that ffmpeg.
import { useEffect } from 'react';
import { useT } from '../i18n/use-t';
import { useStationState, useStationStore } from '../store/store-context';
import { TileView } from './tile';

export function SingleView() {
  const t = useT();
  const store = useStationStore();
  const cameraId = useStationState((s) => s.singleCameraId);

  useEffect(() => {
    if (!cameraId) return undefined;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') store.getState().closeSingle();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [cameraId, store]);

  if (!cameraId) return null;
  const close = () => store.getState().closeSingle();
  return (
    <div
      className="single-view"
      data-testid="single-view"
      data-camera-id={cameraId}
      onDoubleClick={close}
    >
      <TileView index={0} testId="single-tile" cameraId={cameraId} stream="main" large single />
      <button
        type="button"
        className="single-close"
        data-testid="single-close"
        onClick={close}
        title={t('single.hint')}
      >
        <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
          <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2" fill="none" />
        </svg>
        {t('single.back')}
      </button>
    </div>
  );
}
