// Why an export stopped, as a contract code the renderer words for the officer.
// File-system errors are classified by errno: a removed stick shows up as ENOENT,
// ENODEV, ENXIO or EIO depending on the OS and the moment it was pulled.
import type { ExportErrorCode } from '../../contract/export-schemas';

export class ExportFailure extends Error {
  constructor(
    readonly code: ExportErrorCode,
    /** For the log, never shown raw to the officer. */
    readonly detail = '',
  ) {
    super(`export failed: ${code}${detail ? ` (${detail})` : ''}`);
    this.name = 'ExportFailure';
  }
}

/** The officer pressed cancel: not a failure, but it ends the same way (nothing left behind). */
export class ExportCancelled extends Error {
  constructor() {
    super('export cancelled');
    this.name = 'ExportCancelled';
  }
}

const FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);
const GONE = new Set(['ENOENT', 'ENODEV', 'ENXIO', 'ENOTDIR', 'ESTALE', 'ENOMEDIUM']);
const READ_ONLY = new Set(['EROFS', 'EACCES', 'EPERM']);

/** Maps an error thrown while writing to the destination to what the officer is told. */
export function classifyWriteError(err: unknown): ExportErrorCode {
  if (err instanceof ExportFailure) return err.code;
  const code = (err as NodeJS.ErrnoException | null)?.code ?? '';
  if (FULL.has(code)) return 'destination_full';
  if (GONE.has(code)) return 'destination_missing';
  if (READ_ONLY.has(code)) return 'destination_not_writable';
  return 'write_failed';
}

export function isCancel(err: unknown): boolean {
  return err instanceof ExportCancelled || (err as Error | null)?.name === 'AbortError';
}
