// English, from the messages.en.ts twin of each folder's messages.vi.ts.
import { enAlerts } from '../alerts/messages.en';
import { enAudit } from '../audit/messages.en';
import { enAuth } from '../auth/messages.en';
import { enCameras } from '../cameras/messages.en';
import { enConnection } from '../connection/messages.en';
import { enDistrict } from '../district/messages.en';
import { enExport } from '../export/messages.en';
import { enIncidents } from '../incidents/messages.en';
import { enLive } from '../live/messages.en';
import { enOfficers } from '../officers/messages.en';
import { enPlayback } from '../playback/messages.en';
import { enSettings } from '../settings/messages.en';
import { enShell } from '../shell/messages.en';
import { enShifts } from '../shifts/messages.en';
import { enStorage } from '../storage/messages.en';
import { mergeCatalogs } from './merge-catalogs';
import type { MessageKey, viByFolder } from './vi';

// Typed against vi's folders so a folder or key missing in English is a compile error.
export const enByFolder = {
  alerts: enAlerts,
  audit: enAudit,
  auth: enAuth,
  cameras: enCameras,
  connection: enConnection,
  district: enDistrict,
  export: enExport,
  incidents: enIncidents,
  live: enLive,
  officers: enOfficers,
  playback: enPlayback,
  settings: enSettings,
  shell: enShell,
  shifts: enShifts,
  storage: enStorage,
} satisfies { [F in keyof typeof viByFolder]: Record<keyof (typeof viByFolder)[F], string> };

export const en: Record<MessageKey, string> = mergeCatalogs(enByFolder);
