import { AlertSound } from './alerts/alert-sound';
import { CameraDialog } from './cameras/camera-dialog';
import { CameraSidebar } from './cameras/camera-sidebar';
import { useT } from './i18n/use-t';
import { LiveGrid } from './live/live-grid';
import { SingleView } from './live/single-view';
import { SettingsDialog } from './settings/settings-dialog';
import { StatusBar } from './shell/status-bar';
import { StorageAlarmBanner } from './storage/storage-alarm-banner';
import { StoragePanel } from './storage/storage-panel';
import { Toasts } from './shell/toasts';
import { TopBar } from './shell/top-bar';
import { useStationState, useStationStore } from './store/store-context';

function Dialogs() {
  const dialog = useStationState((s) => s.dialog);
  if (!dialog) return null;
  if (dialog.type === 'camera')
    return <CameraDialog key={dialog.cameraId ?? 'new'} cameraId={dialog.cameraId} />;
  if (dialog.type === 'storage') return <StoragePanel />;
  return <SettingsDialog />;
}

function LoadState() {
  const t = useT();
  const store = useStationStore();
  const ready = useStationState((s) => s.ready);
  const loadError = useStationState((s) => s.loadError);
  const connected = useStationState((s) => s.connected);
  if (ready && connected) return null;
  if (ready) {
    return (
      <div className="conn-banner" role="alert" data-testid="disconnected-banner">
        {t('error.disconnected')}
      </div>
    );
  }
  return (
    <div className="load-state" data-testid="load-state">
      {loadError ? (
        <>
          <p>{t('app.loadFailed', { message: '' }).replace(/:\s*$/, '')}</p>
          <p className="form-error">{t('error.disconnected')}</p>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() =>
              void store
                .getState()
                .load()
                .catch(() => undefined)
            }
          >
            {t('app.retry')}
          </button>
        </>
      ) : (
        <p>{t('app.loading')}</p>
      )}
    </div>
  );
}

export function App() {
  return (
    <div className="app">
      <TopBar />
      <StorageAlarmBanner />
      <div className="main">
        <CameraSidebar />
        <main className="stage">
          <LiveGrid />
          <SingleView />
          <LoadState />
        </main>
      </div>
      <StatusBar />
      <Toasts />
      <Dialogs />
      <AlertSound />
    </div>
  );
}
