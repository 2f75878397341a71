// Console and station settings.
import { none, type ChannelMap, type EventMap } from './channel-spec';
import { Settings, SettingsUpdate, StationSettingsUpdate } from './schemas';

export const settingsChannels = {
  'settings.get': { request: none, response: Settings, access: 'session' },
  'settings.update': { request: SettingsUpdate.strict(), response: Settings, access: 'officer' },
  'settings.updateStation': {
    request: StationSettingsUpdate.strict(),
    response: Settings,
    access: 'commander',
  },
} as const satisfies ChannelMap;

export const settingsEvents = {
  'settings.changed': Settings,
} as const satisfies EventMap;
