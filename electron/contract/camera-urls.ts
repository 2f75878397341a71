// Per-channel RTSP URLs of common recorders (DVR/NVR). Paths contain {ch}
// (channel number: 1, 2 …) or {ch2} (two digits: 01, 02 …).
import type { Vendor } from './schemas';

export interface PathTemplate {
  main: string;
  /** null = the recorder offers one stream per channel. */
  sub: string | null;
}

export const vendorTemplates: Record<Vendor, PathTemplate> = {
  // Hikvision (and HiLook, HiWatch): track <ch>01 is the main stream, <ch>02 the sub-stream.
  hikvision: { main: '/Streaming/Channels/{ch}01', sub: '/Streaming/Channels/{ch}02' },
  // Dahua and rebrands (KBVision, Imou, Lorex): subtype 0 = main, 1 = sub.
  dahua: {
    main: '/cam/realmonitor?channel={ch}&subtype=0',
    sub: '/cam/realmonitor?channel={ch}&subtype=1',
  },
  // No standard exists; this is what many unbranded (XMeye-type) recorders accept.
  // The officer can supply their own pattern with {ch}/{ch2} (RecorderInput.mainPath/subPath).
  generic: { main: '/ch{ch2}/main', sub: '/ch{ch2}/sub' },
};

function fillPath(template: string, channel: number): string {
  const path = template
    .replaceAll('{ch2}', String(channel).padStart(2, '0'))
    .replaceAll('{ch}', String(channel));
  return path.startsWith('/') ? path : '/' + path;
}

function hostPort(host: string, port: number): string {
  // A bare IPv6 address needs brackets inside a URL.
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `${h}:${port}`;
}

export interface ChannelUrls {
  main: string;
  sub: string | null;
}

export function recorderChannelUrls(
  vendor: Vendor,
  host: string,
  port: number,
  channel: number,
  custom?: Partial<PathTemplate>,
): ChannelUrls {
  const base = vendorTemplates[vendor];
  const template: PathTemplate = {
    main: custom?.main ?? base.main,
    sub: custom?.sub !== undefined ? custom.sub : base.sub,
  };
  const origin = `rtsp://${hostPort(host, port)}`;
  return {
    main: origin + fillPath(template.main, channel),
    sub: template.sub === null ? null : origin + fillPath(template.sub, channel),
  };
}
