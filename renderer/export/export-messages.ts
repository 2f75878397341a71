// What stops an export, in words that say what to do next: the plan's blocker
// before starting, the record's error code after a failure.
import type { Language } from '../../electron/contract/schemas';
import type {
  ExportErrorCode,
  ExportPhase,
  ExportPlan,
  ExportRecord,
  ExportStatus,
} from '../../electron/contract/export-schemas';
import { EXPORT_PARTIAL_SUFFIX } from '../../electron/contract/export-schemas';
import type { MessageKey, Translate } from '../i18n/translate';
import { isMessageKey } from '../i18n/translate';
import { formatSizesAlike } from '../storage/format-storage';
import { fieldMessage } from '../api/api-error';

/** A reason main gives (plan blocker or start refusal) that has its own sentence. */
export function isBlocker(reason: string): boolean {
  return isMessageKey(`export.blocker.${reason}`);
}

/** The plan's blocker as a sentence; null when the plan can start. */
export function blockerMessage(
  plan: Pick<ExportPlan, 'blocker' | 'neededBytes' | 'freeBytes'>,
  t: Translate,
  language: Language,
): string | null {
  const code = plan.blocker;
  if (!code) return null;
  const key = `export.blocker.${code}`;
  if (!isMessageKey(key)) return t('export.blocker.other', { code });
  const [needed = '', free = '—'] = formatSizesAlike(
    plan.freeBytes === null ? [plan.neededBytes] : [plan.neededBytes, plan.freeBytes],
    language,
  );
  return t(key, { needed, free });
}

const FAILURE_KEY: Record<ExportErrorCode, MessageKey> = {
  destination_missing: 'export.failed.destination_missing',
  destination_full: 'export.failed.destination_full',
  destination_not_writable: 'export.failed.destination_not_writable',
  write_failed: 'export.failed.write_failed',
  verify_mismatch: 'export.failed.verify_mismatch',
  no_footage: 'export.failed.no_footage',
  remux_failed: 'export.failed.remux_failed',
  internal: 'export.failed.internal',
};

/** Why a failed export stopped; a record without a code counts as internal. */
export function failureMessage(code: ExportErrorCode | null, t: Translate): string {
  return t(FAILURE_KEY[code ?? 'internal']);
}

/**
 * What a failure may have left on the destination. The job removes its
 * `.partial` folder on every failure, but cannot reach a pulled stick and may
 * be refused by a failing one: only where the destination was sound is the
 * clean-up stated as done.
 */
const LEFTOVER_KEY: Record<ExportErrorCode, MessageKey> = {
  destination_missing: 'export.leftover.unreachable',
  destination_not_writable: 'export.leftover.maybe',
  write_failed: 'export.leftover.maybe',
  verify_mismatch: 'export.leftover.maybe',
  internal: 'export.leftover.maybe',
  // Removing files from a full drive works; the other two fail before or beside the writing.
  destination_full: 'export.leftover.removed',
  no_footage: 'export.leftover.removed',
  remux_failed: 'export.leftover.removed',
};

export function leftoverMessage(
  record: Pick<ExportRecord, 'errorCode' | 'folderName'>,
  t: Translate,
): string {
  return t(LEFTOVER_KEY[record.errorCode ?? 'internal'], {
    folder: record.folderName + EXPORT_PARTIAL_SUFFIX,
  });
}

export function phaseKey(phase: ExportPhase): MessageKey {
  return `export.phase.${phase}`;
}

export function exportStatusKey(status: ExportStatus): MessageKey {
  return `export.status.${status}`;
}

/** A selection issue (zod message or blocker-like code) → its sentence. */
export function exportFieldMessage(issue: string, t: Translate): string {
  const key = `export.field.${issue}`;
  return isMessageKey(key) ? t(key) : fieldMessage(issue, t);
}
