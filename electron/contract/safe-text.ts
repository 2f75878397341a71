// One rule for every string an officer types that can reach ffmpeg's arguments, a
// file name, a report or another officer's screen. Refused, with a field error:
// - C0/C1 control characters: a NUL in an argument makes spawn() throw, and a
//   line break in a one-line field forges extra lines in logs and reports;
// - bidi overrides, embeddings and isolates, and the invisible direction marks:
//   they make a printed name or place read as something else (CVE-2021-42574's
//   "Trojan Source" trick, on paper).
// Multi-line fields (descriptions, notes) keep tab and line breaks.
import { z } from 'zod';

/** The field error every such string gets (renderer: field.invalid_characters). */
export const INVALID_CHARACTERS = 'invalid_characters';

const BIDI = '\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069';
const INVISIBLE = '\\u2028\\u2029\\uFEFF';
/** C0 and C1 controls, DEL, bidi controls and invisible separators. */
const SINGLE_LINE_CLASS = `\\u0000-\\u001F\\u007F-\\u009F${BIDI}${INVISIBLE}`;
/** As above, but tab, line feed and carriage return are allowed. */
const MULTI_LINE_CLASS = `\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F${BIDI}${INVISIBLE}`;

const SINGLE_LINE_OK = new RegExp(`^[^${SINGLE_LINE_CLASS}]*$`, 'u');
const MULTI_LINE_OK = new RegExp(`^[^${MULTI_LINE_CLASS}]*$`, 'u');

export function hasForbiddenCharacters(value: string, multiLine = false): boolean {
  return !(multiLine ? MULTI_LINE_OK : SINGLE_LINE_OK).test(value);
}

/**
 * A one-line string: no control, bidi-control or invisible-separator characters.
 * Pass the base schema to trim first (`singleLine(z.string().trim())`): a pasted
 * trailing line break is trimmed, not refused.
 */
export function singleLine(base: z.ZodString = z.string()): z.ZodString {
  return base.regex(SINGLE_LINE_OK, INVALID_CHARACTERS);
}

/** A multi-line string (tab and line breaks allowed), otherwise as singleLine. */
export function multiLine(base: z.ZodString = z.string()): z.ZodString {
  return base.regex(MULTI_LINE_OK, INVALID_CHARACTERS);
}
