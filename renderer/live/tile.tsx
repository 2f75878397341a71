// One tile of the grid: live picture, name/location, status badge, clock,
// drag-and-drop target and source, double-click for the single view.
import { memo, useCallback, useState, type CSSProperties, type DragEvent } from 'react';
import type { StreamKind, StreamState } from '../../electron/contract/schemas';
import { formatClock, formatHourMinute } from '../i18n/format-time';
import { Icon } from '../shell/icons';
import { useLanguage, useT } from '../i18n/use-t';
import { useNow } from '../shell/use-now';
import { useStationState } from '../store/store-context';
import { statusKey } from './statuses-slice';
import { tileState } from './camera-state';
import { selectCameraStatus, tileShownState } from './camera-status';
import { LiveVideo, type LiveReport } from './live-video';
import { PtzOverlay } from './ptz-overlay';
import { RecMark } from './rec-mark';
import { TamperBadges } from './tamper-badge';
import { CameraClockBadge } from '../cameras/camera-clock-badge';
import { StatusBadge } from './status-badge';
import { TilePlaybackButton } from '../playback/playback-entry-buttons';
import { usePageVisible } from './use-page-visible';

export const CAMERA_MIME = 'application/x-camera-id';
export const TILE_MIME = 'application/x-tile-index';

function TileClock() {
  const now = useNow();
  const language = useLanguage();
  return <span className="tile-clock">{formatClock(now, language)}</span>;
}

/** Centered explanation over a tile that shows no picture. */
function TileStatePanel(props: { state: StreamState; since: number }) {
  const t = useT();
  const language = useLanguage();
  const { state, since } = props;
  if (state === 'offline') {
    return (
      <div className="tile-state tile-state-offline">
        <Icon name="alert" size={26} />
        <span>
          {t('tile.offlineSince', { time: formatHourMinute(since || Date.now(), language) })}
        </span>
      </div>
    );
  }
  if (state === 'auth_failed') {
    return (
      <div className="tile-state tile-state-auth">
        <Icon name="alert" size={26} />
        <span>{t('tile.authFailed')}</span>
      </div>
    );
  }
  return (
    <div className="tile-state tile-state-wait">
      <span className="spinner" aria-hidden="true" />
      <span>{state === 'reconnecting' ? t('tile.reconnecting') : t('tile.connecting')}</span>
    </div>
  );
}

export const TileView = memo(function TileView(props: {
  index: number;
  cameraId: string | null;
  stream: StreamKind;
  style?: CSSProperties;
  testId: string;
  onDropCamera?: (index: number, cameraId: string) => void;
  onDropTile?: (from: number, to: number) => void;
  onOpen?: (cameraId: string) => void;
  large?: boolean;
  /** Chosen for the next incident bookmark (F2). */
  selected?: boolean;
  /** A click: the tile's camera (null for an empty tile); additive with Ctrl/Shift/⌘. */
  onSelect?: (cameraId: string | null, additive: boolean) => void;
  /** The single view's tile: its PTZ controls take the keyboard. */
  single?: boolean;
}) {
  const { index, cameraId, stream, onDropCamera, onDropTile, onOpen, onSelect } = props;
  const t = useT();
  const camera = useStationState((s) =>
    cameraId ? s.cameras.find((c) => c.id === cameraId) : undefined,
  );
  // Cameras with one stream are always played from main.
  const effectiveStream: StreamKind = camera && camera.subUrl === null ? 'main' : stream;
  const status = useStationState((s) =>
    cameraId ? s.statuses[statusKey(cameraId, effectiveStream)] : undefined,
  );
  // A grid tile under the single view, or any tile of a hidden page, is not seen: pause it.
  // The single view's own camera keeps playing in the grid: on closing it the officer's
  // tile has its picture at once (F2 right after takes its snapshot, not an empty tile).
  const covered =
    useStationState((s) => s.singleCameraId !== null && s.singleCameraId !== cameraId) &&
    !props.single;
  const active = usePageVisible() && !covered;
  const [report, setReport] = useState<LiveReport | null>(null);
  const [dragOver, setDragOver] = useState(false);
  const onReport = useCallback((r: LiveReport) => setReport(r), []);

  // Primitives: a selector returning a fresh object would re-render on every store change.
  const cameraState = useStationState((s) =>
    cameraId ? selectCameraStatus(s, cameraId).state : null,
  );
  const cameraSince = useStationState((s) =>
    cameraId ? selectCameraStatus(s, cameraId).since : 0,
  );
  const own = tileState(
    status,
    report?.socketStatus ?? null,
    report?.playing ?? false,
    report?.disconnected ?? false,
  );
  const shown = cameraState ? tileShownState({ state: cameraState, since: cameraSince }, own) : own;

  const accepts = (e: DragEvent) =>
    e.dataTransfer.types.includes(CAMERA_MIME) || e.dataTransfer.types.includes(TILE_MIME);

  return (
    <div
      className={`tile${dragOver ? ' tile-dragover' : ''}${camera ? '' : ' tile-empty'}${props.large ? ' tile-large' : ''}${props.selected ? ' tile-selected' : ''}`}
      style={props.style}
      data-testid={props.testId}
      data-index={index}
      data-camera-id={camera?.id ?? ''}
      data-state={camera ? shown.state : 'empty'}
      data-player={camera ? (report?.player ?? '') : ''}
      data-selected={props.selected ? 'true' : 'false'}
      draggable={Boolean(camera && onDropTile)}
      onDragStart={(e) => {
        if (!camera) return;
        e.dataTransfer.setData(TILE_MIME, String(index));
        e.dataTransfer.setData(CAMERA_MIME, camera.id);
        e.dataTransfer.effectAllowed = 'move';
      }}
      onDragOver={(e) => {
        if (!onDropCamera || !accepts(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = e.dataTransfer.types.includes(TILE_MIME) ? 'move' : 'copy';
        if (!dragOver) setDragOver(true);
      }}
      onDragLeave={() => setDragOver(false)}
      onDrop={(e) => {
        setDragOver(false);
        if (!onDropCamera) return;
        e.preventDefault();
        const from = e.dataTransfer.getData(TILE_MIME);
        if (from !== '' && onDropTile) {
          onDropTile(Number(from), index);
          return;
        }
        const id = e.dataTransfer.getData(CAMERA_MIME);
        if (id) onDropCamera(index, id);
      }}
      onClick={(e) => onSelect?.(camera?.id ?? null, e.ctrlKey || e.shiftKey || e.metaKey)}
      onDoubleClick={() => {
        if (camera && onOpen) onOpen(camera.id);
      }}
      title={camera && onOpen ? t('tile.openSingle') : undefined}
    >
      {camera ? (
        <>
          <LiveVideo
            key={`${camera.id}:${effectiveStream}`}
            cameraId={camera.id}
            stream={effectiveStream}
            statsKey={props.testId}
            onReport={onReport}
            active={active}
          />
          {shown.state !== 'live' ? (
            <TileStatePanel state={shown.state} since={shown.since} />
          ) : null}
          <div className="tile-overlay tile-overlay-top">
            <div className="tile-title">
              <span className="tile-name">{camera.name}</span>
              {camera.location ? <span className="tile-location">{camera.location}</span> : null}
            </div>
            <div className="tile-badges">
              <TamperBadges cameraId={camera.id} />
              <CameraClockBadge cameraId={camera.id} />
              <RecMark cameraId={camera.id} />
              <StatusBadge state={shown.state} since={shown.since} />
            </div>
          </div>
          <div className="tile-overlay tile-overlay-bottom">
            <span className="tile-stream">
              {effectiveStream === 'main' ? t('tile.mainStream') : t('tile.subStream')}
              {report?.player === 'jsmpeg' ? ` · ${t('tile.fallback')}` : ''}
            </span>
            <TileClock />
          </div>
          <TilePlaybackButton cameraId={camera.id} />
          <PtzOverlay
            cameraId={camera.id}
            single={Boolean(props.single)}
            selected={Boolean(props.selected)}
          />
        </>
      ) : (
        <div className="tile-hint">
          <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true">
            <path
              d="M4 7h10a2 2 0 0 1 2 2v1.5l4-2.5v8l-4-2.5V15a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V9a2 2 0 0 1 2-2z"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.5"
            />
          </svg>
          <span>{t('tile.empty')}</span>
        </div>
      )}
      <span className="tile-index" aria-hidden="true">
        {index + 1}
      </span>
    </div>
  );
});
