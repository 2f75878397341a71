import { describe, expect, it } from 'vitest';
import { safeUrlLabel, splitCredentials, withCredentials } from './rtsp-url';
import { recorderChannelUrls } from '../../contract/camera-urls';

describe('splitCredentials', () => {
  it('moves user and password out of a pasted URL, percent-decoding them', () => {
    expect(
      splitCredentials(' rtsp://admin:Hik%4012345@192.168.1.64:554/Streaming/Channels/101 '),
    ).toEqual({
      url: 'rtsp://192.168.1.64:554/Streaming/Channels/101',
      username: 'admin',
      password: 'Hik@12345',
    });
  });

  it('copes with raw @ and / in a password', () => {
    expect(
      splitCredentials('rtsp://admin:p@ss@10.0.0.2/cam/realmonitor?channel=1&subtype=0'),
    ).toEqual({
      url: 'rtsp://10.0.0.2/cam/realmonitor?channel=1&subtype=0',
      username: 'admin',
      password: 'p@ss',
    });
    expect(splitCredentials('rtsp://admin:a/b@10.0.0.2:554/live')).toEqual({
      url: 'rtsp://10.0.0.2:554/live',
      username: 'admin',
      password: 'a/b',
    });
  });

  it('leaves a URL without credentials alone, and keeps an @ inside the path', () => {
    expect(splitCredentials('rtsp://10.0.0.2/live')).toEqual({
      url: 'rtsp://10.0.0.2/live',
      username: null,
      password: null,
    });
    expect(splitCredentials('rtsp://10.0.0.2/user@x/live').url).toBe('rtsp://10.0.0.2/user@x/live');
    expect(splitCredentials('rtsp://viewer@10.0.0.2/live')).toEqual({
      url: 'rtsp://10.0.0.2/live',
      username: 'viewer',
      password: null,
    });
  });

  it('round-trips through withCredentials with encoding for ffmpeg', () => {
    const url = withCredentials('rtsp://10.0.0.2:554/live', 'ad min', 'p@ss:/#%');
    expect(url).toBe('rtsp://ad%20min:p%40ss%3A%2F%23%25@10.0.0.2:554/live');
    expect(splitCredentials(url)).toEqual({
      url: 'rtsp://10.0.0.2:554/live',
      username: 'ad min',
      password: 'p@ss:/#%',
    });
    expect(safeUrlLabel(url)).toBe('rtsp://10.0.0.2:554/live');
    expect(withCredentials('rtsp://h/x', null, null)).toBe('rtsp://h/x');
  });
});

describe('recorderChannelUrls', () => {
  it('Hikvision: <ch>01 main, <ch>02 sub', () => {
    expect(recorderChannelUrls('hikvision', '10.0.0.9', 554, 3)).toEqual({
      main: 'rtsp://10.0.0.9:554/Streaming/Channels/301',
      sub: 'rtsp://10.0.0.9:554/Streaming/Channels/302',
    });
    expect(recorderChannelUrls('hikvision', '10.0.0.9', 554, 12).main).toBe(
      'rtsp://10.0.0.9:554/Streaming/Channels/1201',
    );
  });

  it('Dahua/KBVision: realmonitor subtype 0 and 1', () => {
    expect(recorderChannelUrls('dahua', 'dvr.local', 8554, 2)).toEqual({
      main: 'rtsp://dvr.local:8554/cam/realmonitor?channel=2&subtype=0',
      sub: 'rtsp://dvr.local:8554/cam/realmonitor?channel=2&subtype=1',
    });
  });

  it('generic: default pattern, custom {ch}/{ch2} patterns, no sub-stream, IPv6 host', () => {
    expect(recorderChannelUrls('generic', 'h', 554, 4)).toEqual({
      main: 'rtsp://h:554/ch04/main',
      sub: 'rtsp://h:554/ch04/sub',
    });
    expect(recorderChannelUrls('generic', 'h', 554, 7, { main: 'live/{ch}/0', sub: null })).toEqual(
      {
        main: 'rtsp://h:554/live/7/0',
        sub: null,
      },
    );
    expect(recorderChannelUrls('hikvision', 'fe80::1', 554, 1).main).toBe(
      'rtsp://[fe80::1]:554/Streaming/Channels/101',
    );
  });
});
