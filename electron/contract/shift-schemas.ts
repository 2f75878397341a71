// Contract schemas of shifts and the handover (bàn giao ca).
import { z } from 'zod';
import { CameraAlarmKind } from './camera-alarms';
import { multiLine } from './safe-text';
import { IncidentCategory, IncidentSeverity, IncidentStatus } from './incident-schemas';
import { OfficerBrief } from './officer-schemas';
import { Id } from './schemas';

const ms = z.number().int().min(0);

export const Shift = z.object({
  id: Id,
  officer: OfficerBrief,
  startedAt: ms,
  endedAt: ms.nullable(),
  endReason: z.enum(['handover', 'replaced']).nullable(),
});
export type Shift = z.infer<typeof Shift>;

export const HandoverIncident = z.object({
  id: Id,
  code: z.string(),
  category: IncidentCategory,
  severity: IncidentSeverity,
  status: IncidentStatus,
  location: z.string(),
  description: z.string(),
  occurredAt: ms,
  cameraNames: z.array(z.string()),
});
export type HandoverIncident = z.infer<typeof HandoverIncident>;

export const HandoverOutage = z.object({
  cameraId: Id,
  cameraName: z.string(),
  startedAt: ms,
  /** null = still offline when the shift ended. */
  endedAt: ms.nullable(),
  /** Time offline within the shift. */
  durationMs: z.number().int().min(0),
});

export const HandoverGap = z.object({
  cameraId: Id,
  cameraName: z.string(),
  startMs: ms,
  endMs: ms.nullable(),
  durationMs: z.number().int().min(0),
  reason: z.string(),
});

export const HandoverAlarm = z.object({
  atMs: ms,
  kind: z.string(),
  cleared: z.boolean(),
});

/** A picture or clock alarm during the shift (black, frozen, covered, turned; clock off). */
export const HandoverCameraAlarm = z.object({
  cameraId: Id,
  cameraName: z.string(),
  kind: CameraAlarmKind,
  startMs: ms,
  endMs: ms.nullable(),
  durationMs: z.number().int().min(0),
  /** Who acknowledged it ("Đã biết"), or null. */
  acknowledgedBy: z.string().nullable(),
});
export type HandoverCameraAlarm = z.infer<typeof HandoverCameraAlarm>;

export const HandoverExport = z.object({
  id: Id,
  atMs: ms,
  label: z.string(),
});

/** Built by the core from the shift's records; never typed by the officer. */
export const HandoverSummary = z.object({
  fromMs: ms,
  toMs: ms,
  incidentsOpened: z.array(HandoverIncident),
  incidentsUpdated: z.array(HandoverIncident),
  /** Not closed when the shift ended, whichever shift opened them. */
  incidentsStillOpen: z.array(HandoverIncident),
  outages: z.array(HandoverOutage),
  recordingGaps: z.array(HandoverGap),
  exports: z.array(HandoverExport),
  storageAlarms: z.array(HandoverAlarm),
  /** Absent on handovers written before picture and clock alarms existed. */
  cameraAlarms: z.array(HandoverCameraAlarm).optional(),
  /**
   * The audit trail's last row when the summary was made: printed on the report, so
   * a later deletion of audit rows shows against the paper. Absent on older handovers.
   */
  auditHead: z
    .object({ seq: z.number().int().min(1), hash: z.string() })
    .nullable()
    .optional(),
});
export type HandoverSummary = z.infer<typeof HandoverSummary>;

export const Handover = z.object({
  id: Id,
  shiftId: Id,
  outgoing: OfficerBrief,
  shiftStartedAt: ms,
  shiftEndedAt: ms,
  endReason: z.enum(['handover', 'replaced']),
  summary: HandoverSummary,
  outgoingNotes: z.string(),
  createdAt: ms,
  incoming: OfficerBrief.nullable(),
  incomingNote: z.string().nullable(),
  acknowledgedAt: ms.nullable(),
  /** SHA-256 of the acknowledged content, printed on the report. */
  contentHash: z.string().nullable(),
});
export type Handover = z.infer<typeof Handover>;

export const EndShiftInput = z
  .object({ notes: multiLine(z.string().trim().max(4000, 'too_long')).default('') })
  .strict();
export const AcknowledgeInput = z
  .object({ id: Id, note: multiLine(z.string().trim().max(1000, 'too_long')).default('') })
  .strict();
export const HandoverListRequest = z
  .object({
    limit: z.number().int().min(1).max(200).default(50),
    beforeMs: ms.optional(),
  })
  .strict();

export const CurrentShift = z.object({
  shift: Shift,
  /** The summary so far, as it would be handed over now. */
  summary: HandoverSummary,
});
export type CurrentShift = z.infer<typeof CurrentShift>;
