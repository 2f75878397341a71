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
};
