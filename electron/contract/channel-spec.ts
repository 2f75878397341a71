// What every domain's channel and event map is made of; the domains' maps are merged into the one
// contract in channels.ts.
import { z } from 'zod';
import { Id } from './schemas';

/**
 * Who may call a channel. Checked by dispatch() before the request is parsed:
 * - public: anyone holding the launch token (sign-in screen);
 * - session: a signed-in officer, even while the screen is locked (live view
 *   keeps running behind the lock);
 * - officer: a signed-in officer with the screen unlocked;
 * - commander: as officer, and the officer is a commander (chỉ huy).
 */
export type Access = 'public' | 'session' | 'officer' | 'commander';

export interface ChannelSpec {
  request: z.ZodTypeAny;
  response: z.ZodTypeAny;
  access: Access;
}

/** A domain's channels, keyed `domain.verb`. */
export type ChannelMap = Record<string, ChannelSpec>;
/** A domain's events: the payload schema of each. */
export type EventMap = Record<string, z.ZodTypeAny>;

/** The request of a channel that takes no arguments. */
export const none = z.object({}).strict().default({});
export const byId = z.object({ id: Id }).strict();
export const ok = z.object({ ok: z.literal(true) });
