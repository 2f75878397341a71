import { AlarmStack } from './alerts/alarm-stack';
import { CameraDialog } from './cameras/camera-dialog';
import { CameraSidebar } from './cameras/camera-sidebar';
import { DiscoveryDialog } from './cameras/discovery-dialog';
import { useT } from './i18n/use-t';
import { LiveGrid } from './live/live-grid';
import { SingleView } from './live/single-view';
import { SettingsDialog } from './settings/settings-dialog';
import { StopServiceDialog } from './settings/stop-service-dialog';
import { StatusBar } from './shell/status-bar';
import { StorageAlarmBanner } from './storage/storage-alarm-banner';
import { StoragePanel } from './storage/storage-panel';
import { Toasts } from './shell/toasts';
import { TopBar } from './shell/top-bar';
import { useStationState, useStationStore } from './store/store-context';
import { BookmarkHotkey } from './incidents/bookmark-hotkey';
import { IncidentEditorDialog } from './incidents/incident-dialog';
import { IncidentLog } from './incidents/incident-log';
import { AuditDialog } from './audit/audit-dialog';
import { AuthGate } from './auth/auth-gate';
import { ChangePasswordDialog } from './auth/change-password-dialog';
import { SignOutDialog } from './auth/sign-out-dialog';
import { OfficersDialog } from './officers/officers-dialog';
import { EndShiftDialog } from './shifts/end-shift-dialog';
import { HandoverReportView } from './shifts/handover-report';
import { HandoversDialog } from './shifts/handovers-dialog';
import { PendingHandoverBanner } from './shifts/pending-handover-banner';
import { PlaybackSwitch } from './playback/playback-entry-buttons';
import { openIncidentFootage } from './playback/playback-entry';
import { ExportDialog } from './export/export-dialog';
import { ExportProgressPanel } from './export/export-progress-panel';
import { ServiceDownBanner } from './connection/service-down-banner';
import { useStaleFlag } from './connection/stale-status';
import { DistrictConnectDialog } from './district/district-connect-dialog';
import { DistrictDisconnectDialog } from './district/district-disconnect-dialog';
import { DistrictRequestBanner } from './district/district-request-banner';
import { DistrictRequestsDialog } from './district/district-requests-dialog';

function Dialogs() {
  const store = useStationStore();
  const dialog = useStationState((s) => s.dialog);
  if (!dialog) return null;
  if (dialog.type === 'camera')
    return <CameraDialog key={dialog.cameraId ?? 'new'} cameraId={dialog.cameraId} />;
  if (dialog.type === 'storage') return <StoragePanel />;
  if (dialog.type === 'discovery') return <DiscoveryDialog />;
  if (dialog.type === 'incidents')
    return <IncidentLog onOpenFootage={(incident) => openIncidentFootage(store, incident)} />;
  if (dialog.type === 'changePassword') return <ChangePasswordDialog />;
  if (dialog.type === 'signOut') return <SignOutDialog />;
  if (dialog.type === 'endShift') return <EndShiftDialog />;
  if (dialog.type === 'handovers') return <HandoversDialog />;
  if (dialog.type === 'handover') return <HandoverReportView key={dialog.id} id={dialog.id} />;
  if (dialog.type === 'officers') return <OfficersDialog />;
  if (dialog.type === 'audit') return <AuditDialog />;
  if (dialog.type === 'stopService') return <StopServiceDialog />;
  if (dialog.type === 'districtConnect') return <DistrictConnectDialog />;
  if (dialog.type === 'districtDisconnect') return <DistrictDisconnectDialog />;
  if (dialog.type === 'districtRequests') return <DistrictRequestsDialog />;
  return <SettingsDialog />;
}

function LoadState() {
  const t = useT();
  const store = useStationStore();
  const ready = useStationState((s) => s.ready);
  const loadError = useStationState((s) => s.loadError);
  // A lost connection is ServiceDownBanner's to show.
  if (ready) return null;
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
  const stale = useStaleFlag();
  return (
    <>
      {/* Outside the gate: a dead service matters on the sign-in screen too. */}
      <ServiceDownBanner />
      <AuthGate>
        <div className="app" data-stale={stale}>
          <TopBar />
          {/* One grid row for the strips under the top bar. */}
          <div className="banner-stack">
            <StorageAlarmBanner />
            <PendingHandoverBanner />
            <DistrictRequestBanner />
          </div>
          <div className="main">
            <CameraSidebar />
            <main className="stage">
              {/* Playback replaces the live grid (and its streams) while it is open. */}
              <PlaybackSwitch>
                <LiveGrid />
                <SingleView />
              </PlaybackSwitch>
              <LoadState />
            </main>
          </div>
          <StatusBar />
          <Toasts />
          <Dialogs />
          {/* Over the log (edit) or the grid (F2), so it is outside Dialogs. */}
          <IncidentEditorDialog />
          {/* Over the incident log or playback; the panel stays while the officer works on. */}
          <ExportDialog />
          <ExportProgressPanel />
          <BookmarkHotkey />
          <AlarmStack />
        </div>
      </AuthGate>
    </>
  );
}
