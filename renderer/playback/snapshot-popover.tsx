// After "Chụp ảnh": the PNG with its camera name and time burned in, then
// "Lưu ảnh" (download) or "Đính kèm vào vụ việc" (one of the incidents on the
// timeline in view).
import { useEffect, useMemo, useState } from 'react';
import type { IncidentMarker } from '../../electron/contract/playback-schemas';
import { errorMessage } from '../api/api-error';
import { formatDateTime } from '../i18n/format-time';
import { isMessageKey } from '../i18n/translate';
import { useLanguage, useT } from '../i18n/use-t';
import { Icon } from '../shell/icons';
import { useApi, useStationStore } from '../store/store-context';
import { attachableImage, downloadBlob, snapshotFileName } from './snapshot-file';
import { FormError } from '../shell/form-error';

export interface TakenSnapshot {
  cameraId: string;
  cameraName: string;
  takenAt: number;
  png: Blob;
}

export function SnapshotPopover(props: {
  snapshot: TakenSnapshot;
  incidents: readonly IncidentMarker[];
  onClose: () => void;
}) {
  const t = useT();
  const language = useLanguage();
  const api = useApi();
  const store = useStationStore();
  const { snapshot, onClose } = props;
  const [choosing, setChoosing] = useState(false);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const url = useMemo(() => URL.createObjectURL(snapshot.png), [snapshot.png]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  const fileName = snapshotFileName(snapshot.cameraName, snapshot.takenAt);
  // The camera's own incidents first.
  const incidents = [...props.incidents].sort(
    (a, b) =>
      Number(b.cameraIds.includes(snapshot.cameraId)) -
        Number(a.cameraIds.includes(snapshot.cameraId)) || a.startMs - b.startMs,
  );

  const save = () => {
    downloadBlob(snapshot.png, fileName);
    store.getState().pushToast({
      kind: 'success',
      key: 'playback.snapshotSaved',
      params: { file: fileName },
      at: null,
    });
    onClose();
  };

  const attach = async (marker: IncidentMarker) => {
    setBusyId(marker.id);
    setError(null);
    try {
      const image = await attachableImage(snapshot.png);
      if (!image) {
        setError(t('playback.snapshotTooLarge'));
        return;
      }
      await api.incidents.addSnapshot({
        incidentId: marker.id,
        cameraId: snapshot.cameraId,
        takenAt: Math.round(snapshot.takenAt),
        ...image,
      });
      store.getState().pushToast({
        kind: 'success',
        key: 'playback.snapshotAttached',
        params: { code: marker.code },
        at: null,
      });
      onClose();
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusyId(null);
    }
  };

  return (
    <div
      className="popover pb-snap"
      role="dialog"
      aria-label={t('playback.snapshotTitle', { camera: snapshot.cameraName })}
      data-testid="playback-snapshot-popover"
    >
      <div className="pb-snap-head">
        <span className="pb-snap-title">
          {t('playback.snapshotTitle', { camera: snapshot.cameraName })}
        </span>
        <button type="button" className="icon-btn" aria-label={t('dialog.close')} onClick={onClose}>
          <Icon name="close" size={14} />
        </button>
      </div>
      <img className="pb-snap-img" src={url} alt={fileName} />
      <div className="pb-snap-meta">
        <span className="mono">{fileName}</span>
        <span>{formatDateTime(snapshot.takenAt, language)}</span>
      </div>
      {choosing ? (
        <div className="pb-snap-choose" data-testid="playback-snapshot-incidents">
          <div className="menu-heading">{t('playback.snapshotChoose')}</div>
          {incidents.length === 0 ? (
            <div className="menu-empty">{t('playback.snapshotNoIncidents')}</div>
          ) : (
            incidents.map((m) => {
              const cat = `incident.category.${m.category}`;
              return (
                <button
                  key={m.id}
                  type="button"
                  className="menu-item"
                  data-testid={`playback-snapshot-incident-${m.id}`}
                  disabled={busyId !== null}
                  onClick={() => void attach(m)}
                >
                  <span className={`pb-sev-dot pb-sev-${m.severity}`} aria-hidden="true" />
                  <span className="menu-item-text">
                    <strong>{m.code}</strong> · {isMessageKey(cat) ? t(cat) : m.category}
                  </span>
                  <span className="menu-item-meta">{formatDateTime(m.startMs, language)}</span>
                  {busyId === m.id ? (
                    <span className="spinner spinner-small" aria-hidden="true" />
                  ) : null}
                </button>
              );
            })
          )}
        </div>
      ) : null}
      <FormError error={error} testId="playback-snapshot-error" />
      <div className="popover-actions">
        <button
          type="button"
          className={`btn${choosing ? ' btn-active' : ''}`}
          data-testid="playback-snapshot-attach"
          onClick={() => setChoosing(!choosing)}
        >
          <Icon name="file" size={14} />
          {t('playback.snapshotAttach')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="playback-snapshot-save"
          onClick={save}
        >
          <Icon name="save" size={14} />
          {t('playback.snapshotSave')}
        </button>
      </div>
    </div>
  );
}
