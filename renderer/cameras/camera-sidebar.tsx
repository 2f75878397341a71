// The camera list: grouped by tổ dân phố, searchable, each row draggable onto a tile.
import { useMemo, useState } from 'react';
import type { Camera } from '../../electron/contract/schemas';
import { groupCameras } from './group-cameras';
import { CameraClockBadge } from './camera-clock-badge';
import './discovery.css';
import { useT } from '../i18n/use-t';
import { selectCameraStatus } from '../live/camera-status';
import { CAMERA_MIME } from '../live/tile';
import { Icon } from '../shell/icons';
import { selectIsCommander } from '../auth/session-slice';
import { useStationState, useStationStore } from '../store/store-context';
import { CameraPlaybackButton } from '../playback/playback-entry-buttons';

function CameraRow(props: { camera: Camera; inGrid: boolean }) {
  const t = useT();
  const store = useStationStore();
  const { camera } = props;
  const state = useStationState((s) => selectCameraStatus(s, camera.id).state);
  // Adding, editing and removing cameras is a commander's job.
  const commander = useStationState(selectIsCommander);
  const edit = () => store.getState().openDialog({ type: 'camera', cameraId: camera.id });
  return (
    <li
      className={`camera-item${props.inGrid ? ' camera-item-ingrid' : ''}`}
      data-testid={`camera-item-${camera.id}`}
      data-state={state}
      draggable
      onDragStart={(e) => {
        e.dataTransfer.setData(CAMERA_MIME, camera.id);
        e.dataTransfer.setData('text/plain', camera.name);
        e.dataTransfer.effectAllowed = 'copy';
      }}
      onDoubleClick={() => store.getState().openSingle(camera.id)}
      onContextMenu={(e) => {
        e.preventDefault();
        if (commander) edit();
      }}
      title={t('sidebar.dragHint')}
    >
      <span className={`dot dot-${state}`} aria-hidden="true" />
      <div className="camera-item-text">
        <span className="camera-item-name">{camera.name}</span>
        {camera.location ? <span className="camera-item-location">{camera.location}</span> : null}
        <CameraClockBadge cameraId={camera.id} />
      </div>
      <CameraPlaybackButton cameraId={camera.id} />
      {commander ? (
        <button
          type="button"
          className="icon-btn camera-item-edit"
          data-testid={`camera-edit-${camera.id}`}
          title={t('sidebar.edit')}
          aria-label={t('sidebar.edit')}
          onClick={edit}
        >
          <Icon name="edit" size={14} />
        </button>
      ) : null}
    </li>
  );
}

export function CameraSidebar() {
  const t = useT();
  const store = useStationStore();
  const cameras = useStationState((s) => s.cameras);
  const tiles = useStationState((s) => s.tiles);
  const [query, setQuery] = useState('');
  const groups = useMemo(() => groupCameras(cameras, query), [cameras, query]);
  const inGrid = useMemo(() => new Set(tiles.filter((x): x is string => x !== null)), [tiles]);
  const commander = useStationState(selectIsCommander);

  return (
    <aside className="sidebar" data-testid="camera-sidebar">
      <div className="sidebar-head">
        <span className="sidebar-title">
          {t('sidebar.cameras')}
          <span className="count">{cameras.length}</span>
        </span>
        {commander ? (
          <button
            type="button"
            className="btn btn-primary btn-small"
            data-testid="add-camera"
            onClick={() => store.getState().openDialog({ type: 'camera', cameraId: null })}
          >
            <Icon name="plus" size={14} />
            {t('sidebar.add')}
          </button>
        ) : null}
      </div>
      {commander ? (
        <button
          type="button"
          className="btn btn-small sidebar-discover"
          data-testid="discovery-open"
          onClick={() => store.getState().openDialog({ type: 'discovery' })}
        >
          <Icon name="search" size={14} />
          {t('discovery.open')}
        </button>
      ) : null}
      <label className="search">
        <Icon name="search" size={14} />
        <input
          className="search-input"
          data-testid="camera-search"
          placeholder={t('sidebar.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </label>
      <div className="sidebar-list">
        {cameras.length === 0 ? <div className="sidebar-empty">{t('sidebar.empty')}</div> : null}
        {cameras.length > 0 && groups.length === 0 ? (
          <div className="sidebar-empty">{t('sidebar.noMatch')}</div>
        ) : null}
        {groups.map(([group, list]) => (
          <section key={group} className="group" data-testid="camera-group">
            <h3 className="group-title">
              <span>{group || t('sidebar.noGroup')}</span>
              <span className="count">{list.length}</span>
            </h3>
            <ul className="group-list">
              {list.map((c) => (
                <CameraRow key={c.id} camera={c} inGrid={inGrid.has(c.id)} />
              ))}
            </ul>
          </section>
        ))}
      </div>
      <div className="sidebar-foot">{t('sidebar.dragHint')}</div>
    </aside>
  );
}
