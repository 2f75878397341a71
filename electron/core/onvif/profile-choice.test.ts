import { describe, expect, it } from 'vitest';
import type { OnvifProfile } from '../../contract/onvif';
import { chooseProfiles, repairStreamUri } from './profile-choice';

const p = (
  token: string,
  codec: string | null,
  width: number,
  height: number,
  hasPtz = false,
): OnvifProfile => ({ token, name: token, codec, width, height, fps: 25, hasPtz });

describe('chooseProfiles', () => {
  it('main is the largest H.264/H.265, sub the smallest ≥ 320 px, MJPEG dropped', () => {
    const choice = chooseProfiles([
      p('sub', 'H264', 640, 360),
      p('jpeg', 'JPEG', 1920, 1080),
      p('tiny', 'H264', 176, 144),
      p('main', 'H265', 2560, 1440),
      p('mid', 'H264', 1280, 720),
    ]);
    expect(choice).toEqual({ main: 'main', sub: 'sub', ptz: null });
  });

  it('one video profile: no sub; the PTZ profile is the one with a PTZ configuration', () => {
    expect(chooseProfiles([p('only', 'H264', 1920, 1080), p('j', 'JPEG', 640, 480, true)])).toEqual(
      { main: 'only', sub: null, ptz: 'j' },
    );
    expect(
      chooseProfiles([p('a', 'H264', 1920, 1080, true), p('b', 'H264', 704, 576, true)]).ptz,
    ).toBe('a');
  });

  it('no video profile at all', () => {
    expect(chooseProfiles([])).toEqual({ main: null, sub: null, ptz: null });
  });
});

describe('repairStreamUri', () => {
  it('puts the device host in place of 0.0.0.0 or a factory address, keeping port and path', () => {
    expect(repairStreamUri('rtsp://0.0.0.0:554/Streaming/Channels/101?x=1', '192.168.1.64')).toBe(
      'rtsp://192.168.1.64:554/Streaming/Channels/101?x=1',
    );
    expect(repairStreamUri('rtsp://192.168.1.10/ch1', '10.0.0.5')).toBe('rtsp://10.0.0.5/ch1');
  });

  it('never keeps credentials in the URL', () => {
    expect(repairStreamUri('rtsp://admin:secret@127.0.0.1:8554/main', '127.0.0.1')).toBe(
      'rtsp://127.0.0.1:8554/main',
    );
  });
});
