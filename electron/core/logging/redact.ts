// Strips credentials from anything headed for a log line: user:pass@ inside
// URLs (rtsp, http, ws …) and values of fields whose names mean a secret.
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi;
const SECRET_QUERY = /([?&](?:token|password|pass|pwd|key)=)[^&\s#]*/gi;
const SECRET_KEY =
  /pass(word)?|secret|token|^key$|apikey|credential|authorization|cookie|sealed|_enc$/i;
export const REDACTED = '[redacted]';

export function redactText(text: string): string {
  return text.replace(URL_CREDENTIALS, '$1***@').replace(SECRET_QUERY, `$1${REDACTED}`);
}

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return '[deep]';
  if (value instanceof Error) {
    return {
      name: value.name,
      message: redactText(value.message),
      ...(value.stack ? { stack: redactText(value.stack) } : {}),
      ...('code' in value ? { code: redact((value as { code: unknown }).code, depth + 1) } : {}),
    };
  }
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] =
      SECRET_KEY.test(k) && v !== null && v !== undefined && typeof v !== 'boolean'
        ? REDACTED
        : redact(v, depth + 1);
  }
  return out;
}
