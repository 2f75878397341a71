import { describe, expect, it, vi } from 'vitest';
import { encodeLiveTextFrame } from '../../electron/contract/live-stream';
import { tileState } from './camera-state';
import { parseLiveTextFrame, reconnectDelayMs } from './live-protocol';

describe('live protocol', () => {
  it('parses init and status frames as the server encodes them', () => {
    const init = { type: 'init', codec: 'avc1.640016' } as const;
    expect(parseLiveTextFrame(encodeLiveTextFrame(init))).toEqual(init);
    // The server names no codec it does not recognise; the player then waits for the next init.
    expect(parseLiveTextFrame('{"type":"init","codec":null}')).toEqual({
      type: 'init',
      codec: null,
    });
    const status = {
      type: 'status',
      cameraId: 'cam-1',
      stream: 'sub',
      state: 'offline',
      since: 5,
      errorKind: 'unreachable',
      retryAt: 9,
    } as const;
    expect(parseLiveTextFrame(encodeLiveTextFrame(status))).toEqual(status);
  });

  it('keeps the state of a status whose error kind it does not know', () => {
    const frame = parseLiveTextFrame(
      '{"type":"status","cameraId":"c","stream":"main","state":"offline","since":5,"errorKind":"future_kind","retryAt":null}',
    );
    expect(frame).toMatchObject({ type: 'status', state: 'offline', errorKind: null });
  });

  it('ignores anything else, with a warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(parseLiveTextFrame('{"type":"status","state":"weird"}')).toBeNull();
      expect(parseLiveTextFrame('{"type":"init"}')).toBeNull();
      expect(parseLiveTextFrame('{"type":"hello","codec":"x"}')).toBeNull();
      expect(parseLiveTextFrame('not json')).toBeNull();
      expect(warn).toHaveBeenCalledTimes(4);
    } finally {
      warn.mockRestore();
    }
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
      cameraId: 'c',
      stream: 'sub' as const,
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
      cameraId: 'c',
      stream: 'sub' as const,
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
