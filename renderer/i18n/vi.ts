// Vietnamese is the default locale. Every string shown to an officer lives in the
// messages.vi.ts of the renderer folder that shows it (English twin: messages.en.ts,
// which must have exactly the same keys), merged here into one dictionary.
// Placeholders: {name}.
import { viAlerts } from '../alerts/messages.vi';
import { viAudit } from '../audit/messages.vi';
import { viAuth } from '../auth/messages.vi';
import { viCameras } from '../cameras/messages.vi';
import { viConnection } from '../connection/messages.vi';
import { viDistrict } from '../district/messages.vi';
import { viExport } from '../export/messages.vi';
import { viIncidents } from '../incidents/messages.vi';
import { viLive } from '../live/messages.vi';
import { viOfficers } from '../officers/messages.vi';
import { viPlayback } from '../playback/messages.vi';
import { viSettings } from '../settings/messages.vi';
import { viShell } from '../shell/messages.vi';
import { viShifts } from '../shifts/messages.vi';
import { viStorage } from '../storage/messages.vi';
import { mergeCatalogs } from './merge-catalogs';

/** Each folder's messages under the folder's name (the test checks key prefixes against it). */
export const viByFolder = {
  alerts: viAlerts,
  audit: viAudit,
  auth: viAuth,
  cameras: viCameras,
  connection: viConnection,
  district: viDistrict,
  export: viExport,
  incidents: viIncidents,
  live: viLive,
  officers: viOfficers,
  playback: viPlayback,
  settings: viSettings,
  shell: viShell,
  shifts: viShifts,
  storage: viStorage,
};

export const vi = mergeCatalogs(viByFolder);

export type MessageKey = keyof typeof vi;
