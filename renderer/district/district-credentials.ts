// Reads the credentials file the centre issued, in the console, only to show the
// commander what they are about to connect to (station, name, hub) before it is
// sent; main parses and checks it again. The password is never kept or shown.
import { StationCredentials } from '../../electron/contract/district';

export interface CredentialsPreview {
  stationId: string;
  stationName: string;
  hubUrl: string;
}

/** Why a text is not a credentials file, as a message key suffix. */
export type CredentialsProblem =
  'empty' | 'not_json' | 'wrong_format' | 'station_id' | 'incomplete';

export type CredentialsCheck =
  { ok: true; preview: CredentialsPreview } | { ok: false; problem: CredentialsProblem };

/** The largest text the contract accepts (district.connect). */
export const MAX_CREDENTIALS_CHARS = 64 * 1024;

export function checkCredentials(text: string): CredentialsCheck {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, problem: 'empty' };
  if (trimmed.length > MAX_CREDENTIALS_CHARS) return { ok: false, problem: 'wrong_format' };
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    return { ok: false, problem: 'not_json' };
  }
  const parsed = StationCredentials.safeParse(json);
  if (parsed.success) {
    const { stationId, stationName, hubUrl } = parsed.data;
    return { ok: true, preview: { stationId, stationName, hubUrl } };
  }
  const paths = parsed.error.issues.map((i) => i.path[0]);
  if (paths.includes('format')) return { ok: false, problem: 'wrong_format' };
  if (paths.includes('stationId')) return { ok: false, problem: 'station_id' };
  return { ok: false, problem: 'incomplete' };
}

/** The hub's host:port as the commander reads it (tls://10.0.0.5:7422 → 10.0.0.5:7422). */
export const hubAddress = (hubUrl: string): string => hubUrl.replace(/^tls:\/\//, '');
