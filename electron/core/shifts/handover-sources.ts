// What shifts read of other domains, each through the service that owns the data:
// the handover summary is a read model over these, and shift records name their
// officers through them. Every read takes `tx` so a handover can be built inside
// the transaction that ends the shift (the Database itself would wait behind it).
// Lists come capped by `limit`, in the order the summary shows them.
import type { OfficerBrief } from '../../contract/officer-schemas';
import type { Gap, RecordingEvent } from '../../contract/recording-schemas';
import type { Outage } from '../../contract/schemas';
import type { HandoverIncident } from '../../contract/shift-schemas';
import type { AuditLog } from '../audit/audit-log';
import type { CameraService } from '../cameras/camera-service';
import type { Queryable } from '../db/database';
import type { ExportHistory } from '../export/export-history';
import type { IncidentService } from '../incidents/incident-service';
import type { OfficerService } from '../officers/officer-service';
import type { OutageLog } from '../outages/outage-log';
import type { CameraAlarmLog } from '../outages/camera-alarm-log';
import type { CameraAlarmEntry } from '../../contract/camera-alarms';
import type { RecordingService } from '../recording/recording-service';

/** An export that ended, whatever its outcome. */
export interface FinishedExportBrief {
  id: string;
  finishedAt: number;
  folderName: string;
  status: string;
}

type RangeRead<T> = (fromMs: number, toMs: number, limit: number, tx?: Queryable) => Promise<T[]>;

export interface HandoverSources {
  /** Incidents created in [from, to], by occurrence then code. */
  incidentsCreated: RangeRead<HandoverIncident>;
  /** Incidents created before `from` with a history row in [from, to]. */
  incidentsChanged: RangeRead<HandoverIncident>;
  /** Incidents not closed now and created by `toMs`. */
  incidentsOpen(toMs: number, limit: number, tx?: Queryable): Promise<HandoverIncident[]>;
  /** Stream outages overlapping [from, to], by camera then start. */
  outages: RangeRead<Pick<Outage, 'cameraId' | 'startedAt' | 'endedAt'>>;
  /** Picture and clock alarms overlapping [from, to], by camera then start. */
  cameraAlarms?: RangeRead<
    Pick<CameraAlarmEntry, 'cameraId' | 'kind' | 'startedAt' | 'endedAt' | 'acknowledged'>
  >;
  /** Recording gaps overlapping [from, to], by start then camera. */
  recordingGaps: RangeRead<Pick<Gap, 'cameraId' | 'startMs' | 'endMs' | 'reason'>>;
  /** disk_alarm, disk_ok and locked_over_quota events in [from, to], oldest first. */
  storageAlarms: RangeRead<Pick<RecordingEvent, 'atMs' | 'kind' | 'detail'>>;
  /** Exports that ended in [from, to], oldest first. */
  exportsFinished: RangeRead<FinishedExportBrief>;
  /** Names of the cameras among `ids`, a removed one by the name it last had. */
  cameraNames(ids: readonly string[], tx?: Queryable): Promise<Map<string, string>>;
  officerBriefs(ids: readonly string[], tx?: Queryable): Promise<Map<string, OfficerBrief>>;
  /** The audit trail's last row, printed on the handover. */
  auditHead(tx?: Queryable): Promise<{ seq: number; hash: string } | null>;
}

/** The services shifts read, narrowed to the reads it makes. */
export interface HandoverServices {
  officers: Pick<OfficerService, 'briefs'>;
  cameras: Pick<CameraService, 'lastKnownNames'>;
  outages: Pick<OutageLog, 'overlapping'>;
  cameraAlarms?: Pick<CameraAlarmLog, 'overlapping'>;
  incidents: Pick<IncidentService, 'createdBetween' | 'changedBetween' | 'openAt'>;
  exports: Pick<ExportHistory, 'finishedBetween'>;
  recording: Pick<RecordingService, 'gapsOverlapping' | 'storageAlarmEvents'>;
  audit: Pick<AuditLog, 'lastRow'>;
}

/** The names alone of a camera-name map (the handover shows no locations). */
export function nameOnly(named: Map<string, { name: string }>): Map<string, string> {
  return new Map([...named].map(([id, c]) => [id, c.name]));
}

export function handoverSourcesFrom(s: HandoverServices): HandoverSources {
  return {
    incidentsCreated: (from, to, limit, tx) => s.incidents.createdBetween(from, to, limit, tx),
    incidentsChanged: (from, to, limit, tx) => s.incidents.changedBetween(from, to, limit, tx),
    incidentsOpen: (toMs, limit, tx) => s.incidents.openAt(toMs, limit, tx),
    outages: (from, to, limit, tx) => s.outages.overlapping(from, to, limit, tx),
    ...(s.cameraAlarms
      ? {
          cameraAlarms: (from, to, limit, tx) => s.cameraAlarms!.overlapping(from, to, limit, tx),
        }
      : {}),
    recordingGaps: (from, to, limit, tx) => s.recording.gapsOverlapping(from, to, limit, tx),
    storageAlarms: (from, to, limit, tx) => s.recording.storageAlarmEvents(from, to, limit, tx),
    exportsFinished: (from, to, limit, tx) => s.exports.finishedBetween(from, to, limit, tx),
    cameraNames: async (ids, tx) => nameOnly(await s.cameras.lastKnownNames(ids, tx)),
    officerBriefs: (ids, tx) => s.officers.briefs(ids, tx),
    auditHead: (tx) => s.audit.lastRow(tx),
  };
}
