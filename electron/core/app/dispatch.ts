// Runs one contract call: checks the channel, parses the request with its zod
// schema, runs the handler, and validates the response so nothing half-valid
// crosses to the renderer. Used by every transport (Electron IPC, WebSocket).
import { ApiError, zodIssuesToFields, type ApiErrorBody } from '../../contract/errors';
import {
  channels,
  isChannel,
  type Channel,
  type ParsedRequestOf,
  type ResponseOf,
} from '../../contract/channels';

export interface CallContext {
  transport: 'ipc' | 'ws' | 'test';
  /** The signed-in officer, once accounts exist (a later issue). */
  officerId?: string | null;
}

export type Handler<C extends Channel> = (
  req: ParsedRequestOf<C>,
  ctx: CallContext,
) => Promise<ResponseOf<C>>;

/** A handler for every channel; TypeScript rejects a map that misses one. */
export type Handlers = { [C in Channel]: Handler<C> };

export interface DispatchOptions {
  /** Receives errors that are not ApiErrors; their details stay in main. */
  onInternalError?: (channel: string, err: unknown) => void;
}

export type DispatchOutcome = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };

export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  payload: unknown,
  ctx: CallContext,
  opts: DispatchOptions = {},
): Promise<unknown> {
  if (!isChannel(channel)) throw new ApiError('unknown_channel', 'unknown_channel');
  return run(handlers, channel, payload, ctx, opts);
}

async function run<C extends Channel>(
  handlers: Handlers,
  channel: C,
  payload: unknown,
  ctx: CallContext,
  opts: DispatchOptions,
): Promise<ResponseOf<C>> {
  const spec = channels[channel];
  // A missing payload means "no arguments" for channels whose request is empty.
  const parsed = spec.request.safeParse(payload === undefined || payload === null ? {} : payload);
  if (!parsed.success) {
    throw new ApiError('invalid_request', 'invalid_request', zodIssuesToFields(parsed.error));
  }
  const handler = handlers[channel] as Handler<C>;
  let result: ResponseOf<C>;
  try {
    result = await handler(parsed.data as ParsedRequestOf<C>, ctx);
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
  handlers: Handlers,
  channel: unknown,
  payload: unknown,
  ctx: CallContext,
  opts: DispatchOptions = {},
): Promise<DispatchOutcome> {
  try {
    return { ok: true, result: await dispatch(handlers, channel, payload, ctx, opts) };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, error: err.toBody() };
    opts.onInternalError?.(String(channel), err);
    return { ok: false, error: { code: 'internal', message: 'internal_error' } };
  }
}
