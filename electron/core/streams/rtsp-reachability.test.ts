import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { reachabilityProbe, rtspEndpoint, tcpAccepts } from './rtsp-reachability';
import type { StreamInput } from './types';

const rtsp = (url: string): StreamInput => ({ kind: 'rtsp', url, safeLabel: 'cam' });

describe('rtspEndpoint', () => {
  it('finds host and port, with the RTSP default port and credentials in the URL', () => {
    expect(rtspEndpoint(rtsp('rtsp://10.0.0.5/Streaming/Channels/101'))).toEqual({
      host: '10.0.0.5',
      port: 554,
    });
    expect(rtspEndpoint(rtsp('rtsp://admin:p%40ss@cam.local:8554/live'))).toEqual({
      host: 'cam.local',
      port: 8554,
    });
    expect(rtspEndpoint(rtsp('rtsp://[fe80::1]:10554/x'))).toEqual({
      host: 'fe80::1',
      port: 10554,
    });
    expect(rtspEndpoint(rtsp('rtsps://10.0.0.5/x'))).toEqual({ host: '10.0.0.5', port: 322 });
  });

  it('has nothing to probe for demo cameras, other schemes and broken URLs', () => {
    expect(rtspEndpoint({ kind: 'demo', index: 1, title: 'Demo', safeLabel: 'demo' })).toBeNull();
    expect(rtspEndpoint(rtsp('http://10.0.0.5/x'))).toBeNull();
    expect(rtspEndpoint(rtsp('not a url'))).toBeNull();
  });
});

describe('tcpAccepts and the probe', () => {
  it('is true for a listening port and false once it is closed', async () => {
    const server = createServer((s) => s.destroy());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    expect(await tcpAccepts('127.0.0.1', port)).toBe(true);
    const probe = reachabilityProbe(() => rtsp(`rtsp://127.0.0.1:${port}/cam1`));
    expect(await probe()).toBe(true);
    await new Promise<void>((r) => server.close(() => r()));
    expect(await tcpAccepts('127.0.0.1', port)).toBe(false);
    expect(await probe()).toBe(false);
    // Before the first spawn there is no input yet: nothing to hold the retry back.
    expect(await reachabilityProbe(() => null)()).toBe(true);
  });
});
