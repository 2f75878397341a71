// Text that goes into a PTZ SOAP body. The onvif library writes preset names and
// tokens into its XML as given, so a name with "&" or "<" breaks the request (or
// injects elements): names are escaped and tokens checked before any call.
import { ApiError } from '../../contract/errors';

/** ONVIF's PresetName is tt:Name, at most 64 characters; the console keeps 32 (shown on a tile). */
export const PRESET_NAME_MAX = 32;

const TOKEN = /^[A-Za-z0-9_.:-]{1,64}$/;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export function escapeXmlText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** The name as it goes to the camera: trimmed, control characters dropped, ≤ 32 characters. */
export function presetNameForCamera(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  // Whole code points, so a cut never leaves half a surrogate pair.
  return Array.from(clean).slice(0, PRESET_NAME_MAX).join('');
}

export const isPresetToken = (token: string): boolean => TOKEN.test(token);

export function checkPresetToken(token: string): string {
  if (!isPresetToken(token)) throw new ApiError('invalid_request', 'invalid_preset_token');
  return token;
}
