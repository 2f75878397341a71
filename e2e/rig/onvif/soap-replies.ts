// The SOAP 1.2 bodies the fake device answers with, shaped like a Hikvision/Dahua
// PTZ dome's (namespace prefixes, element order and the few elements onvif@0.8.3 reads).
import type { ClockState } from './device-clock';

export const NS = {
  env: 'http://www.w3.org/2003/05/soap-envelope',
  ter: 'http://www.onvif.org/ver10/error',
  tds: 'http://www.onvif.org/ver10/device/wsdl',
  trt: 'http://www.onvif.org/ver10/media/wsdl',
  tptz: 'http://www.onvif.org/ver20/ptz/wsdl',
  tev: 'http://www.onvif.org/ver10/events/wsdl',
  tt: 'http://www.onvif.org/ver10/schema',
  wsnt: 'http://docs.oasis-open.org/wsn/b-2',
  wsa: 'http://www.w3.org/2005/08/addressing',
  tns1: 'http://www.onvif.org/ver10/topics',
} as const;

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function envelope(body: string): string {
  const xmlns = Object.entries(NS)
    .map(([prefix, uri]) => `xmlns:${prefix}="${uri}"`)
    .join(' ');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<env:Envelope ${xmlns}><env:Body>${body}</env:Body></env:Envelope>`;
}

export interface SoapFault {
  /** env:Sender (the request is wrong) or env:Receiver (the device cannot). */
  code: 'env:Sender' | 'env:Receiver';
  subcodes: string[];
  reason: string;
}

export function faultBody(f: SoapFault): string {
  // Subcodes nest: <Subcode><Value>ter:A</Value><Subcode><Value>ter:B</Value></Subcode></Subcode>.
  const subcodes = f.subcodes.reduceRight(
    (inner, value) => `<env:Subcode><env:Value>${value}</env:Value>${inner}</env:Subcode>`,
    '',
  );
  return (
    `<env:Fault><env:Code><env:Value>${f.code}</env:Value>${subcodes}</env:Code>` +
    `<env:Reason><env:Text xml:lang="en">${escapeXml(f.reason)}</env:Text></env:Reason></env:Fault>`
  );
}

function dateTimeXml(ms: number): string {
  const d = new Date(ms);
  return (
    `<tt:Time><tt:Hour>${d.getUTCHours()}</tt:Hour><tt:Minute>${d.getUTCMinutes()}</tt:Minute>` +
    `<tt:Second>${d.getUTCSeconds()}</tt:Second></tt:Time>` +
    `<tt:Date><tt:Year>${d.getUTCFullYear()}</tt:Year><tt:Month>${d.getUTCMonth() + 1}</tt:Month>` +
    `<tt:Day>${d.getUTCDate()}</tt:Day></tt:Date>`
  );
}

/** `localTimeAsUtc`: the cheap-firmware bug of writing local time into the UTC field. */
export function systemDateAndTime(c: ClockState, localTimeAsUtc = false): string {
  const utc = c.utc.getTime() + (localTimeAsUtc ? c.localOffsetMs : 0);
  return (
    `<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime>` +
    `<tt:DateTimeType>${c.dateTimeType}</tt:DateTimeType>` +
    `<tt:DaylightSavings>${String(c.daylightSavings)}</tt:DaylightSavings>` +
    `<tt:TimeZone><tt:TZ>${escapeXml(c.tz)}</tt:TZ></tt:TimeZone>` +
    `<tt:UTCDateTime>${dateTimeXml(utc)}</tt:UTCDateTime>` +
    `<tt:LocalDateTime>${dateTimeXml(c.utc.getTime() + c.localOffsetMs)}</tt:LocalDateTime>` +
    `</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>`
  );
}

export interface ServiceAddresses {
  device: string;
  media: string;
  ptz: string | null;
  events: string | null;
}

export function services(a: ServiceAddresses): string {
  const entry = (ns: string, xaddr: string, major: number, minor: number) =>
    `<tds:Service><tds:Namespace>${ns}</tds:Namespace><tds:XAddr>${escapeXml(xaddr)}</tds:XAddr>` +
    `<tds:Version><tt:Major>${major}</tt:Major><tt:Minor>${minor}</tt:Minor></tds:Version></tds:Service>`;
  return (
    `<tds:GetServicesResponse>` +
    entry(NS.tds, a.device, 2, 60) +
    entry(NS.trt, a.media, 2, 60) +
    (a.ptz ? entry(NS.tptz, a.ptz, 2, 60) : '') +
    (a.events ? entry(NS.tev, a.events, 2, 60) : '') +
    `</tds:GetServicesResponse>`
  );
}

export function capabilities(a: ServiceAddresses): string {
  const x = (url: string) => `<tt:XAddr>${escapeXml(url)}</tt:XAddr>`;
  return (
    `<tds:GetCapabilitiesResponse><tds:Capabilities>` +
    `<tt:Device>${x(a.device)}</tt:Device>` +
    (a.events
      ? `<tt:Events>${x(a.events)}<tt:WSSubscriptionPolicySupport>false</tt:WSSubscriptionPolicySupport>` +
        `<tt:WSPullPointSupport>true</tt:WSPullPointSupport>` +
        `<tt:WSPausableSubscriptionManagerInterfaceSupport>false</tt:WSPausableSubscriptionManagerInterfaceSupport></tt:Events>`
      : '') +
    `<tt:Media>${x(a.media)}<tt:StreamingCapabilities><tt:RTPMulticast>false</tt:RTPMulticast>` +
    `<tt:RTP_TCP>true</tt:RTP_TCP><tt:RTP_RTSP_TCP>true</tt:RTP_RTSP_TCP></tt:StreamingCapabilities></tt:Media>` +
    (a.ptz ? `<tt:PTZ>${x(a.ptz)}</tt:PTZ>` : '') +
    `</tds:Capabilities></tds:GetCapabilitiesResponse>`
  );
}

export interface DeviceInformation {
  manufacturer: string;
  model: string;
  firmwareVersion: string;
  serialNumber: string;
  hardwareId: string;
}

export function deviceInformation(i: DeviceInformation): string {
  return (
    `<tds:GetDeviceInformationResponse>` +
    `<tds:Manufacturer>${escapeXml(i.manufacturer)}</tds:Manufacturer>` +
    `<tds:Model>${escapeXml(i.model)}</tds:Model>` +
    `<tds:FirmwareVersion>${escapeXml(i.firmwareVersion)}</tds:FirmwareVersion>` +
    `<tds:SerialNumber>${escapeXml(i.serialNumber)}</tds:SerialNumber>` +
    `<tds:HardwareId>${escapeXml(i.hardwareId)}</tds:HardwareId>` +
    `</tds:GetDeviceInformationResponse>`
  );
}

export function scopes(items: string[]): string {
  const each = items
    .map(
      (s) =>
        `<tds:Scopes><tt:ScopeDef>Fixed</tt:ScopeDef><tt:ScopeItem>${escapeXml(s)}</tt:ScopeItem></tds:Scopes>`,
    )
    .join('');
  return `<tds:GetScopesResponse>${each}</tds:GetScopesResponse>`;
}

export const VIDEO_SOURCE_TOKEN = 'VideoSource_1';
export const PTZ_NODE_TOKEN = 'PTZNodeToken';
export const PTZ_CONFIG_TOKEN = 'PTZToken';
const VELOCITY_PAN_TILT = 'http://www.onvif.org/ver10/tptz/PanTiltSpaces/VelocityGenericSpace';
const VELOCITY_ZOOM = 'http://www.onvif.org/ver10/tptz/ZoomSpaces/VelocityGenericSpace';

export interface MediaProfile {
  token: string;
  name: string;
  encoderToken: string;
  width: number;
  height: number;
  fps: number;
  bitrateKbps: number;
  ptz: boolean;
}

function ptzConfiguration(tag: string): string {
  return (
    `<${tag} token="${PTZ_CONFIG_TOKEN}"><tt:Name>PTZ</tt:Name><tt:UseCount>2</tt:UseCount>` +
    `<tt:NodeToken>${PTZ_NODE_TOKEN}</tt:NodeToken>` +
    `<tt:DefaultContinuousPanTiltVelocitySpace>${VELOCITY_PAN_TILT}</tt:DefaultContinuousPanTiltVelocitySpace>` +
    `<tt:DefaultContinuousZoomVelocitySpace>${VELOCITY_ZOOM}</tt:DefaultContinuousZoomVelocitySpace>` +
    `<tt:DefaultPTZSpeed><tt:PanTilt x="0.5" y="0.5"/><tt:Zoom x="0.5"/></tt:DefaultPTZSpeed>` +
    `<tt:DefaultPTZTimeout>PT5S</tt:DefaultPTZTimeout></${tag}>`
  );
}

function profileXml(p: MediaProfile, sourceWidth: number, sourceHeight: number): string {
  return (
    `<trt:Profiles token="${p.token}" fixed="true"><tt:Name>${escapeXml(p.name)}</tt:Name>` +
    `<tt:VideoSourceConfiguration token="VideoSourceConfigToken"><tt:Name>VideoSourceConfig</tt:Name>` +
    `<tt:UseCount>2</tt:UseCount><tt:SourceToken>${VIDEO_SOURCE_TOKEN}</tt:SourceToken>` +
    `<tt:Bounds x="0" y="0" width="${sourceWidth}" height="${sourceHeight}"/></tt:VideoSourceConfiguration>` +
    `<tt:VideoEncoderConfiguration token="${p.encoderToken}"><tt:Name>${p.encoderToken}</tt:Name>` +
    `<tt:UseCount>1</tt:UseCount><tt:Encoding>H264</tt:Encoding>` +
    `<tt:Resolution><tt:Width>${p.width}</tt:Width><tt:Height>${p.height}</tt:Height></tt:Resolution>` +
    `<tt:Quality>4</tt:Quality><tt:RateControl><tt:FrameRateLimit>${p.fps}</tt:FrameRateLimit>` +
    `<tt:EncodingInterval>1</tt:EncodingInterval><tt:BitrateLimit>${p.bitrateKbps}</tt:BitrateLimit></tt:RateControl>` +
    `<tt:H264><tt:GovLength>${p.fps * 4}</tt:GovLength><tt:H264Profile>Main</tt:H264Profile></tt:H264>` +
    `<tt:Multicast><tt:Address><tt:Type>IPv4</tt:Type><tt:IPv4Address>0.0.0.0</tt:IPv4Address></tt:Address>` +
    `<tt:Port>0</tt:Port><tt:TTL>1</tt:TTL><tt:AutoStart>false</tt:AutoStart></tt:Multicast>` +
    `<tt:SessionTimeout>PT60S</tt:SessionTimeout></tt:VideoEncoderConfiguration>` +
    (p.ptz ? ptzConfiguration('tt:PTZConfiguration') : '') +
    `</trt:Profiles>`
  );
}

export function profiles(list: MediaProfile[]): string {
  const main = list[0];
  const w = main?.width ?? 1920;
  const h = main?.height ?? 1080;
  return `<trt:GetProfilesResponse>${list.map((p) => profileXml(p, w, h)).join('')}</trt:GetProfilesResponse>`;
}

export function videoSources(width: number, height: number, fps: number): string {
  return (
    `<trt:GetVideoSourcesResponse><trt:VideoSources token="${VIDEO_SOURCE_TOKEN}">` +
    `<tt:Framerate>${fps}</tt:Framerate><tt:Resolution><tt:Width>${width}</tt:Width>` +
    `<tt:Height>${height}</tt:Height></tt:Resolution></trt:VideoSources></trt:GetVideoSourcesResponse>`
  );
}

export function streamUri(uri: string): string {
  return (
    `<trt:GetStreamUriResponse><trt:MediaUri><tt:Uri>${escapeXml(uri)}</tt:Uri>` +
    `<tt:InvalidAfterConnect>false</tt:InvalidAfterConnect><tt:InvalidAfterReboot>false</tt:InvalidAfterReboot>` +
    `<tt:Timeout>PT60S</tt:Timeout></trt:MediaUri></trt:GetStreamUriResponse>`
  );
}

export function ptzNodes(): string {
  const range = `<tt:XRange><tt:Min>-1</tt:Min><tt:Max>1</tt:Max></tt:XRange>`;
  return (
    `<tptz:GetNodesResponse><tptz:PTZNode token="${PTZ_NODE_TOKEN}" FixedHomePosition="false">` +
    `<tt:Name>PTZNode</tt:Name><tt:SupportedPTZSpaces>` +
    `<tt:ContinuousPanTiltVelocitySpace><tt:URI>${VELOCITY_PAN_TILT}</tt:URI>${range}` +
    `<tt:YRange><tt:Min>-1</tt:Min><tt:Max>1</tt:Max></tt:YRange></tt:ContinuousPanTiltVelocitySpace>` +
    `<tt:ContinuousZoomVelocitySpace><tt:URI>${VELOCITY_ZOOM}</tt:URI>${range}</tt:ContinuousZoomVelocitySpace>` +
    `</tt:SupportedPTZSpaces><tt:MaximumNumberOfPresets>255</tt:MaximumNumberOfPresets>` +
    `<tt:HomeSupported>true</tt:HomeSupported></tptz:PTZNode></tptz:GetNodesResponse>`
  );
}

export function ptzConfigurations(): string {
  return `<tptz:GetConfigurationsResponse>${ptzConfiguration('tptz:PTZConfiguration')}</tptz:GetConfigurationsResponse>`;
}

export interface Preset {
  token: string;
  name: string;
}

export function presets(list: Preset[]): string {
  const items = list
    .map(
      (p) =>
        `<tptz:Preset token="${escapeXml(p.token)}"><tt:Name>${escapeXml(p.name)}</tt:Name>` +
        `<tt:PTZPosition><tt:PanTilt x="0" y="0"/><tt:Zoom x="0"/></tt:PTZPosition></tptz:Preset>`,
    )
    .join('');
  return `<tptz:GetPresetsResponse>${items}</tptz:GetPresetsResponse>`;
}

export function setPreset(token: string): string {
  return `<tptz:SetPresetResponse><tptz:PresetToken>${escapeXml(token)}</tptz:PresetToken></tptz:SetPresetResponse>`;
}

/** `<prefix:OpResponse/>` for the operations that answer with nothing. */
export function emptyResponse(prefix: string, op: string): string {
  return `<${prefix}:${op}Response/>`;
}

export function pullPointCreated(address: string, nowMs: number, terminationMs: number): string {
  return (
    `<tev:CreatePullPointSubscriptionResponse><tev:SubscriptionReference>` +
    `<wsa:Address>${escapeXml(address)}</wsa:Address></tev:SubscriptionReference>` +
    `<wsnt:CurrentTime>${new Date(nowMs).toISOString()}</wsnt:CurrentTime>` +
    `<wsnt:TerminationTime>${new Date(terminationMs).toISOString()}</wsnt:TerminationTime>` +
    `</tev:CreatePullPointSubscriptionResponse>`
  );
}

export interface NotificationItem {
  topic: string;
  utcMs: number;
  operation: 'Initialized' | 'Changed';
  source: Record<string, string>;
  data: Record<string, string>;
}

function simpleItems(items: Record<string, string>): string {
  return Object.entries(items)
    .map(
      ([name, value]) => `<tt:SimpleItem Name="${escapeXml(name)}" Value="${escapeXml(value)}"/>`,
    )
    .join('');
}

export function pullMessages(
  items: NotificationItem[],
  nowMs: number,
  terminationMs: number,
): string {
  const messages = items
    .map(
      (m) =>
        `<wsnt:NotificationMessage><wsnt:Topic Dialect="http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet">` +
        `${escapeXml(m.topic)}</wsnt:Topic><wsnt:Message>` +
        `<tt:Message UtcTime="${new Date(m.utcMs).toISOString()}" PropertyOperation="${m.operation}">` +
        `<tt:Source>${simpleItems(m.source)}</tt:Source><tt:Data>${simpleItems(m.data)}</tt:Data>` +
        `</tt:Message></wsnt:Message></wsnt:NotificationMessage>`,
    )
    .join('');
  return (
    `<tev:PullMessagesResponse><tev:CurrentTime>${new Date(nowMs).toISOString()}</tev:CurrentTime>` +
    `<tev:TerminationTime>${new Date(terminationMs).toISOString()}</tev:TerminationTime>${messages}` +
    `</tev:PullMessagesResponse>`
  );
}

export function renewed(nowMs: number, terminationMs: number): string {
  return (
    `<wsnt:RenewResponse><wsnt:TerminationTime>${new Date(terminationMs).toISOString()}</wsnt:TerminationTime>` +
    `<wsnt:CurrentTime>${new Date(nowMs).toISOString()}</wsnt:CurrentTime></wsnt:RenewResponse>`
  );
}
