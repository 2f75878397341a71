import type { viSettings } from './messages.vi';

export const enSettings: Record<keyof typeof viSettings, string> = {
  'toast.settingsSaved': 'Settings saved',
  'error.ffmpeg_missing': 'ffmpeg not found. Check the ffmpeg path in Settings.',

  'settings.title': 'Settings',
  'settings.language': 'Interface language',
  'settings.languageVi': 'Tiếng Việt',
  'settings.languageEn': 'English',
  'settings.stationName': 'Station name',
  'settings.stationNamePlaceholder': 'e.g. Ben Nghe Ward Police',
  'settings.tourInterval': 'Tour page interval (seconds)',
  'settings.alertMuted': 'Mute the alarm when a camera goes offline',
  'settings.ffmpegPath': 'ffmpeg path',
  'settings.ffmpegAuto': 'Empty: find automatically',
  'settings.dataDir': 'Data folder',
  'settings.version': 'Version',
  'service.section': 'Recording service',
  'service.running': 'It runs on its own and records every camera even when the console is closed.',
  'service.stop': 'Stop the recording service…',
  'service.stopTitle': 'Stop the recording service',
  'service.stopWarning':
    'Every camera STOPS RECORDING until the service is started again (restart the PC, or open the console again). Stop it only for maintenance or when ordered to. The stop is recorded in the audit log.',
  'service.stopReason': 'Reason',
  'service.stopReasonPlaceholder': 'For example: replacing the recording disk as planned',
  'service.stopConfirm': 'I understand that no camera is recorded while the service is stopped',
  'service.stopButton': 'Stop recording',
  'service.stopping': 'Stopping…',
  'error.conflict.not_stoppable': 'This service cannot be stopped from the console.',

  'settings.consoleSection': 'Your console',
  'settings.stationSection': 'Station settings',
  'settings.stationByCommander':
    'Station name, automatic screen lock, incident time range and ffmpeg are set by a commander.',
  'settings.idleLock': 'Lock the screen after (minutes)',
  'settings.idleLockHint': '0 = never. Cameras keep showing and recording while locked.',
  'settings.incidentBefore': 'Incident: from before (seconds)',
  'settings.incidentAfter': 'Incident: until after (seconds)',
};
