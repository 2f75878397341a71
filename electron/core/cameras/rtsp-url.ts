// Credentials travel beside the URL, never inside the stored one: a pasted
// rtsp://user:pass@host/path is split into its parts, and the URL handed to
// ffmpeg gets them back percent-encoded.
export interface SplitUrl {
  /** The URL without user:pass@. */
  url: string;
  username: string | null;
  password: string | null;
}

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
const HOST_START = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?(?=[/?#]|$)/i;

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part; // a raw '%' in a password pasted unencoded
  }
}

/**
 * Splits user:pass@ out of a URL. Pasted passwords are often not percent-encoded
 * and may contain '@' or '/', so the userinfo ends at the '@' after which a host
 * follows, preferring a userinfo without '/'.
 */
export function splitCredentials(input: string): SplitUrl {
  const trimmed = input.trim();
  const scheme = SCHEME.exec(trimmed);
  if (!scheme) return { url: trimmed, username: null, password: null };
  const head = scheme[0];
  const rest = trimmed.slice(head.length);
  const candidates: number[] = [];
  for (let i = rest.indexOf('@'); i !== -1; i = rest.indexOf('@', i + 1)) {
    if (HOST_START.test(rest.slice(i + 1))) candidates.push(i);
  }
  const at =
    candidates.find((i) => !/[/?#]/.test(rest.slice(0, i))) ??
    // No clean userinfo: either an '@' inside the path (leave it) or a raw '/' in a
    // password, which shows as "user:pass/…" where the part after ':' is not a port.
    [...candidates].reverse().find((i) => {
      const userinfo = rest.slice(0, i);
      return /^[^/?#:]*:/.test(userinfo) && !/^[^/?#:]*:\d{1,5}(?:[/?#]|$)/.test(userinfo);
    });
  if (at === undefined) return { url: trimmed, username: null, password: null };
  const userinfo = rest.slice(0, at);
  const colon = userinfo.indexOf(':');
  const user = colon === -1 ? userinfo : userinfo.slice(0, colon);
  const pass = colon === -1 ? null : userinfo.slice(colon + 1);
  return {
    url: head + rest.slice(at + 1),
    username: user === '' ? null : decode(user),
    password: pass === null || pass === '' ? null : decode(pass),
  };
}

/** Puts credentials back into a credential-free URL for ffmpeg. Never log the result. */
export function withCredentials(
  url: string,
  username: string | null,
  password: string | null,
): string {
  const scheme = SCHEME.exec(url);
  if (!scheme || (!username && !password)) return url;
  const userinfo =
    encodeURIComponent(username ?? '') + (password ? ':' + encodeURIComponent(password) : '');
  return scheme[0] + userinfo + '@' + url.slice(scheme[0].length);
}

/** The URL as it may appear in logs: credentials removed. */
export function safeUrlLabel(url: string): string {
  return splitCredentials(url).url;
}
