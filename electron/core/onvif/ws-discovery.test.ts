import { createSocket } from 'node:dgram';
import type { NetworkInterfaceInfo } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import {
  loopbackOnlyTransport,
  type UdpPeer,
  type UdpSocket,
  type UdpTransport,
} from './udp-transport';
import { WsDiscovery } from './ws-discovery';
import { buildProbe, parseProbeMatches } from './ws-discovery-message';

/** Records what a sweep would do with its sockets; sends nothing. */
class CapturingTransport implements UdpTransport {
  readonly sockets: {
    boundTo: string | null;
    ttl: number | null;
    multicastInterface: string | null;
    sent: { to: string; port: number; xml: string; at: number }[];
    closed: boolean;
    deliver: (xml: string, from: UdpPeer) => void;
  }[] = [];

  open(): UdpSocket {
    let listener: (m: Buffer, from: UdpPeer) => void = () => undefined;
    const rec: CapturingTransport['sockets'][number] = {
      boundTo: null,
      ttl: null,
      multicastInterface: null,
      sent: [],
      closed: false,
      deliver: (xml, from) => listener(Buffer.from(xml), from),
    };
    this.sockets.push(rec);
    return {
      bind: async (address) => {
        rec.boundTo = address;
      },
      setMulticastTTL: (ttl) => {
        rec.ttl = ttl;
      },
      setMulticastInterface: (address) => {
        rec.multicastInterface = address;
      },
      send: async (xml, port, to) => {
        rec.sent.push({ to, port, xml, at: Date.now() });
      },
      onMessage: (l) => {
        listener = l;
      },
      close: () => {
        rec.closed = true;
      },
    };
  }
}

const iface = (address: string, internal = false, family: 'IPv4' | 'IPv6' = 'IPv4') =>
  ({
    address,
    internal,
    family,
    netmask: '255.255.255.0',
    mac: '00:00:00:00:00:00',
    cidr: null,
  }) as NetworkInterfaceInfo;

const interfaces = () => ({
  lo: [iface('127.0.0.1', true)],
  eth0: [iface('192.168.1.20'), iface('fe80::1', false, 'IPv6')],
  eth1: [iface('10.0.0.7')],
  // A public address (a modem in bridge mode): never swept.
  wan: [iface('203.0.113.9')],
});

function matches(relatesTo: string, endpoint: string, xaddr: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" ' +
    'xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery">' +
    `<SOAP-ENV:Header><wsa:RelatesTo>${relatesTo}</wsa:RelatesTo></SOAP-ENV:Header><SOAP-ENV:Body><d:ProbeMatches><d:ProbeMatch>` +
    `<wsa:EndpointReference><wsa:Address>${endpoint}</wsa:Address></wsa:EndpointReference>` +
    '<d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>' +
    '<d:Scopes>onvif://www.onvif.org/type/ptz onvif://www.onvif.org/name/FAKE%20PTZ onvif://www.onvif.org/hardware/FK-PTZ-1 onvif://www.onvif.org/manufacturer/Fake</d:Scopes>' +
    `<d:XAddrs>${xaddr}</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion></d:ProbeMatch></d:ProbeMatches></SOAP-ENV:Body></SOAP-ENV:Envelope>`
  );
}

describe('buildProbe', () => {
  it('is the golden WS-Discovery 2005/04 Probe', () => {
    expect(
      buildProbe('urn:uuid:00000000-0000-4000-8000-000000000001', 'dn:NetworkVideoTransmitter'),
    ).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>' +
        '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" ' +
        'xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:dn="http://www.onvif.org/ver10/network/wsdl" ' +
        'xmlns:tds="http://www.onvif.org/ver10/device/wsdl">' +
        '<s:Header><a:Action s:mustUnderstand="1">http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action>' +
        '<a:MessageID>urn:uuid:00000000-0000-4000-8000-000000000001</a:MessageID>' +
        '<a:ReplyTo><a:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>' +
        '<a:To s:mustUnderstand="1">urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To></s:Header>' +
        '<s:Body><d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe></s:Body></s:Envelope>',
    );
    expect(buildProbe('urn:uuid:x', null)).toContain('<s:Body><d:Probe/></s:Body>');
  });
});

describe('parseProbeMatches', () => {
  it('reads endpoint, XAddrs and the name/hardware/manufacturer scopes', () => {
    expect(
      parseProbeMatches(
        matches('urn:uuid:m1', 'urn:uuid:dev-1', 'http://127.0.0.1:8080/onvif/device_service'),
      ),
    ).toEqual({
      relatesTo: 'urn:uuid:m1',
      matches: [
        {
          endpoint: 'urn:uuid:dev-1',
          xaddrs: ['http://127.0.0.1:8080/onvif/device_service'],
          scopes: expect.any(Array),
          manufacturer: 'Fake',
          model: 'FK-PTZ-1',
          name: 'FAKE PTZ',
        },
      ],
    });
  });

  it('anything else is null', () => {
    expect(parseProbeMatches('not xml <')).toBeNull();
    expect(parseProbeMatches(buildProbe('urn:uuid:x', null))).toBeNull();
  });
});

describe('sweep (by capture: nothing is sent)', () => {
  it('probes 239.255.255.250:3702 from each private IPv4 interface, TTL 1, 3 Types × 2 repeats', async () => {
    const transport = new CapturingTransport();
    let n = 0;
    const discovery = new WsDiscovery({
      transport,
      interfaces,
      newMessageId: () => `urn:uuid:00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    });
    const found = await discovery.sweep(400);
    expect(found).toEqual([]);
    expect(transport.sockets.map((s) => s.boundTo).sort()).toEqual(['10.0.0.7', '192.168.1.20']);
    for (const s of transport.sockets) {
      expect(s.ttl).toBe(1);
      expect(s.multicastInterface).toBe(s.boundTo);
      expect(s.closed).toBe(true);
      expect(s.sent).toHaveLength(6);
      for (const m of s.sent) expect([m.to, m.port]).toEqual(['239.255.255.250', 3702]);
      const types = s.sent.map((m) => /<d:Types>([^<]*)</.exec(m.xml)?.[1] ?? null);
      expect(types).toEqual([
        'dn:NetworkVideoTransmitter',
        'tds:Device',
        null,
        'dn:NetworkVideoTransmitter',
        'tds:Device',
        null,
      ]);
      // The repeat is the same message (same MessageID), sent ~100 ms later.
      expect(s.sent[3]?.xml).toBe(s.sent[0]?.xml);
      expect((s.sent[3]?.at ?? 0) - (s.sent[0]?.at ?? 0)).toBeGreaterThanOrEqual(90);
      for (const m of s.sent)
        expect(m.xml).toMatch(/<a:MessageID>urn:uuid:[0-9a-f-]{36}<\/a:MessageID>/);
    }
  });

  it('keeps replies to its own probes, de-duplicated by endpoint, and ignores others', async () => {
    const transport = new CapturingTransport();
    let n = 0;
    const discovery = new WsDiscovery({
      transport,
      interfaces,
      newMessageId: () => `urn:uuid:m${++n}`,
    });
    const sweep = discovery.sweep(300);
    await new Promise((r) => setTimeout(r, 150));
    const [a, b] = transport.sockets;
    const from = { address: '192.168.1.64', port: 3702 };
    a?.deliver(
      matches(
        a.sent[0]?.xml.match(/urn:uuid:m\d+/)?.[0] ?? '',
        'urn:uuid:cam',
        'http://0.0.0.0/onvif/device_service',
      ),
      from,
    );
    a?.deliver(
      matches(
        a.sent[1]?.xml.match(/urn:uuid:m\d+/)?.[0] ?? '',
        'urn:uuid:cam',
        'http://0.0.0.0/onvif/device_service',
      ),
      from,
    );
    b?.deliver(
      matches('urn:uuid:someone-else', 'urn:uuid:other', 'http://10.0.0.9/onvif/device_service'),
      from,
    );
    const found = await sweep;
    expect(found).toHaveLength(1);
    // 0.0.0.0 in XAddrs: the host is where the reply came from.
    expect(found[0]).toMatchObject({
      endpoint: 'urn:uuid:cam',
      host: '192.168.1.64',
      via: a?.boundTo,
    });
  });
});

describe('loopback-only transport', () => {
  it('refuses the sweep (multicast) and any non-loopback address, counting each', async () => {
    const guard = loopbackOnlyTransport();
    const discovery = new WsDiscovery({ transport: guard, interfaces });
    await expect(discovery.sweep(200)).rejects.toMatchObject({ code: 'non_loopback_send' });
    await expect(discovery.probeAt('192.168.1.64', 3702, 200)).rejects.toMatchObject({
      code: 'non_loopback_send',
    });
    expect(guard.refused()).toBe(2);
  });
});

describe('probeAt (unicast, 127.0.0.1)', () => {
  const sockets: { close: () => void }[] = [];
  afterEach(() => sockets.splice(0).forEach((s) => s.close()));

  it('finds a responder that answers the sender, and ends soon after the answer', async () => {
    const responder = createSocket('udp4');
    sockets.push(responder);
    const seen: string[] = [];
    responder.on('message', (msg, rinfo) => {
      const xml = msg.toString();
      seen.push(xml);
      const id = /<a:MessageID>([^<]+)</.exec(xml)?.[1] ?? '';
      responder.send(
        matches(id, 'urn:uuid:fake', 'http://127.0.0.1:18080/onvif/device_service'),
        rinfo.port,
        rinfo.address,
      );
    });
    await new Promise<void>((r) => responder.bind(0, '127.0.0.1', r));
    const port = responder.address().port;
    const guard = loopbackOnlyTransport();
    const started = Date.now();
    const found = await new WsDiscovery({ transport: guard }).probeAt('127.0.0.1', port, 4000);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(found).toEqual([
      expect.objectContaining({
        endpoint: 'urn:uuid:fake',
        host: '127.0.0.1',
        via: 'direct',
        name: 'FAKE PTZ',
      }),
    ]);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(guard.refused()).toBe(0);
  });
});
