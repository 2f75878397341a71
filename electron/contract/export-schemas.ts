// Contract schemas of footage export (xuất dữ liệu) to a USB stick or a folder
// for investigators. The core writes, per export, one folder with an
// MP4 per camera, snapshots, manifest.json, SHA256SUMS, a Vietnamese report
// (HTML + PDF) and an offline player page; see docs/design/export.md.
import { z } from 'zod';
import { singleLine } from './safe-text';
import { OfficerBrief } from './officer-schemas';
import { Id } from './schemas';

const ms = z.number().int().min(0);
const bytes = z.number().int().min(0);

/** An export folder's name while it is written; renamed without it only when every file is proven. */
export const EXPORT_PARTIAL_SUFFIX = '.partial';

/** Longest range one export covers: a day of footage per camera. */
export const MAX_EXPORT_SPAN_MS = 24 * 3_600_000;
/** Most cameras in one export (a 4×4 playback grid). */
export const MAX_EXPORT_CAMERAS = 16;

/** A removable drive (USB stick, card, external disk) mounted on this PC. */
export const ExportDrive = z.object({
  /** Where it is mounted: `E:\` on Windows, `/media/<user>/<label>` or `/run/media/…` on Linux. */
  mountPath: z.string(),
  /** Volume label, else the device model, else the mount path. */
  label: z.string(),
  sizeBytes: bytes,
  freeBytes: bytes,
  /** File system (vfat, exfat, ntfs…); FAT32 cannot hold a file of 4 GiB or more. */
  fsType: z.string(),
});
export type ExportDrive = z.infer<typeof ExportDrive>;

const Range = {
  cameraIds: z.array(Id).min(1, 'cameras_required').max(MAX_EXPORT_CAMERAS, 'too_many_cameras'),
  fromMs: ms,
  toMs: ms,
};

function rangeIssues(
  v: { fromMs: number; toMs: number; cameraIds: string[] },
  ctx: z.RefinementCtx<{ fromMs: number; toMs: number; cameraIds: string[] }>,
) {
  if (v.toMs <= v.fromMs)
    ctx.addIssue({ code: 'custom', path: ['toMs'], message: 'range_end_before_start' });
  else if (v.toMs - v.fromMs > MAX_EXPORT_SPAN_MS)
    ctx.addIssue({ code: 'custom', path: ['toMs'], message: 'range_too_long' });
  if (new Set(v.cameraIds).size !== v.cameraIds.length)
    ctx.addIssue({ code: 'custom', path: ['cameraIds'], message: 'duplicate_cameras' });
}

/** What to export: an incident's cameras and range (prefilled by the renderer), or a playback selection. */
export const ExportSelection = z
  .object({
    /** The incident exported (names the folder, links the export to its log entry). */
    incidentId: Id.nullable().default(null),
    ...Range,
    /** Absolute folder the export folder is created in: a drive's mount path or a chosen folder. */
    destination: singleLine(z.string().trim().min(1, 'destination_required').max(1000)),
    /** Case or request number from the investigators (số công văn / hồ sơ), if given. */
    caseNumber: singleLine(z.string().trim().max(100, 'too_long')).default(''),
  })
  .strict()
  .superRefine(rangeIssues);
export type ExportSelection = z.input<typeof ExportSelection>;
export type ParsedExportSelection = z.output<typeof ExportSelection>;

/** One camera of a planned export: what footage exists in the range. */
export const ExportPlanCamera = z.object({
  cameraId: Id,
  name: z.string(),
  location: z.string(),
  /** Recorded bytes the export reads (segments overlapping the range). */
  sourceBytes: bytes,
  /** Recorded time inside the range. */
  recordedMs: ms,
  /** Parts of the range with no footage (camera offline, recorder stopped…). */
  missing: z.array(z.object({ startMs: ms, endMs: ms })),
});
export type ExportPlanCamera = z.infer<typeof ExportPlanCamera>;

/** The answer before starting: is there footage, does it fit, what the folder will be called. */
export const ExportPlan = z.object({
  cameras: z.array(ExportPlanCamera),
  folderName: z.string(),
  /** Estimated size of the export folder: footage × 1.02 + snapshots + 8 MiB for documents. */
  neededBytes: bytes,
  /** Free space at the destination now; null when it cannot be read. */
  freeBytes: bytes.nullable(),
  /** At least one camera has footage in the range (the others are exported as "no footage"). */
  hasFootage: z.boolean(),
  /**
   * Why it cannot start, if it cannot: no_footage | destination_not_absolute |
   * destination_is_station_storage (the data or footage folder) | destination_missing |
   * destination_full | file_too_large_for_fat32 | station_disk_full (no room to stage the clips) |
   * codec_changed (a camera switched H.264 ↔ H.265 inside the range: one MP4 track holds one codec).
   */
  blocker: z.string().nullable(),
});
export type ExportPlan = z.infer<typeof ExportPlan>;

export const ExportStatus = z.enum(['running', 'complete', 'failed', 'cancelled']);
export type ExportStatus = z.infer<typeof ExportStatus>;

/**
 * Why an export stopped (failed): destination_missing (stick removed, folder gone),
 * destination_full, destination_not_writable, write_failed (I/O error),
 * verify_mismatch (read-back differs), no_footage, remux_failed (ffmpeg), internal.
 */
export const ExportErrorCode = z.enum([
  'destination_missing',
  'destination_full',
  'destination_not_writable',
  'write_failed',
  'verify_mismatch',
  'no_footage',
  'remux_failed',
  'internal',
]);
export type ExportErrorCode = z.infer<typeof ExportErrorCode>;

export const ExportFile = z.object({
  /** Path relative to the export folder, `/`-separated (e.g. `video/CAM01_….mp4`). */
  name: z.string(),
  bytes,
  sha256: z.string(),
  kind: z.enum(['video', 'snapshot', 'report', 'player', 'manifest']),
  cameraId: Id.nullable(),
  /** Videos: `fragments` (recorded samples copied into a plain MP4) or `remux` (ffmpeg, the fallback). */
  method: z.enum(['fragments', 'remux']).optional(),
});
export type ExportFile = z.infer<typeof ExportFile>;

export const ExportRecord = z.object({
  id: Id,
  status: ExportStatus,
  incidentId: Id.nullable(),
  incidentCode: z.string().nullable(),
  caseNumber: z.string(),
  cameras: z.array(z.object({ id: Id, name: z.string() })),
  fromMs: ms,
  toMs: ms,
  /** Folder the export folder was created in. */
  destination: z.string(),
  folderName: z.string(),
  officer: OfficerBrief,
  startedAt: ms,
  finishedAt: ms.nullable(),
  /** Bytes written (complete exports: the whole folder). */
  bytes,
  /** Files of a complete export: those its manifest lists, plus the manifest and the reports. */
  files: z.array(ExportFile),
  /** SHA-256 of manifest.json, also kept in the audit trail. */
  manifestSha256: z.string().nullable(),
  errorCode: ExportErrorCode.nullable(),
});
export type ExportRecord = z.infer<typeof ExportRecord>;

export const ExportPhase = z.enum(['preparing', 'video', 'files', 'verifying', 'finishing']);
export type ExportPhase = z.infer<typeof ExportPhase>;

/** Pushed about twice a second while an export runs. */
export const ExportProgress = z.object({
  id: Id,
  phase: ExportPhase,
  /** File being written now (relative name), if any. */
  currentFile: z.string().nullable(),
  filesDone: z.number().int().min(0),
  filesTotal: z.number().int().min(0),
  /** Work done / total, in bytes of the whole job (each byte is remuxed, copied and read back). */
  done: bytes,
  total: bytes,
  /** Estimated seconds left; null until there is enough to estimate. */
  etaSec: z.number().int().min(0).nullable(),
});
export type ExportProgress = z.infer<typeof ExportProgress>;

export const ExportListRequest = z
  .object({
    incidentId: Id.optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type ExportListRequest = z.input<typeof ExportListRequest>;

/** A folder an export went to before, offered again with the free space it has now. */
export const RecentFolder = z.object({
  path: z.string(),
  sizeBytes: bytes,
  freeBytes: bytes,
});
export type RecentFolder = z.infer<typeof RecentFolder>;

/** What the native folder picker returned (Electron only; null when cancelled or not available). */
export const ChosenFolder = z.object({
  path: z.string().nullable(),
  /** False in the browser build: the renderer shows a typed path instead. */
  supported: z.boolean(),
});
export type ChosenFolder = z.infer<typeof ChosenFolder>;
