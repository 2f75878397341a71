// The UDP sockets WS-Discovery uses, behind an interface: production opens dgram
// sockets; tests and the e2e station wrap them in a guard that refuses any
// address outside 127/8, so a test can never send to the LAN or a multicast group.
import { createSocket, type Socket } from 'node:dgram';
import { isIPv4 } from 'node:net';

export interface UdpPeer {
  address: string;
  port: number;
}

export interface UdpSocket {
  /** Binds to a local address (port 0: any free port). */
  bind(address: string, port?: number): Promise<void>;
  setMulticastTTL(ttl: number): void;
  /** Which local interface multicast leaves by (its IPv4 address). */
  setMulticastInterface(address: string): void;
  send(message: string, port: number, address: string): Promise<void>;
  onMessage(listener: (message: Buffer, from: UdpPeer) => void): void;
  close(): void;
}

export interface UdpTransport {
  open(): UdpSocket;
  /** Throws when this transport may never send to `address` (the loopback guard). */
  check?(address: string): void;
}

export class NonLoopbackSendError extends Error {
  readonly code = 'non_loopback_send';
  constructor(address: string) {
    super(`refused to use ${address}: this station may only use 127.0.0.0/8`);
    this.name = 'NonLoopbackSendError';
  }
}

/** Real sockets (production). */
export const dgramTransport: UdpTransport = { open: () => new DgramSocket() };

class DgramSocket implements UdpSocket {
  private readonly socket: Socket = createSocket({ type: 'udp4', reuseAddr: false });

  constructor() {
    // A socket error (e.g. a closed interface) ends this sweep's socket, not the station.
    this.socket.on('error', () => this.close());
  }

  bind(address: string, port = 0): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      this.socket.once('error', onError);
      this.socket.bind(port, address, () => {
        this.socket.off('error', onError);
        resolve();
      });
    });
  }

  setMulticastTTL(ttl: number): void {
    this.socket.setMulticastTTL(ttl);
  }

  setMulticastInterface(address: string): void {
    this.socket.setMulticastInterface(address);
  }

  send(message: string, port: number, address: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.send(message, port, address, (err) => (err ? reject(err) : resolve()));
    });
  }

  onMessage(listener: (message: Buffer, from: UdpPeer) => void): void {
    this.socket.on('message', (msg, rinfo) =>
      listener(msg, { address: rinfo.address, port: rinfo.port }),
    );
  }

  close(): void {
    try {
      this.socket.close();
    } catch {
      // Already closed.
    }
  }
}

export function isLoopbackV4(address: string): boolean {
  return isIPv4(address) && address.startsWith('127.');
}

/** Counts what the guard refused, so a test can assert nothing tried to leave the machine. */
export interface LoopbackGuard extends UdpTransport {
  refused(): number;
}

/** `inner` restricted to 127/8: binding, multicast and sending elsewhere throw. */
export function loopbackOnlyTransport(inner: UdpTransport = dgramTransport): LoopbackGuard {
  let refused = 0;
  const refuse = (address: string): NonLoopbackSendError => {
    refused += 1;
    return new NonLoopbackSendError(address);
  };
  return {
    refused: () => refused,
    check(address: string): void {
      if (!isLoopbackV4(address)) throw refuse(address);
    },
    open(): UdpSocket {
      const socket = inner.open();
      return {
        bind: (address, port) =>
          isLoopbackV4(address) ? socket.bind(address, port) : Promise.reject(refuse(address)),
        setMulticastTTL: (ttl) => socket.setMulticastTTL(ttl),
        setMulticastInterface: (address) => {
          throw refuse(address);
        },
        send: (message, port, address) =>
          isLoopbackV4(address)
            ? socket.send(message, port, address)
            : Promise.reject(refuse(address)),
        onMessage: (listener) => socket.onMessage(listener),
        close: () => socket.close(),
      };
    },
  };
}

/** The transport the station uses: loopback-only when STATION_NET_LOOPBACK_ONLY=1 (e2e). */
export function transportFromEnv(env: NodeJS.ProcessEnv = process.env): UdpTransport {
  return env.STATION_NET_LOOPBACK_ONLY === '1' ? loopbackOnlyTransport() : dgramTransport;
}
