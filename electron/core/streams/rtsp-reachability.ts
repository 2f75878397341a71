// Cheap test between reconnect attempts: does the camera's RTSP port accept a TCP
// connection? A refused or unanswered connect means the camera is still gone, and
// spawning ffmpeg to learn that costs CPU and seconds of its own timeouts.
import { connect } from 'node:net';
import type { StreamInput } from './types';

const DEFAULT_PORTS: Record<string, number> = { 'rtsp:': 554, 'rtsps:': 322 };

/** Host and port an RTSP input connects to; null when there is nothing to probe. */
export function rtspEndpoint(input: StreamInput): { host: string; port: number } | null {
  if (input.kind !== 'rtsp') return null;
  try {
    const u = new URL(input.url);
    const fallback = DEFAULT_PORTS[u.protocol];
    if (fallback === undefined || !u.hostname) return null;
    return { host: u.hostname.replace(/^\[|\]$/g, ''), port: u.port ? Number(u.port) : fallback };
  } catch {
    return null;
  }
}

/** Resolves true once a TCP connection opens, false on refusal, error or timeout. */
export function tcpAccepts(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * A supervisor probe for the input last used to spawn ffmpeg (`current()`).
 * Inputs without an endpoint (demo cameras) always count as reachable.
 */
export function reachabilityProbe(current: () => StreamInput | null): () => Promise<boolean> {
  return async () => {
    const input = current();
    const endpoint = input ? rtspEndpoint(input) : null;
    return endpoint ? tcpAccepts(endpoint.host, endpoint.port) : true;
  };
}
