import type { viAlerts } from './messages.vi';

export const enAlerts: Record<keyof typeof viAlerts, string> = {
  'cameraAlarm.title': 'Camera offline',
  'cameraAlarm.item': '{name} offline since {time}',
  'cameraAlarm.itemAuth': '{name}: wrong password since {time}, neither viewed nor recorded',
  'cameraAlarm.ack': 'Acknowledge',
  'cameraAlarm.ackHint':
    'Silences the alarm for this outage; it rings again if the camera goes offline later.',
  'cameraAlarm.soundBlocked': 'The alarm cannot sound yet: click the screen to enable it.',
  'cameraAlarm.ackFailed': 'The acknowledgement was not recorded. Try again.',

  'pictureAlarm.title': 'Picture and camera clock alarms',
  'pictureAlarm.black': 'Picture lost – black screen',
  'pictureAlarm.frozen': 'Picture frozen',
  'pictureAlarm.covered': 'Camera covered/blurred',
  'pictureAlarm.scene': 'Camera turned/scene changed',
  'pictureAlarm.clock': 'Camera clock off',
  'pictureAlarm.timezone': 'Camera time zone wrong',
  'pictureAlarm.blackAdvice':
    'The stream is connected but the picture is black. Check the tile; if it stays black, send someone to the camera.',
  'pictureAlarm.frozenAdvice':
    'The picture does not change (its clock overlay may still run). Check the tile; if frozen, restart the camera.',
  'pictureAlarm.coveredAdvice':
    'The lens may be covered, sprayed or blurred. Send someone to check on site.',
  'pictureAlarm.sceneAdvice':
    'The view differs from the reference: the camera may have been turned. If it was re-aimed on purpose, a commander retakes the reference.',
  'pictureAlarm.clockAdvice':
    'Footage from this camera will carry the wrong time. A commander clicks “Set clock from station”.',
  'pictureAlarm.timezoneAdvice':
    'The camera is not set to Vietnam time (UTC+7). A commander clicks “Set clock from station”.',
  'pictureAlarm.item': '{name}: {what}',
  'pictureAlarm.since': 'since {time}',
  'pictureAlarm.offset': 'off by {offset}',
  'pictureAlarm.source.camera': 'reported by the camera',
  'pictureAlarm.ackHint': 'Silences this alarm; it rings again if the camera has trouble again.',
};
