// WS-Discovery (2005/04, the version ONVIF devices speak) messages: the Probe the
// station sends and the ProbeMatches devices answer with.
import { XMLParser } from 'fast-xml-parser';
import { xmlAt, xmlText as textOf } from './xml-tree';

export const WS_DISCOVERY_ADDRESS = '239.255.255.250';
export const WS_DISCOVERY_PORT = 3702;

/**
 * The Types filters a sweep tries: firmwares differ in which one they answer
 * (some only the NVT type, some only tds:Device, some only an empty Probe).
 */
export const PROBE_TYPES = ['dn:NetworkVideoTransmitter', 'tds:Device', null] as const;
export type ProbeType = (typeof PROBE_TYPES)[number];

const NS = {
  s: 'http://www.w3.org/2003/05/soap-envelope',
  a: 'http://schemas.xmlsoap.org/ws/2004/08/addressing',
  d: 'http://schemas.xmlsoap.org/ws/2005/04/discovery',
  dn: 'http://www.onvif.org/ver10/network/wsdl',
  tds: 'http://www.onvif.org/ver10/device/wsdl',
};

/** A Probe with its MessageID (`urn:uuid:…`); `type` null probes every device type. */
export function buildProbe(messageId: string, type: ProbeType): string {
  const probe = type === null ? '<d:Probe/>' : `<d:Probe><d:Types>${type}</d:Types></d:Probe>`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<s:Envelope xmlns:s="${NS.s}" xmlns:a="${NS.a}" xmlns:d="${NS.d}" xmlns:dn="${NS.dn}" xmlns:tds="${NS.tds}">` +
    '<s:Header>' +
    `<a:Action s:mustUnderstand="1">${NS.d}/Probe</a:Action>` +
    `<a:MessageID>${messageId}</a:MessageID>` +
    `<a:ReplyTo><a:Address>${NS.a}/role/anonymous</a:Address></a:ReplyTo>` +
    '<a:To s:mustUnderstand="1">urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To>' +
    '</s:Header>' +
    `<s:Body>${probe}</s:Body>` +
    '</s:Envelope>'
  );
}

export interface ProbeMatch {
  /** EndpointReference address, e.g. urn:uuid:…: the device's identity. */
  endpoint: string;
  xaddrs: string[];
  scopes: string[];
  manufacturer: string | null;
  model: string | null;
  name: string | null;
}

export interface ProbeMatches {
  /** The MessageID of the Probe this answers. */
  relatesTo: string | null;
  matches: ProbeMatch[];
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'ProbeMatch',
});

/** The matches in a ProbeMatches message; null when the datagram is anything else. */
export function parseProbeMatches(xml: string): ProbeMatches | null {
  let doc: unknown;
  try {
    doc = parser.parse(xml);
  } catch {
    return null;
  }
  const envelope = xmlAt(doc, 'Envelope');
  const list = xmlAt(envelope, 'Body', 'ProbeMatches');
  if (list === undefined) return null;
  const raw = xmlAt(list, 'ProbeMatch');
  const matches: ProbeMatch[] = [];
  for (const m of Array.isArray(raw) ? raw : []) {
    const endpoint = textOf(xmlAt(m, 'EndpointReference', 'Address'));
    if (!endpoint) continue;
    const scopes = words(textOf(xmlAt(m, 'Scopes')));
    matches.push({
      endpoint,
      xaddrs: words(textOf(xmlAt(m, 'XAddrs'))),
      scopes,
      manufacturer: scopeValue(scopes, 'manufacturer') ?? scopeValue(scopes, 'mfr'),
      model: scopeValue(scopes, 'hardware') ?? scopeValue(scopes, 'model'),
      name: scopeValue(scopes, 'name'),
    });
  }
  return { relatesTo: textOf(xmlAt(envelope, 'Header', 'RelatesTo')) || null, matches };
}

/** The value of an `onvif://www.onvif.org/<key>/<value>` scope, URL-decoded. */
function scopeValue(scopes: string[], key: string): string | null {
  const prefix = `onvif://www.onvif.org/${key}/`;
  const scope = scopes.find((s) => s.toLowerCase().startsWith(prefix));
  if (!scope) return null;
  const value = scope.slice(prefix.length);
  try {
    return decodeURIComponent(value) || null;
  } catch {
    return value || null;
  }
}

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}
