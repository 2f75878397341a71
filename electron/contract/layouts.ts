// Saved live-view layouts.
import { z } from 'zod';
import { byId, none, ok, type ChannelMap, type EventMap } from './channel-spec';
import { Layout, LayoutInput } from './schemas';

export const layoutChannels = {
  'layout.list': { request: none, response: z.array(Layout), access: 'session' },
  'layout.save': { request: LayoutInput.strict(), response: Layout, access: 'officer' },
  'layout.remove': { request: byId, response: ok, access: 'officer' },
} as const satisfies ChannelMap;

export const layoutEvents = {
  'layout.changed': z.object({ layouts: z.array(Layout) }),
} as const satisfies EventMap;
