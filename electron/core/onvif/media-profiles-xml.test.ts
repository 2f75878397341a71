import { describe, expect, it } from 'vitest';
import { parseProfiles } from './media-profiles-xml';

const wrap = (body: string) =>
  `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>${body}</s:Body></s:Envelope>`;

describe('parseProfiles', () => {
  it('reads Media1 profiles: codec, size, frame rate, PTZ', () => {
    const xml = wrap(
      '<trt:GetProfilesResponse>' +
        '<trt:Profiles token="main" fixed="true"><tt:Name>Main</tt:Name><tt:VideoEncoderConfiguration token="v">' +
        '<tt:Encoding>H264</tt:Encoding><tt:Resolution><tt:Width>2560</tt:Width><tt:Height>1440</tt:Height></tt:Resolution>' +
        '<tt:RateControl><tt:FrameRateLimit>25</tt:FrameRateLimit></tt:RateControl></tt:VideoEncoderConfiguration>' +
        '<tt:PTZConfiguration token="p"/></trt:Profiles>' +
        '<trt:Profiles token="jpeg"><tt:Name>Snap</tt:Name><tt:VideoEncoderConfiguration token="j">' +
        '<tt:Encoding>JPEG</tt:Encoding></tt:VideoEncoderConfiguration></trt:Profiles>' +
        '</trt:GetProfilesResponse>',
    );
    expect(parseProfiles(xml)).toEqual([
      {
        token: 'main',
        name: 'Main',
        codec: 'H264',
        width: 2560,
        height: 1440,
        fps: 25,
        hasPtz: true,
      },
      {
        token: 'jpeg',
        name: 'Snap',
        codec: 'JPEG',
        width: null,
        height: null,
        fps: null,
        hasPtz: false,
      },
    ]);
  });

  it('reads Media2 profiles (H.265 lives there) and a single profile', () => {
    const xml = wrap(
      '<tr2:GetProfilesResponse><tr2:Profiles token="P0"><tr2:Name>h265</tr2:Name><tr2:Configurations>' +
        '<tr2:VideoEncoder token="e"><tt:Encoding>H265</tt:Encoding><tt:Resolution><tt:Width>3840</tt:Width>' +
        '<tt:Height>2160</tt:Height></tt:Resolution><tt:RateControl FrameRateLimit="20"/></tr2:VideoEncoder>' +
        '<tr2:PTZ token="z"/></tr2:Configurations></tr2:Profiles></tr2:GetProfilesResponse>',
    );
    expect(parseProfiles(xml)).toEqual([
      {
        token: 'P0',
        name: 'h265',
        codec: 'H265',
        width: 3840,
        height: 2160,
        fps: 20,
        hasPtz: true,
      },
    ]);
  });

  it('anything else has no profiles', () => {
    expect(parseProfiles(wrap('<x/>'))).toEqual([]);
  });
});
