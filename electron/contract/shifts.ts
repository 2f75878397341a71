// Shifts and their handovers.
import { z } from 'zod';
import { byId, none, type ChannelMap, type EventMap } from './channel-spec';
import {
  AcknowledgeInput,
  CurrentShift,
  EndShiftInput,
  Handover,
  HandoverListRequest,
} from './shift-schemas';

export const shiftChannels = {
  'shift.current': { request: none, response: CurrentShift, access: 'officer' },
  /** Ends the caller's shift: the handover waits for the next officer; the session ends. */
  'shift.end': { request: EndShiftInput, response: Handover, access: 'officer' },
  /** Errors: conflict (same_officer | already_acknowledged). */
  'shift.acknowledge': { request: AcknowledgeInput, response: Handover, access: 'officer' },
  'shift.handovers': {
    request: HandoverListRequest,
    response: z.array(Handover),
    access: 'officer',
  },
  'shift.handover': { request: byId, response: Handover, access: 'officer' },
} as const satisfies ChannelMap;

export const shiftEvents = {} as const satisfies EventMap;
