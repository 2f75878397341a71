import { describe, expect, it } from 'vitest';
import { tileState } from './camera-state';
import { liveUrl, parseLiveTextFrame, reconnectDelayMs } from './live-protocol';

describe('live protocol', () => {
  it('builds the media WebSocket URL from the media base URL', () => {
    expect(liveUrl('http://127.0.0.1:5123', 'a b', 's-1', 'cam-1', 'sub', 'fmp4')).toBe(
      'ws://127.0.0.1:5123/live?camera=cam-1&stream=sub&format=fmp4&token=a+b&session=s-1',
    );
  });

  it('parses init and status frames and ignores anything else', () => {
    expect(parseLiveTextFrame('{"type":"init","codec":"avc1.640016"}')).toEqual({
      type: 'init',
      codec: 'avc1.640016',
    });
    expect(
      parseLiveTextFrame(
        '{"type":"status","state":"offline","errorKind":"unreachable","since":5,"retryAt":9}',
      ),
    ).toEqual({ type: 'status', state: 'offline', errorKind: 'unreachable', since: 5, retryAt: 9 });
    expect(parseLiveTextFrame('{"type":"status","state":"weird"}')).toBeNull();
    expect(parseLiveTextFrame('not json')).toBeNull();
  });

  it('backs off from 1 s to a 10 s ceiling', () => {
    expect([0, 1, 2, 3, 4, 10].map(reconnectDelayMs)).toEqual([
      1000, 2000, 4000, 8000, 10000, 10000,
    ]);
  });
});

describe('tileState', () => {
  const main = (state: 'live' | 'offline' | 'connecting' | 'reconnecting', since: number) => ({
    cameraId: 'c',
    stream: 'sub' as const,
    state,
    since,
    errorKind: null,
    retryAt: null,
  });

  it('shows connecting before anything is known', () => {
    expect(tileState(undefined, null, false, false).state).toBe('connecting');
  });

  it('is live once pictures arrive', () => {
    expect(tileState(main('connecting', 1), null, true, false).state).toBe('live');
  });

  it('keeps offline even if an old picture is on screen', () => {
    expect(tileState(main('offline', 7), null, true, false)).toEqual({
      state: 'offline',
      since: 7,
    });
  });

  it('prefers the newer of main and the media socket', () => {
    const sock = {
      type: 'status' as const,
      state: 'live' as const,
      errorKind: null,
      since: 9,
      retryAt: null,
    };
    expect(tileState(main('offline', 7), sock, true, false).state).toBe('live');
  });

  it('on a tie the graver report wins: offline keeps the since of the reconnecting before it', () => {
    const sock = (state: 'reconnecting' | 'offline') => ({
      type: 'status' as const,
      state,
      errorKind: null,
      since: 7,
      retryAt: null,
    });
    // main says offline, the media socket's last frame was reconnecting (both since 7).
    expect(tileState(main('offline', 7), sock('reconnecting'), false, false).state).toBe('offline');
    // and the other way round.
    expect(tileState(main('reconnecting', 7), sock('offline'), false, true).state).toBe('offline');
  });

  it('shows reconnecting while the media socket is down', () => {
    expect(tileState(main('live', 1), null, false, true).state).toBe('reconnecting');
  });
});
