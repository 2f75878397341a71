// Runs one contract call: checks the channel, checks who may call it (the
// channel's `access`), parses the request with its zod schema, runs the handler,
// and validates the response so nothing half-valid crosses to the renderer.
// Used by every transport (Electron IPC, WebSocket).
import { ApiError, zodIssuesToFields, type ApiErrorBody } from '../../contract/errors';
import {
  accessOf,
  channels,
  isChannel,
  type Access,
  type Channel,
  type ParsedRequestOf,
  type ResponseOf,
} from '../../contract/channels';
import type { OfficerRole } from '../../contract/officer-schemas';

/**
 * One per connection (a WebSocket, an Electron webContents): holds the session
 * token once the officer signs in. Sign-in and resume set it; sign-out clears it.
 */
export interface SessionBinding {
  token: string | null;
}

export interface CallContext {
  transport: 'ipc' | 'ws' | 'test';
  binding: SessionBinding;
}

/** The signed-in officer behind a call. */
export interface Principal {
  officerId: string;
  fullName: string;
  rank: string;
  role: OfficerRole;
  /** null: a commander's supervision session alongside another officer's shift. */
  shiftId: string | null;
  token: string;
  locked: boolean;
}

/** What a handler sees: the call context plus the officer, when signed in. */
export interface AuthorizedContext extends CallContext {
  actor: Principal | null;
}

/** Resolves the caller for a channel's access level, or throws an ApiError. */
export type Authorize = (access: Access, binding: SessionBinding) => Principal | null;

export type Handler<C extends Channel> = (
  req: ParsedRequestOf<C>,
  ctx: AuthorizedContext,
) => Promise<ResponseOf<C>>;

/** A handler for every channel; TypeScript rejects a map that misses one. */
export type Handlers = { [C in Channel]: Handler<C> };

/** Everything a transport needs to serve the contract. */
export interface Endpoint {
  handlers: Handlers;
  authorize: Authorize;
}

export interface DispatchOptions {
  /** Receives errors that are not ApiErrors; their details stay in main. */
  onInternalError?: (channel: string, err: unknown) => void;
}

/** The access rule of the contract, over any way of finding a session by token. */
export function createAuthorize(lookup: (token: string) => Principal | null): Authorize {
  return (access, binding) => {
    const principal = binding.token ? lookup(binding.token) : null;
    if (access === 'public') return principal;
    if (!principal) throw new ApiError('unauthenticated', 'sign_in_required');
    if (access === 'session') return principal;
    if (principal.locked) throw new ApiError('locked', 'screen_locked');
    if (access === 'commander' && principal.role !== 'commander')
      throw new ApiError('forbidden', 'commander_only');
    return principal;
  };
}

export type DispatchOutcome = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };

export async function dispatch(
  endpoint: Endpoint,
  channel: unknown,
  payload: unknown,
  ctx: CallContext,
  opts: DispatchOptions = {},
): Promise<unknown> {
  if (!isChannel(channel)) throw new ApiError('unknown_channel', 'unknown_channel');
  return run(endpoint, channel, payload, ctx, opts);
}

async function run<C extends Channel>(
  endpoint: Endpoint,
  channel: C,
  payload: unknown,
  ctx: CallContext,
  opts: DispatchOptions,
): Promise<ResponseOf<C>> {
  // Who may call comes before what they sent: a caller without access learns nothing more.
  const actor = endpoint.authorize(accessOf(channel), ctx.binding);
  const spec = channels[channel];
  // A missing payload means "no arguments" for channels whose request is empty.
  const parsed = spec.request.safeParse(payload === undefined || payload === null ? {} : payload);
  if (!parsed.success) {
    throw new ApiError('invalid_request', 'invalid_request', zodIssuesToFields(parsed.error));
  }
  const handler = endpoint.handlers[channel] as Handler<C>;
  let result: ResponseOf<C>;
  try {
    result = await handler(parsed.data as ParsedRequestOf<C>, { ...ctx, actor });
  } catch (err) {
    if (err instanceof ApiError) throw err;
    opts.onInternalError?.(channel, err);
    throw new ApiError('internal', 'internal_error');
  }
  const checked = spec.response.safeParse(result);
  if (!checked.success) {
    opts.onInternalError?.(
      channel,
      new Error(`response of ${channel} failed validation: ${checked.error.message}`),
    );
    throw new ApiError('internal', 'internal_error');
  }
  return checked.data as ResponseOf<C>;
}

/** dispatch() as a value for the wire: never throws. */
export async function dispatchToOutcome(
  endpoint: Endpoint,
  channel: unknown,
  payload: unknown,
  ctx: CallContext,
  opts: DispatchOptions = {},
): Promise<DispatchOutcome> {
  try {
    return { ok: true, result: await dispatch(endpoint, channel, payload, ctx, opts) };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, error: err.toBody() };
    opts.onInternalError?.(String(channel), err);
    return { ok: false, error: { code: 'internal', message: 'internal_error' } };
  }
}
