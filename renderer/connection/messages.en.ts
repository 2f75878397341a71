import type { viConnection } from './messages.vi';

export const enConnection: Record<keyof typeof viConnection, string> = {
  'serviceDown.title': "Lost connection to the station's recording service",
  'serviceDown.text':
    'Cameras may not be recording. Reconnecting automatically… If this lasts over 1 minute: restart the computer or call the technician.',
  'serviceDown.for': 'Down for {duration}',
  'serviceDown.silence': 'Silence alarm',
  'serviceDown.silenced': 'Alarm silenced for this outage',
  'serviceDown.stale': 'Camera and recording states are from {time}, not updated since',
  'serviceDown.soundBlocked': 'The alarm cannot sound yet: click the screen to enable it.',
};
