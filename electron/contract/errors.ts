// Errors that cross the contract carry a stable code the renderer maps to a
// locale message, plus optional field-level issues for forms.
import { z } from 'zod';

export const ApiErrorCode = z.enum([
  'invalid_request',
  'unknown_channel',
  'forbidden',
  /** The channel needs a signed-in officer (contract `access`). */
  'unauthenticated',
  /** The screen is locked: only unlock and what keeps live view running are allowed. */
  'locked',
  'not_found',
  'conflict',
  'ffmpeg_missing',
  'internal',
  /** The transport lost its connection to main before the call was answered (WebSocket transport). */
  'disconnected',
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;

export const ApiErrorBody = z.object({
  code: ApiErrorCode,
  message: z.string(),
  /** Field path → zod issue message (e.g. "mainUrl" → "invalid_rtsp_url"). */
  fields: z.record(z.string(), z.string()).optional(),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return this.fields
      ? { code: this.code, message: this.message, fields: this.fields }
      : { code: this.code, message: this.message };
  }

  static fromBody(body: ApiErrorBody): ApiError {
    return new ApiError(body.code, body.message, body.fields);
  }
}

export function zodIssuesToFields(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}
