import { describe, expect, it } from 'vitest';
import { liveUrl, LiveQuery } from './live-stream';
import { handoverPdfUrl, snapshotUrl, type MediaAccess } from './media-routes';
import { recordingUrl, transcodeUrl } from './recording-urls';

const access: MediaAccess = {
  mediaBaseUrl: 'http://127.0.0.1:4100/',
  mediaToken: 'm t',
  session: 's+1/=',
};

describe('media URLs', () => {
  it('builds the live WebSocket URL from the media base URL', () => {
    const url = liveUrl(
      { mediaBaseUrl: 'http://127.0.0.1:5123', mediaToken: 'a b', session: 's-1' },
      { camera: 'cam-1', stream: 'sub', format: 'fmp4' },
    );
    expect(url).toBe(
      'ws://127.0.0.1:5123/live?camera=cam-1&stream=sub&format=fmp4&token=a+b&session=s-1',
    );
  });

  it('reads a live URL back with the query schema the server uses', () => {
    const url = new URL(liveUrl(access, { camera: 'cam-2', stream: 'main', format: 'mpeg1' }));
    expect(url.protocol).toBe('ws:');
    expect(LiveQuery.parse(Object.fromEntries(url.searchParams))).toEqual({
      camera: 'cam-2',
      stream: 'main',
      format: 'mpeg1',
    });
    expect(LiveQuery.parse({ camera: 'cam-2' })).toEqual({
      camera: 'cam-2',
      stream: 'main',
      format: 'fmp4',
    });
    expect(LiveQuery.safeParse({ camera: 'cam-2', format: 'h264' }).success).toBe(false);
  });

  it('names a recorded segment by id with the launch and session tokens', () => {
    expect(recordingUrl(access, 42)).toBe(
      'http://127.0.0.1:4100/recordings/42?token=m+t&session=s%2B1%2F%3D',
    );
    expect(recordingUrl({ ...access, session: null }, 7)).toBe(
      'http://127.0.0.1:4100/recordings/7?token=m+t',
    );
    expect(recordingUrl(access, 42, { atMs: 31_999.6 })).toBe(
      'http://127.0.0.1:4100/recordings/42?token=m+t&at=32000&session=s%2B1%2F%3D',
    );
    expect(recordingUrl(access, 42, { atMs: -5 })).toContain('at=0&');
    expect(transcodeUrl(access, 7, 1234.4)).toBe(
      'http://127.0.0.1:4100/recordings/h264/7?token=m+t&from=1234&session=s%2B1%2F%3D',
    );
  });

  it('carries the handover id, the launch token and the session token to the handover PDF', () => {
    const url = new URL(handoverPdfUrl(access, 'h-1'));
    expect(url.origin).toBe('http://127.0.0.1:4100');
    expect(url.pathname).toBe('/reports/handover.pdf');
    expect(url.searchParams.get('id')).toBe('h-1');
    expect(url.searchParams.get('token')).toBe('m t');
    expect(url.searchParams.get('session')).toBe('s+1/=');
  });

  it('escapes a snapshot id into one path segment', () => {
    const url = new URL(snapshotUrl(access, 'a/b c'));
    expect(url.pathname).toBe('/snapshots/a%2Fb%20c');
    expect(url.searchParams.get('token')).toBe('m t');
    expect(url.searchParams.get('session')).toBe('s+1/=');
  });
});
