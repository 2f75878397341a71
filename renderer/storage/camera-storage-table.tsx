// The storage panel's per-camera table, removed cameras' footage included.
import type { StorageSummary } from '../../electron/contract/recording-schemas';
import { useT } from '../i18n/use-t';
import { useStationState } from '../store/store-context';
import type { StorageTableRow } from './camera-storage-row';
import { CameraRow } from './camera-storage-row';

export function CameraTable(props: { summary: StorageSummary | null }) {
  const t = useT();
  const cameras = useStationState((s) => s.cameras);
  const usage = new Map((props.summary?.cameras ?? []).map((c) => [c.cameraId, c]));
  const rows: StorageTableRow[] = cameras.map((c) => ({
    id: c.id,
    camera: c,
    usage: usage.get(c.id) ?? null,
  }));
  // Footage outlives a removed camera (it may be evidence): still listed with its size.
  for (const u of props.summary?.cameras ?? [])
    if (!cameras.some((c) => c.id === u.cameraId) && u.bytes > 0)
      rows.push({ id: u.cameraId, camera: null, usage: u });
  const hasDemo = cameras.some((c) => c.source === 'demo');
  return (
    <section className="storage-card storage-cameras">
      <h3 className="storage-h">{t('storage.cameras')}</h3>
      {rows.length === 0 ? (
        <p className="muted">{t('storage.noCameras')}</p>
      ) : (
        <div className="table-scroll">
          <table className="storage-table" data-testid="storage-cameras">
            <thead>
              <tr>
                <th>{t('storage.colCamera')}</th>
                <th>{t('storage.colRecord')}</th>
                <th>{t('storage.colStream')}</th>
                <th>{t('storage.colMaxAge')}</th>
                <th className="num">{t('storage.colBytes')}</th>
                <th className="num">{t('storage.colOldest')}</th>
                <th className="num">{t('storage.colDays')}</th>
                <th>{t('storage.colStatus')}</th>
                <th>{t('storage.colClock')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <CameraRow key={r.id} row={r} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {hasDemo ? <p className="field-hint">{t('storage.demoNote')}</p> : null}
    </section>
  );
}
