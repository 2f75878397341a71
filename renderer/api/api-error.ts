// Turns whatever a transport rejected with into a code and field issues the UI
// can translate. Raw messages are never shown to the officer.
import { ApiErrorCode, type ApiErrorCode as Code } from '../../electron/contract/errors';
import type { MessageKey, Translate } from '../i18n/translate';
import { isMessageKey } from '../i18n/translate';

export interface UiError {
  code: Code;
  fields: Record<string, string>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function fieldsOf(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(v)) return out;
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}

/** The error body wherever the transport put it, plus main's stable reason (its message). */
function bodyOf(e: unknown): (UiError & { reason: string | null }) | null {
  if (!isRecord(e)) return null;
  const parsed = ApiErrorCode.safeParse(e.code);
  if (parsed.success)
    return {
      code: parsed.data,
      fields: fieldsOf(e.fields),
      reason: typeof e.message === 'string' ? e.message : null,
    };
  // Electron's IPC flattens errors to "Error invoking remote method '…': <message>"; the
  // preload may pass the JSON body in the message.
  if (typeof e.message === 'string') {
    const json = /\{.*\}/s.exec(e.message);
    if (json) {
      try {
        const body: unknown = JSON.parse(json[0]);
        if (isRecord(body)) {
          const code = ApiErrorCode.safeParse(body.code);
          if (code.success)
            return {
              code: code.data,
              fields: fieldsOf(body.fields),
              reason: typeof body.message === 'string' ? body.message : null,
            };
        }
      } catch {
        // not JSON: fall through
      }
    }
  }
  return null;
}

export function toUiError(e: unknown): UiError {
  const body = bodyOf(e);
  return body ? { code: body.code, fields: body.fields } : { code: 'internal', fields: {} };
}

/** Main's stable snake_case reason, e.g. "bad_password" or "last_commander" (null if none). */
export function errorReason(e: unknown): string | null {
  return bodyOf(e)?.reason ?? null;
}

/** `error.<code>.<reason>` when the locale has words for that reason, else `error.<code>`. */
export function errorKey(e: unknown): MessageKey {
  const { code } = toUiError(e);
  const reason = errorReason(e);
  const specific = `error.${code}.${reason ?? ''}`;
  return reason && isMessageKey(specific) ? specific : `error.${code}`;
}

/** The sentence for an error; field values (e.g. retryAfterSec) fill its placeholders. */
export function errorMessage(e: unknown, t: Translate): string {
  return t(errorKey(e), toUiError(e).fields);
}

/** A zod/issue message for a field → a sentence. Known codes have their own text. */
export function fieldMessage(issue: string, t: Translate): string {
  const key = `field.${issue}`;
  if (isMessageKey(key)) return t(key);
  if (/too_big|too big|at most|<=/i.test(issue)) return t('field.tooLong');
  if (/too_small|too small|at least|>=/i.test(issue)) return t('field.required');
  if (/number|integer/i.test(issue)) return t('field.number');
  return t('field.invalid');
}
