// Contract schemas of incidents (vụ việc) and their history.
import { z } from 'zod';
import { multiLine, singleLine } from './safe-text';
import { OfficerBrief } from './officer-schemas';
import { Id } from './schemas';

const ms = z.number().int().min(0);

/** A Vietnamese public-order list; labels live in the locale files. */
export const IncidentCategory = z.enum([
  'theft', // trộm cắp
  'snatching', // cướp giật
  'robbery', // cướp tài sản
  'fighting', // đánh nhau, gây rối
  'traffic_accident', // tai nạn giao thông
  'traffic_violation', // vi phạm giao thông
  'fire', // cháy, nổ
  'gathering', // tụ tập đông người
  'suspicious', // người, phương tiện khả nghi
  'other', // khác
]);
export type IncidentCategory = z.infer<typeof IncidentCategory>;

export const IncidentSeverity = z.enum(['low', 'medium', 'high', 'critical']);
export type IncidentSeverity = z.infer<typeof IncidentSeverity>;

export const IncidentStatus = z.enum(['new', 'in_progress', 'closed']);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

/** Longest range one incident may lock (footage kept against retention). */
export const MAX_INCIDENT_RANGE_MS = 24 * 3600_000;

const Location = singleLine(z.string().trim().min(1, 'required').max(160, 'too_long'));
const Description = multiLine(z.string().trim().min(1, 'required').max(4000, 'too_long'));
const CameraIds = z
  .array(Id)
  .min(1, 'camera_required')
  .max(64, 'too_many_cameras')
  .refine((ids) => new Set(ids).size === ids.length, 'duplicate_camera');

export const IncidentSnapshot = z.object({
  id: Id,
  cameraId: Id.nullable(),
  takenAt: ms,
  mime: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
});
export type IncidentSnapshot = z.infer<typeof IncidentSnapshot>;

export const IncidentCamera = z.object({ id: Id, name: z.string() });

export const Incident = z.object({
  id: Id,
  /** e.g. 2026-0012. */
  code: z.string(),
  category: IncidentCategory,
  severity: IncidentSeverity,
  status: IncidentStatus,
  location: z.string(),
  description: z.string(),
  /** When the officer marked it (the keystroke). */
  occurredAt: ms,
  startMs: ms,
  endMs: ms,
  cameras: z.array(IncidentCamera),
  createdBy: OfficerBrief,
  shiftId: Id.nullable(),
  createdAt: ms,
  updatedAt: ms,
  /** Optimistic concurrency: an update must name the version it edits. */
  version: z.number().int().min(1),
  /** Its footage is kept against retention. */
  locked: z.boolean(),
  snapshots: z.array(IncidentSnapshot),
});
export type Incident = z.infer<typeof Incident>;

/** Issues of a time range: it must end after it starts and span at most a day. */
function rangeIssues(v: { startMs?: number | undefined; endMs?: number | undefined }) {
  if (v.startMs === undefined || v.endMs === undefined) return [];
  const issue = (message: string) => ({ code: 'custom' as const, path: ['endMs'], message });
  if (v.endMs <= v.startMs) return [issue('range_end_before_start')];
  if (v.endMs - v.startMs > MAX_INCIDENT_RANGE_MS) return [issue('range_too_long')];
  return [];
}

export const IncidentInput = z
  .object({
    category: IncidentCategory,
    severity: IncidentSeverity.default('medium'),
    location: Location,
    description: Description,
    occurredAt: ms,
    startMs: ms,
    endMs: ms,
    cameraIds: CameraIds,
  })
  .strict()
  .superRefine((v, ctx) => rangeIssues(v).forEach((i) => ctx.addIssue(i)));
export type IncidentInput = z.infer<typeof IncidentInput>;

/** Changing the range or cameras locks the new footage too; the old stays locked. */
export const IncidentUpdate = z
  .object({
    id: Id,
    version: z.number().int().min(1),
    category: IncidentCategory.optional(),
    severity: IncidentSeverity.optional(),
    status: IncidentStatus.optional(),
    location: Location.optional(),
    description: Description.optional(),
    startMs: ms.optional(),
    endMs: ms.optional(),
    cameraIds: CameraIds.optional(),
  })
  .strict()
  .superRefine((v, ctx) => rangeIssues(v).forEach((i) => ctx.addIssue(i)));
export type IncidentUpdate = z.infer<typeof IncidentUpdate>;

export const IncidentUnlock = z
  .object({
    id: Id,
    reason: multiLine(z.string().trim().min(5, 'reason_required').max(500, 'too_long')),
  })
  .strict();

/** Longest base64 text of a snapshot: ~3 MB decoded, room for a 1080p PNG. */
export const SNAPSHOT_MAX_BASE64 = 4_000_000;

/** JPEG or PNG as base64 (a tile's or playback frame). */
export const SnapshotInput = z
  .object({
    incidentId: Id,
    cameraId: Id.nullable(),
    takenAt: ms,
    mime: z.enum(['image/jpeg', 'image/png']),
    dataBase64: z
      .string()
      .min(100)
      .max(SNAPSHOT_MAX_BASE64, 'snapshot_too_large')
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'invalid_base64'),
  })
  .strict();
export type SnapshotInput = z.infer<typeof SnapshotInput>;

export const IncidentFilter = z
  .object({
    from: ms.optional(),
    to: ms.optional(),
    category: IncidentCategory.optional(),
    cameraId: Id.optional(),
    status: IncidentStatus.optional(),
    officerId: Id.optional(),
    /** Free text; diacritics and case are ignored ("trom cap" finds "trộm cắp"). */
    text: singleLine(z.string().trim().max(200)).optional(),
    limit: z.number().int().min(1).max(500).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
export type IncidentFilter = z.infer<typeof IncidentFilter>;

export const IncidentPage = z.object({ items: z.array(Incident), total: z.number().int() });
export type IncidentPage = z.infer<typeof IncidentPage>;

export const IncidentChangeAction = z.enum([
  'created',
  'updated',
  'snapshot_added',
  'locked',
  'unlocked',
]);

export const FieldChange = z.object({
  field: z.string(),
  from: z.unknown(),
  to: z.unknown(),
});

export const IncidentChange = z.object({
  id: z.number().int(),
  at: ms,
  officer: OfficerBrief,
  action: IncidentChangeAction,
  changes: z.array(FieldChange),
  reason: z.string().nullable(),
});
export type IncidentChange = z.infer<typeof IncidentChange>;

export const IncidentDetail = z.object({
  incident: Incident,
  history: z.array(IncidentChange),
});
export type IncidentDetail = z.infer<typeof IncidentDetail>;

/** Pre-filled range around "now" for a new incident (settings, in seconds). */
export const IncidentDefaults = z.object({
  beforeSec: z.number().int().min(0).max(3600),
  afterSec: z.number().int().min(0).max(3600),
});
