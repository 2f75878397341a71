// The storage panel: the disk, the quota, each camera's footage and recording
// settings, and the app's recording event log. Reached from "Lưu trữ" in the top bar.
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/api-error';
import { useT } from '../i18n/use-t';
import { Modal } from '../shell/modal';
import { useStationState, useStationStore } from '../store/store-context';
import { DiskCard } from './disk-card';
import { QuotaCard } from './quota-card';
import { CameraTable } from './camera-storage-table';
import { EventLog } from './recording-event-log';
import { FormError } from '../shell/form-error';

/** While open, byte counts follow the disk at this pace (and on every filed segment). */
const REFRESH_MS = 5000;

export function StoragePanel() {
  const t = useT();
  const store = useStationStore();
  const summary = useStationState((s) => s.storageSummary);
  const events = useStationState((s) => s.recEvents);
  const footageSeq = useStationState((s) => s.footageSeq);
  const [loadError, setLoadError] = useState<string | null>(null);
  const close = () => store.getState().openDialog(null);

  useEffect(() => {
    void store
      .getState()
      .loadStorage()
      .catch((e: unknown) => setLoadError(errorMessage(e, t)));
    const timer = setInterval(
      () =>
        void store
          .getState()
          .refreshStorageSummary()
          .catch(() => undefined),
      REFRESH_MS,
    );
    return () => clearInterval(timer);
    // Loaded once per opening; t only words the error.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store]);

  useEffect(() => {
    if (footageSeq === 0) return undefined;
    // Segments of many cameras close together: one refresh for the burst.
    const timer = setTimeout(
      () =>
        void store
          .getState()
          .refreshStorageSummary()
          .catch(() => undefined),
      500,
    );
    return () => clearTimeout(timer);
  }, [footageSeq, store]);

  return (
    <Modal
      title={t('storage.title')}
      testId="storage-panel"
      onClose={close}
      className="modal-storage"
    >
      <FormError error={loadError} />
      <div className="storage-layout">
        <div className="storage-main">
          <div className="storage-top">
            {summary ? (
              <DiskCard summary={summary} />
            ) : (
              <p className="muted">{t('storage.loading')}</p>
            )}
            <QuotaCard />
          </div>
          <CameraTable summary={summary} />
        </div>
        <EventLog events={events} />
      </div>
    </Modal>
  );
}
