// The handover sources over the real services of one test database, as the
// station wires them (nothing started: no recorder, no stream runs).
import { join } from 'node:path';
import type { AuditLog } from '../../audit/audit-log';
import { CameraService } from '../../cameras/camera-service';
import type { Database } from '../../db/database';
import { ExportHistory } from '../../export/export-history';
import { IncidentService } from '../../incidents/incident-service';
import { OfficerService } from '../../officers/officer-service';
import { OutageLog } from '../../outages/outage-log';
import { CameraAlarmLog } from '../../outages/camera-alarm-log';
import { RecordingService } from '../../recording/recording-service';
import { KeyFileSecretBox } from '../../secrets/key-file-secret-box';
import { SettingsService } from '../../settings/settings-service';
import { TEST_FFMPEG } from '../../streams/testing/ffmpeg-bin';
import { handoverSourcesFrom, nameOnly, type HandoverSources } from '../handover-sources';

export function realHandoverSources(db: Database, audit: AuditLog, dir: string): HandoverSources {
  const emit = () => undefined;
  const cameras = new CameraService({
    db,
    settings: new SettingsService({ db, emit }),
    secrets: KeyFileSecretBox.forDataDir(dir),
    emit,
    probe: async () => ({ ok: false, errorKind: 'ffmpeg_missing', detail: '' }),
  });
  const officers = new OfficerService({ db, audit });
  return handoverSourcesFrom({
    officers,
    cameras,
    outages: new OutageLog({ db, cameraExists: (id) => cameras.exists(id) }),
    cameraAlarms: new CameraAlarmLog({ db, cameraExists: (id) => cameras.exists(id) }),
    incidents: new IncidentService({
      db,
      audit,
      dataDir: dir,
      officers,
      cameraNames: async (ids) => nameOnly(await cameras.namesOf(ids)),
      emit,
    }),
    exports: new ExportHistory({ db }),
    recording: new RecordingService({
      db,
      storageDir: join(dir, 'recordings'),
      ffmpegPath: TEST_FFMPEG,
      resolveInput: cameras.resolveInput,
      emit,
    }),
    audit,
  });
}
