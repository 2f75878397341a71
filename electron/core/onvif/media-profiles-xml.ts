// The profiles in a GetProfiles reply (Media1 `trt:Profiles`, or Media2 `tr2:Profiles`
// with its Configurations), read from the raw XML: codec, size, frame rate, PTZ. Pure.
import { XMLParser } from 'fast-xml-parser';
import type { OnvifProfile } from '../../contract/onvif';
import { xmlAt as at, xmlText as str } from './xml-tree';

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'Profiles',
});

export function parseProfiles(xml: string): OnvifProfile[] {
  const doc = parser.parse(xml) as unknown;
  const list = at(doc, 'Envelope', 'Body', 'GetProfilesResponse', 'Profiles');
  if (!Array.isArray(list)) return [];
  return list.flatMap((p: unknown): OnvifProfile[] => {
    const token = str(at(p, '@token'));
    if (!token) return [];
    const encoder =
      at(p, 'VideoEncoderConfiguration') ?? at(p, 'Configurations', 'VideoEncoder') ?? {};
    const width = num(at(encoder, 'Resolution', 'Width'));
    const height = num(at(encoder, 'Resolution', 'Height'));
    const fps =
      num(at(encoder, 'RateControl', 'FrameRateLimit')) ??
      num(at(encoder, 'RateControl', '@FrameRateLimit'));
    return [
      {
        token,
        name: str(at(p, 'Name')) || token,
        codec: str(at(encoder, 'Encoding')) || null,
        width: width === null ? null : Math.round(width),
        height: height === null ? null : Math.round(height),
        fps,
        hasPtz:
          at(p, 'PTZConfiguration') !== undefined || at(p, 'Configurations', 'PTZ') !== undefined,
      },
    ];
  });
}

function num(node: unknown): number | null {
  const text = str(node);
  const n = Number(text);
  return text !== '' && Number.isFinite(n) ? n : null;
}
