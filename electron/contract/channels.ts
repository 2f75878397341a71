// The single contract between main and renderer (GitHub Desktop's ipc-shared.ts
// idea, with a zod schema per channel). Every transport — Electron IPC and the
// loopback WebSocket used for browser runs and e2e — carries exactly these. Each domain
// defines its channels and events in its own file (cameras.ts, incidents.ts, …); this merges them.
import { z } from 'zod';
import type { Access, ChannelMap, EventMap } from './channel-spec';
import { auditChannels, auditEvents } from './audit';
import { cameraAlarmChannels, cameraAlarmEvents } from './camera-alarms';
import { cameraChannels, cameraEvents } from './cameras';
import { districtChannels, districtEvents } from './district';
import { exportChannels, exportEvents } from './export';
import { incidentChannels, incidentEvents } from './incidents';
import { layoutChannels, layoutEvents } from './layouts';
import { officerChannels, officerEvents } from './officers';
import { onvifChannels, onvifEvents } from './onvif';
import { outageChannels, outageEvents } from './outages';
import { playbackChannels, playbackEvents } from './playback';
import { ptzChannels, ptzEvents } from './ptz';
import { recordingChannels, recordingEvents } from './recording';
import { settingsChannels, settingsEvents } from './settings';
import { shiftChannels, shiftEvents } from './shifts';
import { storageChannels, storageEvents } from './storage';
import { systemChannels, systemEvents } from './system';
import { tamperChannels, tamperEvents } from './tamper';

export type { Access } from './channel-spec';

/**
 * Every domain's slice of the contract, in the order docs/ref/contract.md lists them. Each file
 * holds its domain's channels and events; the maps below merge them.
 */
export const contractDomains = [
  { domain: 'system', channels: systemChannels, events: systemEvents },
  { domain: 'officers', channels: officerChannels, events: officerEvents },
  { domain: 'shifts', channels: shiftChannels, events: shiftEvents },
  { domain: 'incidents', channels: incidentChannels, events: incidentEvents },
  { domain: 'playback', channels: playbackChannels, events: playbackEvents },
  { domain: 'export', channels: exportChannels, events: exportEvents },
  { domain: 'audit', channels: auditChannels, events: auditEvents },
  { domain: 'cameras', channels: cameraChannels, events: cameraEvents },
  { domain: 'outages', channels: outageChannels, events: outageEvents },
  { domain: 'camera-alarms', channels: cameraAlarmChannels, events: cameraAlarmEvents },
  { domain: 'tamper', channels: tamperChannels, events: tamperEvents },
  { domain: 'onvif', channels: onvifChannels, events: onvifEvents },
  { domain: 'ptz', channels: ptzChannels, events: ptzEvents },
  { domain: 'layouts', channels: layoutChannels, events: layoutEvents },
  { domain: 'settings', channels: settingsChannels, events: settingsEvents },
  { domain: 'recording', channels: recordingChannels, events: recordingEvents },
  { domain: 'storage', channels: storageChannels, events: storageEvents },
  { domain: 'district', channels: districtChannels, events: districtEvents },
] as const satisfies readonly { domain: string; channels: ChannelMap; events: EventMap }[];

/** `true` when no key is in two of the maps; otherwise names the key twice defined. */
type Disjoint<
  Maps extends readonly unknown[],
  Seen extends PropertyKey = never,
> = Maps extends readonly [infer First, ...infer Rest]
  ? [keyof First & Seen] extends [never]
    ? Disjoint<Rest, Seen | keyof First>
    : { definedTwice: keyof First & Seen }
  : true;
/** One field of every domain, as a tuple. */
type Each<T extends readonly unknown[], F extends 'channels' | 'events'> = {
  [K in keyof T]: T[K] extends Record<F, infer Map> ? Map : never;
};
// A channel or event defined by two domains fails to compile here (a spread would silently keep
// the last); contract-domains.test.ts checks the merged maps hold every domain's entries.
const channelsDisjoint: Disjoint<Each<typeof contractDomains, 'channels'>> = true;
const eventsDisjoint: Disjoint<Each<typeof contractDomains, 'events'>> = true;
void channelsDisjoint;
void eventsDisjoint;

export const channels = {
  ...systemChannels,
  ...officerChannels,
  ...shiftChannels,
  ...incidentChannels,
  ...playbackChannels,
  ...exportChannels,
  ...auditChannels,
  ...cameraChannels,
  ...outageChannels,
  ...cameraAlarmChannels,
  ...tamperChannels,
  ...onvifChannels,
  ...ptzChannels,
  ...layoutChannels,
  ...settingsChannels,
  ...recordingChannels,
  ...storageChannels,
  ...districtChannels,
};

export type Channels = typeof channels;
export type Channel = keyof Channels;
export type RequestOf<C extends Channel> = z.input<Channels[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<Channels[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<Channels[C]['response']>;

/** Events main pushes to the renderer. */
export const events = {
  ...systemEvents,
  ...officerEvents,
  ...shiftEvents,
  ...incidentEvents,
  ...playbackEvents,
  ...exportEvents,
  ...auditEvents,
  ...cameraEvents,
  ...outageEvents,
  ...cameraAlarmEvents,
  ...tamperEvents,
  ...onvifEvents,
  ...ptzEvents,
  ...layoutEvents,
  ...settingsEvents,
  ...recordingEvents,
  ...storageEvents,
  ...districtEvents,
};

export type Events = typeof events;
export type EventName = keyof Events;
export type EventOf<E extends EventName> = z.output<Events[E]>;

export function accessOf(channel: Channel): Access {
  return channels[channel].access;
}

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}
