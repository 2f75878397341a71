// Export of footage to a USB drive or folder.
import { z } from 'zod';
import { byId, none, type ChannelMap, type EventMap } from './channel-spec';
import {
  ChosenFolder,
  ExportDrive,
  ExportListRequest,
  ExportPlan,
  ExportProgress,
  ExportRecord,
  ExportSelection,
  RecentFolder,
} from './export-schemas';

export const exportChannels = {
  /** Removable drives mounted now; the export dialog asks every few seconds (plug/unplug). */
  'export.drives': { request: none, response: z.array(ExportDrive), access: 'officer' },
  /**
   * Folders earlier exports went to that still exist (newest first, at most 5, not the
   * removable drives' own roots), each with its free space: choices where there is no
   * native picker.
   */
  'export.recentFolders': {
    request: none,
    response: z.array(RecentFolder),
    access: 'officer',
  },
  /** Native folder picker (Electron); `supported: false` in the browser build. */
  'export.chooseFolder': { request: none, response: ChosenFolder, access: 'officer' },
  /** Footage, size and free space before starting; nothing is written. */
  'export.plan': { request: ExportSelection, response: ExportPlan, access: 'officer' },
  /**
   * Starts an export (one at a time); progress comes as `export.progress`, the end as
   * `export.changed`. Errors: conflict (export_running | no_footage | destination_*).
   */
  'export.start': { request: ExportSelection, response: ExportRecord, access: 'officer' },
  /** Cancels a running export: partial files are removed; audited. */
  'export.cancel': { request: byId, response: ExportRecord, access: 'officer' },
  'export.list': {
    request: ExportListRequest,
    response: z.array(ExportRecord),
    access: 'officer',
  },
} as const satisfies ChannelMap;

export const exportEvents = {
  /** Progress of the running export. */
  'export.progress': ExportProgress,
  /** An export started, completed, failed or was cancelled. */
  'export.changed': ExportRecord,
} as const satisfies EventMap;
