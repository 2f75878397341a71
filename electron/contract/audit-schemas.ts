// Contract schemas of the audit trail (nhật ký hệ thống).
import { z } from 'zod';
import { Id } from './schemas';

const ms = z.number().int().min(0);

export const AuditAction = z.enum([
  'auth.setup',
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_out',
  'auth.lock',
  'auth.unlock',
  'auth.unlock_failed',
  'auth.password_changed',
  'officer.created',
  'officer.updated',
  'officer.password_reset',
  'shift.opened',
  'shift.ended',
  'handover.acknowledged',
  'incident.created',
  'incident.updated',
  'incident.snapshot_added',
  'footage.locked',
  'footage.unlocked',
  'footage.viewed',
  'export.created',
  'export.failed',
  'export.cancelled',
  'settings.changed',
  'camera.added',
  'camera.updated',
  'camera.removed',
  /** An officer acknowledged a camera outage's alarm ("Đã biết"). */
  'outage.acknowledged',
  /** An officer acknowledged a picture or clock alarm ("Đã biết"). */
  'alarm.acknowledged',
  /** A camera added in one step from ONVIF discovery. */
  'camera.onvif_added',
  /** A commander set a camera's clock from the station's (before/after offsets). */
  'camera.clock_set',
  'ptz.preset_saved',
  'ptz.preset_removed',
  'tamper.settings_changed',
  /** A commander re-took the reference picture a turned camera is compared with. */
  'tamper.reference_taken',
  'storage.changed',
  'audit.verified',
  /** Protective triggers were found dropped (by a tool outside the app) and put back. */
  'audit.triggers_restored',
  /** A commander stopped the station service (recording stops until it is started again). */
  'service.stopped',
  /** A console's page crashed, or hung and was restarted (system.consoleEvent). */
  'console.renderer_crashed',
  'console.renderer_hung',
  /** A commander connected the station to a district centre (credentials file), or disconnected it. */
  'district.connected',
  'district.disconnected',
  /** A commander answered a district centre's export request. */
  'district.request.approved',
  'district.request.refused',
]);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditDetailValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const AuditDetails = z.record(z.string(), AuditDetailValue);
export type AuditDetails = z.infer<typeof AuditDetails>;

export const AuditEntry = z.object({
  seq: z.number().int().min(1),
  at: ms,
  officerId: Id.nullable(),
  officerName: z.string().nullable(),
  action: AuditAction,
  /** What it concerns: an incident id, an officer id, a camera id… */
  subject: z.string().nullable(),
  details: AuditDetails,
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditFilter = z
  .object({
    from: ms.optional(),
    to: ms.optional(),
    action: AuditAction.optional(),
    officerId: Id.optional(),
    limit: z.number().int().min(1).max(1000).default(200),
    /** Page backwards: rows with seq below this. */
    beforeSeq: z.number().int().min(1).optional(),
  })
  .strict();
export type AuditFilter = z.infer<typeof AuditFilter>;

export const AuditPage = z.object({ items: z.array(AuditEntry), total: z.number().int() });

export const AuditVerification = z.object({
  ok: z.boolean(),
  /** Rows checked. */
  checked: z.number().int(),
  /** The first row that was altered, or after which rows are missing. */
  firstBadSeq: z.number().int().nullable(),
  problem: z.enum(['altered', 'missing', 'head_mismatch', 'triggers_missing']).nullable(),
  verifiedAt: ms,
});
export type AuditVerification = z.infer<typeof AuditVerification>;
