// Finding ONVIF devices: the LAN sweep (a multicast Probe out of every private
// IPv4 interface, TTL 1 so it never leaves the ward's network) and the directed
// probe at one address (cameras in another subnet, and every test).
import { randomUUID } from 'node:crypto';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { silentLogger, type Logger } from '../logging/logger';
import type { UdpSocket, UdpTransport } from './udp-transport';
import { isLoopbackV4 } from './udp-transport';
import {
  buildProbe,
  parseProbeMatches,
  PROBE_TYPES,
  WS_DISCOVERY_ADDRESS,
  WS_DISCOVERY_PORT,
  type ProbeMatch,
} from './ws-discovery-message';

export interface DiscoveryReply extends ProbeMatch {
  /** The device's host: from its first XAddr, else the address the reply came from. */
  host: string;
  /** The local interface address the reply came in on, or 'direct'. */
  via: string;
}

export type InterfaceList = () => NodeJS.Dict<NetworkInterfaceInfo[]>;

export interface WsDiscoveryDeps {
  transport: UdpTransport;
  interfaces?: InterfaceList;
  newMessageId?: () => string;
  /** Each probe is sent twice this far apart (UDP may drop one). */
  repeatDelayMs?: number;
  /** A directed probe ends this long after the first answer. */
  directGraceMs?: number;
  logger?: Logger;
}

const REPEATS = 2;

export class WsDiscovery {
  private readonly log: Logger;
  private readonly newMessageId: () => string;

  constructor(private readonly deps: WsDiscoveryDeps) {
    this.log = deps.logger ?? silentLogger;
    this.newMessageId = deps.newMessageId ?? (() => `urn:uuid:${randomUUID()}`);
  }

  /** The local IPv4 addresses a sweep goes out of: up, not loopback, private ranges only. */
  sweepInterfaces(): string[] {
    const out: string[] = [];
    for (const list of Object.values((this.deps.interfaces ?? networkInterfaces)())) {
      for (const info of list ?? []) {
        if (info.family === 'IPv4' && !info.internal && isPrivateV4(info.address))
          out.push(info.address);
      }
    }
    return [...new Set(out)];
  }

  /** Multicast Probes out of every LAN interface; the devices that answered within `timeoutMs`. */
  async sweep(timeoutMs: number): Promise<DiscoveryReply[]> {
    // Refused before looking at interfaces: a loopback-only station has none to sweep.
    this.deps.transport.check?.(WS_DISCOVERY_ADDRESS);
    const found = new Map<string, DiscoveryReply>();
    const addresses = this.sweepInterfaces();
    const errors: unknown[] = [];
    await Promise.all(
      addresses.map((address) =>
        this.probeFrom(
          address,
          { port: WS_DISCOVERY_PORT, address: WS_DISCOVERY_ADDRESS },
          timeoutMs,
          address,
          found,
        ).catch((err: unknown) => {
          this.log.warn('discovery sweep failed on an interface', { address, err });
          errors.push(err);
        }),
      ),
    );
    // Every interface failing is an error the officer must see, not "no cameras".
    if (addresses.length > 0 && errors.length === addresses.length) throw errors[0];
    return [...found.values()];
  }

  /** The same Probes sent to one address (unicast). */
  async probeAt(host: string, port: number, timeoutMs: number): Promise<DiscoveryReply[]> {
    const found = new Map<string, DiscoveryReply>();
    const local = isLoopbackV4(host) ? '127.0.0.1' : '0.0.0.0';
    await this.probeFrom(local, { port, address: host }, timeoutMs, 'direct', found);
    return [...found.values()];
  }

  private async probeFrom(
    local: string,
    to: { port: number; address: string },
    timeoutMs: number,
    via: string,
    found: Map<string, DiscoveryReply>,
  ): Promise<void> {
    const socket = this.deps.transport.open();
    const sent = new Set<string>();
    let firstAnswer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (firstAnswer = resolve));
    socket.onMessage((message, from) => {
      const reply = parseProbeMatches(message.toString('utf8'));
      // A reply to someone else's probe (another console on the LAN) is not ours.
      if (!reply || (reply.relatesTo !== null && !sent.has(reply.relatesTo))) return;
      for (const match of reply.matches) {
        if (found.has(match.endpoint)) continue;
        found.set(match.endpoint, { ...match, host: hostOf(match, from.address), via });
        firstAnswer();
      }
    });
    try {
      await socket.bind(local, 0);
      if (via !== 'direct') {
        socket.setMulticastTTL(1);
        socket.setMulticastInterface(local);
      }
      const deadline = delay(timeoutMs);
      await this.sendProbes(socket, to, sent);
      const early =
        via === 'direct'
          ? answered.then(() => delay(this.deps.directGraceMs ?? 250))
          : new Promise<void>(() => undefined);
      await Promise.race([deadline, early]);
    } finally {
      socket.close();
    }
  }

  private async sendProbes(
    socket: UdpSocket,
    to: { port: number; address: string },
    sent: Set<string>,
  ): Promise<void> {
    const messages = PROBE_TYPES.map((type) => {
      const id = this.newMessageId();
      sent.add(id);
      return buildProbe(id, type);
    });
    for (let round = 0; round < REPEATS; round++) {
      if (round > 0) await delay(this.deps.repeatDelayMs ?? 100);
      for (const message of messages) await socket.send(message, to.port, to.address);
    }
  }
}

function hostOf(match: ProbeMatch, fallback: string): string {
  for (const xaddr of match.xaddrs) {
    try {
      const host = new URL(xaddr).hostname;
      if (host && host !== '0.0.0.0') return host;
    } catch {
      // Not a URL: try the next.
    }
  }
  return fallback;
}

/** RFC 1918 and link-local (cameras without DHCP fall back to 169.254/16). */
export function isPrivateV4(address: string): boolean {
  const [a, b] = address.split('.').map(Number) as [number, number];
  return (
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254)
  );
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
