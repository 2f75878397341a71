// The fake device lives on 127.0.0.1 only: binding or answering anywhere else would
// let a test reach a real network.
import { isIPv4 } from 'node:net';

export const FAKE_HOST = '127.0.0.1';

export function isLoopback(address: string): boolean {
  return isIPv4(address) && address.startsWith('127.');
}

export function assertLoopback(address: string): void {
  if (!isLoopback(address)) {
    throw new Error(`fake ONVIF device: ${address} is not a loopback address (127.0.0.0/8 only)`);
  }
}
