// The fake device's WS-Discovery side: a UDP socket on 127.0.0.1 that answers a
// directed Probe with ProbeMatches, unicast to the sender. It never joins a multicast
// group and refuses to send anywhere but loopback, so tests cannot leak onto a LAN.
import { randomUUID } from 'node:crypto';
import dgram from 'node:dgram';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { assertLoopback } from './loopback';
import { escapeXml } from './soap-replies';

export const PROBE_ACTION = 'http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe';
const NS_NETWORK = 'http://www.onvif.org/ver10/network/wsdl';
const NS_DEVICE = 'http://www.onvif.org/ver10/device/wsdl';

/** Which Types a device answers: firmwares differ, so the sweep sends all three. */
export type ProbeType = 'NetworkVideoTransmitter' | 'Device' | 'none';

export interface RecordedProbe {
  at: number;
  from: { address: string; port: number };
  messageId: string;
  /** Types as sent (QNames), [] when the probe had none. */
  types: string[];
  answered: boolean;
  /** Set when the datagram was not a WS-Discovery Probe at all (so it was not answered). */
  ignored?: 'not_xml' | 'not_probe';
}

export interface DiscoveryIdentity {
  endpoint: string;
  xaddr: string;
  scopes: string[];
  answers: ProbeType[];
}

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
});

function namespacesOf(xml: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of xml.matchAll(/xmlns:([A-Za-z_][\w.-]*)\s*=\s*"([^"]*)"/g)) map.set(m[1]!, m[2]!);
  return map;
}

/** The probe kinds a Types list asks for; null for a type this device is not. */
function askedKinds(types: string[], namespaces: Map<string, string>): (ProbeType | null)[] {
  if (types.length === 0) return ['none'];
  return types.map((qname): ProbeType | null => {
    const [prefix, local] = qname.includes(':') ? qname.split(':', 2) : ['', qname];
    const ns = namespaces.get(prefix ?? '');
    if (local === 'NetworkVideoTransmitter' && (ns === undefined || ns === NS_NETWORK)) {
      return 'NetworkVideoTransmitter';
    }
    if (local === 'Device' && (ns === undefined || ns === NS_DEVICE)) return 'Device';
    return null;
  });
}

export function probeMatches(id: DiscoveryIdentity, relatesTo: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" ` +
    `xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing" ` +
    `xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" ` +
    `xmlns:dn="${NS_NETWORK}" xmlns:tds="${NS_DEVICE}">` +
    `<SOAP-ENV:Header><wsa:MessageID>urn:uuid:${randomUUID()}</wsa:MessageID>` +
    `<wsa:RelatesTo>${escapeXml(relatesTo)}</wsa:RelatesTo>` +
    `<wsa:To SOAP-ENV:mustUnderstand="true">http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</wsa:To>` +
    `<wsa:Action SOAP-ENV:mustUnderstand="true">http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</wsa:Action>` +
    `</SOAP-ENV:Header><SOAP-ENV:Body><d:ProbeMatches><d:ProbeMatch>` +
    `<wsa:EndpointReference><wsa:Address>${escapeXml(id.endpoint)}</wsa:Address></wsa:EndpointReference>` +
    `<d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>` +
    `<d:Scopes>${id.scopes.map(escapeXml).join(' ')}</d:Scopes>` +
    `<d:XAddrs>${escapeXml(id.xaddr)}</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion>` +
    `</d:ProbeMatch></d:ProbeMatches></SOAP-ENV:Body></SOAP-ENV:Envelope>`
  );
}

interface ParsedProbe {
  messageId: string;
  types: string[];
  kinds: (ProbeType | null)[];
}

function parseProbe(xml: string): ParsedProbe | 'not_xml' | 'not_probe' {
  if (XMLValidator.validate(xml) !== true) return 'not_xml';
  const doc = parser.parse(xml) as {
    Envelope?: { Header?: Record<string, unknown>; Body?: Record<string, unknown> };
  };
  const header = doc.Envelope?.Header;
  const probe = doc.Envelope?.Body?.Probe;
  if (!header || probe === undefined || String(header.Action ?? '').trim() !== PROBE_ACTION) {
    return 'not_probe';
  }
  const typesText =
    typeof probe === 'object' && probe !== null
      ? String((probe as { Types?: unknown }).Types ?? '')
      : '';
  const types = typesText.split(/\s+/).filter(Boolean);
  return {
    messageId: String(header.MessageID ?? '').trim(),
    types,
    kinds: askedKinds(types, namespacesOf(xml)),
  };
}

export class WsDiscoveryResponder {
  private readonly socket = dgram.createSocket('udp4');
  private readonly recorded: RecordedProbe[] = [];

  private constructor(private readonly identity: () => DiscoveryIdentity) {
    this.socket.on('message', (msg, rinfo) => this.onMessage(msg.toString('utf8'), rinfo));
  }

  static async start(
    host: string,
    port: number,
    identity: () => DiscoveryIdentity,
  ): Promise<WsDiscoveryResponder> {
    assertLoopback(host);
    const r = new WsDiscoveryResponder(identity);
    await new Promise<void>((resolve, reject) => {
      r.socket.once('error', reject);
      r.socket.bind(port, host, () => {
        r.socket.off('error', reject);
        resolve();
      });
    });
    return r;
  }

  get port(): number {
    return this.socket.address().port;
  }

  probes(): RecordedProbe[] {
    return this.recorded.map((p) => ({ ...p, from: { ...p.from }, types: [...p.types] }));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }

  private onMessage(xml: string, rinfo: dgram.RemoteInfo): void {
    const probe = parseProbe(xml);
    const from = { address: rinfo.address, port: rinfo.port };
    if (typeof probe === 'string') {
      // Kept so a test can tell a malformed probe from a silent device.
      this.recorded.push({
        at: Date.now(),
        from,
        messageId: '',
        types: [],
        answered: false,
        ignored: probe,
      });
      return;
    }
    const id = this.identity();
    // WS-Discovery: a device matches when it is every one of the asked types.
    const answered =
      probe.messageId !== '' && probe.kinds.every((k) => k !== null && id.answers.includes(k));
    this.recorded.push({
      at: Date.now(),
      from,
      messageId: probe.messageId,
      types: probe.types,
      answered,
    });
    if (!answered) return;
    assertLoopback(rinfo.address);
    this.socket.send(
      Buffer.from(probeMatches(id, probe.messageId), 'utf8'),
      rinfo.port,
      rinfo.address,
    );
  }
}
