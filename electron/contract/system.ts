// The station itself: what runs, stopping the service, console crash reports.
import { ConsoleEventInput } from './console-schemas';
import { none, ok, type ChannelMap, type EventMap } from './channel-spec';
import { StopServiceInput, SystemInfo } from './schemas';

export const systemChannels = {
  'system.info': { request: none, response: SystemInfo, access: 'public' },
  /**
   * Audited, then the service stops (recording with it) once the reply is sent.
   * Errors: conflict (not_stoppable: this core does not run as a stoppable service).
   */
  'system.stopService': { request: StopServiceInput, response: ok, access: 'commander' },
  /** A console's page crashed or hung and was reloaded; audited. Public: it may happen before sign-in. */
  'system.consoleEvent': { request: ConsoleEventInput, response: ok, access: 'public' },
} as const satisfies ChannelMap;

export const systemEvents = {} as const satisfies EventMap;
