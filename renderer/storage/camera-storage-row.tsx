// One camera's row in the storage panel: its recording settings, footage size and age.
import { useState } from 'react';
import type { CameraStorage } from '../../electron/contract/recording-schemas';
import type { Camera, Language, StreamKind } from '../../electron/contract/schemas';
import { errorMessage } from '../api/api-error';
import { formatDate, formatHourMinute } from '../i18n/format-time';
import { useLanguage, useT } from '../i18n/use-t';
import { useLastKnownNames } from '../cameras/last-known-names';
import { useStationState, useStationStore } from '../store/store-context';
import { selectIsCommander } from '../auth/session-slice';
import { formatBytes, formatDays } from './format-storage';
import { MaxAgeInput } from './max-age-input';
import { StatusCell } from './recording-status-cell';
import { CameraClockCell } from './camera-clock-cell';

export interface StorageTableRow {
  id: string;
  camera: Camera | null;
  usage: CameraStorage | null;
}

const dayMinute = (ms: number, language: Language) =>
  `${formatDate(ms, language)} ${formatHourMinute(ms, language)}`;

export function CameraRow(props: { row: StorageTableRow }) {
  const t = useT();
  const language = useLanguage();
  const store = useStationStore();
  const { row } = props;
  const rec = useStationState((s) => s.recCameras[row.id]);
  const commander = useStationState(selectIsCommander);
  const [error, setError] = useState<string | null>(null);
  const set = (patch: { enabled?: boolean; stream?: StreamKind }) => {
    setError(null);
    void store
      .getState()
      .setCameraRecording({ cameraId: row.id, ...patch })
      .catch((e: unknown) => setError(errorMessage(e, t)));
  };
  const u = row.usage;
  const registered = row.camera !== null;
  const removed = useLastKnownNames(registered ? [] : [row.id]);
  return (
    <tr data-testid={`storage-camera-${row.id}`} data-bytes={u?.bytes ?? 0}>
      <td>
        <div className="cell-camera">
          <span className="cell-name">
            {row.camera ? row.camera.name : (removed.get(row.id) ?? t('storage.removedCamera'))}
          </span>
          {row.camera?.location ? <span className="cell-sub">{row.camera.location}</span> : null}
          {error ? <span className="field-error">{error}</span> : null}
        </div>
      </td>
      <td>
        {registered && rec ? (
          <label
            className="switch"
            title={rec.enabled ? t('storage.recordOn') : t('storage.recordOff')}
          >
            <input
              type="checkbox"
              data-testid={`storage-rec-toggle-${row.id}`}
              disabled={!commander}
              checked={rec.enabled}
              onChange={(e) => set({ enabled: e.target.checked })}
            />
            <span className="switch-track" aria-hidden="true" />
            <span className="switch-text">
              {rec.enabled ? t('storage.recordOn') : t('storage.recordOff')}
            </span>
          </label>
        ) : (
          <span className="muted">{t('storage.none')}</span>
        )}
      </td>
      <td>
        {registered && rec ? (
          <select
            className="select select-compact"
            data-testid={`storage-stream-${row.id}`}
            disabled={!commander}
            value={rec.stream}
            onChange={(e) => set({ stream: e.target.value === 'sub' ? 'sub' : 'main' })}
          >
            <option value="main">{t('tile.mainStream')}</option>
            <option value="sub" disabled={row.camera?.subUrl === null}>
              {t('tile.subStream')}
            </option>
          </select>
        ) : (
          <span className="muted">{t('storage.none')}</span>
        )}
      </td>
      <td>
        {registered && rec ? (
          <MaxAgeInput cameraId={row.id} value={rec.maxAgeDays} disabled={!commander} />
        ) : (
          <span className="muted">{t('storage.none')}</span>
        )}
      </td>
      <td className="num" data-testid={`storage-bytes-${row.id}`}>
        {u ? formatBytes(u.bytes, language) : formatBytes(0, language)}
      </td>
      <td className="num">{u?.oldestMs ? dayMinute(u.oldestMs, language) : t('storage.none')}</td>
      <td className="num">
        {u?.daysAtCurrentRate != null
          ? t('storage.days', { days: formatDays(u.daysAtCurrentRate, language) })
          : t('storage.none')}
      </td>
      <td>
        <StatusCell cameraId={row.id} />
      </td>
      <td>
        {row.camera ? (
          <CameraClockCell cameraId={row.id} name={row.camera.name} />
        ) : (
          <span className="muted">{t('storage.none')}</span>
        )}
      </td>
    </tr>
  );
}
