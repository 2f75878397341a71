// Wraps the api so that any call refused as `unauthenticated` tells the store
// the session is gone (ended elsewhere, core restarted, connection replaced).
// The store then tries to resume with the kept token and otherwise shows sign-in.
import type { StationApi } from '../../electron/contract/api';
import { toUiError } from '../api/api-error';

type AnyCall = (...args: never[]) => Promise<unknown>;

function isGroup(v: unknown): v is Record<string, AnyCall> {
  return typeof v === 'object' && v !== null;
}

export function watchUnauthenticated(api: StationApi, onLost: () => void): StationApi {
  const out: Record<string, unknown> = {};
  for (const [groupName, group] of Object.entries(api)) {
    // `auth.resume` answers unauthenticated for a stale token: that is its job, not a loss.
    if (!isGroup(group) || groupName === 'on') {
      out[groupName] = group;
      continue;
    }
    const wrapped: Record<string, AnyCall> = {};
    for (const [name, call] of Object.entries(group)) {
      wrapped[name] =
        groupName === 'auth' && name === 'resume'
          ? call
          : (...args: never[]) =>
              call(...args).catch((e: unknown) => {
                if (toUiError(e).code === 'unauthenticated') onLost();
                throw e;
              });
    }
    out[groupName] = wrapped;
  }
  return out as StationApi;
}
